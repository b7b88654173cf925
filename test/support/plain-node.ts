import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * Runs `script` in a plain Node process that loads the TypeScript sources, from the repository root, and
 * returns the JSON it writes to stdout. For what jest cannot show: jest keeps its own module registry, so
 * writes to require.cache (kafkajs' replaced modules) and once-per-process registrations only hold there.
 */
export function inPlainNode<T>(script: string): T {
  const output = execFileSync(
    process.execPath,
    ['-r', join(ROOT, 'test/worker/support/register-ts.js'), '-e', script],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(output) as T;
}
