import { join } from 'node:path';
import { InMemoryDedupStore } from '@news/dedup';
import { createPipeline, type RawEnvelope } from '@news/pipeline';
import { badInputs } from '../../../test/fixtures/bad-inputs';
import { HTML_ARTICLE, SEED_ARTICLE, TEXT_ARTICLE } from '../../../test/fixtures/good-articles';
import { OrderedThreadedPipeline } from './ordered-threaded-pipeline';

// Under jest the sources are TypeScript: the threads load them through the same loader the worker tests use.
const TS_LOADER = ['-r', join(__dirname, '../../../test/worker/support/register-ts.js')];
const NOW = Date.parse('2026-11-02T12:00:00.000Z');

/**
 * A stream in which the verdict of an input depends on earlier batches: stories, their re-scrapes and syndicated
 * copies a few batches later, updates, and bad input, in batches of 5.
 */
function stream(): RawEnvelope[][] {
  const values: string[] = [];
  const stories = [SEED_ARTICLE, HTML_ARTICLE, TEXT_ARTICLE] as Record<string, unknown>[];
  for (let i = 0; i < 30; i++) {
    const base = stories[i % stories.length];
    values.push(JSON.stringify({ ...base, id: `s${i}`, url: `https://site${i % 4}.example/story-${i}` }));
    if (i % 3 === 2)
      values.push(JSON.stringify({ ...base, id: `copy${i}`, url: `https://copy.example/${i}` }));
    if (i % 5 === 4)
      values.push(JSON.stringify({ ...stories[(i + 1) % 3], url: `https://site1.example/story-1` }));
  }
  for (const bad of badInputs({ hugeBytes: 16 * 1024 }))
    values.splice(values.length >> 1, 0, String(bad.value));
  const envelopes = values.map((value, i): RawEnvelope => ({
    value: Buffer.from(value),
    key: null,
    headers: {},
    topic: 'raw',
    partition: 0,
    offset: String(i + 1),
    timestamp: String(NOW + i),
  }));
  const batches: RawEnvelope[][] = [];
  for (let i = 0; i < envelopes.length; i += 5) batches.push(envelopes.slice(i, i + 5));
  return batches;
}

describe('OrderedThreadedPipeline', () => {
  jest.setTimeout(180_000);

  it('gives, byte for byte, what one pipeline gives, however the threads interleave', async () => {
    const batches = stream();
    const single = createPipeline({ dedupStore: new InMemoryDedupStore() });
    const expected: string[] = [];
    for (const batch of batches)
      for (const outcome of await single.processBatch(batch)) expected.push(outcome.record.value);
    expect(
      new Set(expected.map((v) => (JSON.parse(v) as { duplicateOf?: string }).duplicateOf !== undefined)),
    ).toEqual(new Set([true, false]));

    const pipeline = await OrderedThreadedPipeline.start({
      threads: 3,
      dedupStore: new InMemoryDedupStore(),
      execArgv: TS_LOADER,
    });
    try {
      // Every batch in flight at once: the threads reach their dedup steps in whatever order they run.
      const results = await Promise.all(batches.map((batch) => pipeline.processBatch(batch)));
      const actual = results.flatMap((result) => result.outcomes.map((outcome) => outcome.record.value));
      expect(actual).toEqual(expected);
      const codes = results.flatMap((result) => result.details.map((detail) => detail.code).filter(Boolean));
      expect(codes.length).toBeGreaterThan(0);
    } finally {
      await pipeline.close();
    }
  });
});
