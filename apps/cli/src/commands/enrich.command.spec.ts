import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DeadLetterSchema, DuplicateNoticeSchema, EnrichedArticleSchema, HEADERS } from '@news/contracts';
import { buildProgram } from '../main';
import { badInputs } from '../../../../test/fixtures/bad-inputs';
import { HTML_ARTICLE, SEED_ARTICLE } from '../../../../test/fixtures/good-articles';

const checks = {
  'news.articles.enriched.v1': TypeCompiler.Compile(EnrichedArticleSchema),
  'news.articles.duplicates.v1': TypeCompiler.Compile(DuplicateNoticeSchema),
  'news.articles.dlq.v1': TypeCompiler.Compile(DeadLetterSchema),
};

/**
 * `news-ingest enrich --input … --output …`, as a user types it. On one thread: under Jest the sources are
 * TypeScript, which pipeline threads cannot load without a loader (ordered-threaded-pipeline.spec.ts runs them).
 */
const enrich = (input: string, output: string, ...options: string[]) =>
  buildProgram().parseAsync([
    'node',
    'news-ingest',
    'enrich',
    '--input',
    input,
    '--output',
    output,
    '--threads',
    '1',
    ...options,
  ]);

describe('news-ingest enrich', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'enrich-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one valid record per input line, in order, dead-lettering bad lines and going on', async () => {
    // One input per line: a value holding a raw line break would be two lines of JSON Lines.
    const lines: Buffer[] = [Buffer.from(JSON.stringify(SEED_ARTICLE))];
    for (const bad of badInputs({ hugeBytes: 9 * 1024 * 1024 })) {
      if (bad.value === null || bad.value.length === 0) continue;
      const bytes = Buffer.from(bad.value);
      lines.push(Buffer.from(bytes.map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b))));
    }
    lines.push(Buffer.from(JSON.stringify(HTML_ARTICLE)), Buffer.from(JSON.stringify(SEED_ARTICLE)));
    const input = join(dir, 'in.jsonl');
    const output = join(dir, 'out.jsonl');
    writeFileSync(input, Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));

    await enrich(input, output, '--batch-size', '7');

    const records = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            topic: keyof typeof checks;
            key: string | null;
            headers: Record<string, string>;
            value: unknown;
          },
      );
    expect(records).toHaveLength(lines.length);
    records.forEach((record, i) => {
      expect(record.headers[HEADERS.sourceOffset]).toBe(String(i + 1));
      expect([...checks[record.topic].Errors(record.value)]).toEqual([]);
    });
    expect(records[0].topic).toBe('news.articles.enriched.v1');
    const last = records[records.length - 1];
    expect(last.topic).toBe('news.articles.duplicates.v1');
    expect((last.value as { sameUrl: boolean }).sameUrl).toBe(true);
    const rejected = records.filter((r) => r.topic === 'news.articles.dlq.v1');
    expect(rejected.length).toBeGreaterThanOrEqual(25);
  }, 120_000);

  it('fails clearly on an output path it cannot write', async () => {
    writeFileSync(join(dir, 'ok.jsonl'), `${JSON.stringify(HTML_ARTICLE)}\n`);
    await expect(enrich(join(dir, 'ok.jsonl'), join(dir, 'no/such/dir/out.jsonl'))).rejects.toThrow(
      /cannot write --output .*out.jsonl: ENOENT/,
    );
  });

  it('fails clearly on a missing input file', async () => {
    await expect(enrich(join(dir, 'nope.jsonl'), join(dir, 'x'))).rejects.toThrow(
      /cannot read --input .*nope.jsonl: no such file/,
    );
  });
});
