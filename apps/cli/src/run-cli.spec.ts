import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

describe('news-ingest entry point', () => {
  it('runs when bin/news-ingest.js calls runCli, whatever argv[1] is (npx runs it through a .bin link)', () => {
    // bin/news-ingest.js requires the compiled main and calls runCli: the same call, on the sources.
    expect(readFileSync(join(ROOT, 'bin/news-ingest.js'), 'utf8')).toContain('.runCli(process.argv)');
    const output = execFileSync(
      process.execPath,
      [
        '-r',
        join(ROOT, 'test/worker/support/register-ts.js'),
        '-e',
        "require('./apps/cli/src/main.ts').runCli(['node', '/tmp/npx-cache/node_modules/.bin/news-ingest', '--help'])",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(output).toContain('Usage: news-ingest');
    expect(output).toContain('enrich');
  });
});
