import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TransientError, isTransientError } from '@news/contracts';
import { InMemoryDedupStore, type DedupStore } from '@news/dedup';
import { GeoTagger } from '@news/tagging';
import { InProcessPipeline, createPipeline, type PublishableOutcome, type RawEnvelope } from '@news/pipeline';
import { ThreadedPipeline, threadExecArgv } from './threaded-pipeline';
import { badInputs } from '../../../test/fixtures/bad-inputs';
import { HTML_ARTICLE, SEED_ARTICLE, TEXT_ARTICLE } from '../../../test/fixtures/good-articles';

// Under jest the sources are TypeScript: the threads load them through the same loader the worker tests use.
const TS_LOADER = ['-r', join(__dirname, '../../../test/worker/support/register-ts.js')];
const TOPIC = 'news.articles.raw.v1';

const envelope = (value: RawEnvelope['value'], offset: number): RawEnvelope => ({
  value,
  key: `k${offset}`,
  headers: { 'x-correlation-id': `c${offset}` },
  topic: TOPIC,
  partition: 1,
  offset: String(offset),
});

/** The outcome without the moment it was produced (processedAt / failedAt differ between two runs). */
function comparable(outcome: PublishableOutcome): unknown {
  const value = JSON.parse(outcome.record.value) as Record<string, unknown>;
  delete value.processedAt;
  delete value.failedAt;
  return { ...outcome, record: { ...outcome.record, value } };
}

function threaded(dedupStore: DedupStore, threads = 2): ThreadedPipeline {
  return new ThreadedPipeline({ threads, dedupStore, execArgv: TS_LOADER });
}

describe('ThreadedPipeline', () => {
  jest.setTimeout(120_000);
  const pipelines: ThreadedPipeline[] = [];
  afterAll(async () => {
    await Promise.all(pipelines.map((pipeline) => pipeline.close()));
  });

  const inputs = [
    JSON.stringify(SEED_ARTICLE),
    JSON.stringify(HTML_ARTICLE),
    JSON.stringify(TEXT_ARTICLE),
    JSON.stringify(SEED_ARTICLE), // a re-scrape of the first: a duplicate
    ...badInputs({ hugeBytes: 64 * 1024 }).map((bad) => bad.value),
  ].map((value, offset) => envelope(value, offset));
  // As kafkajs hands them over: byte values that are views into one larger buffer (the fetch response).
  const fetched = Buffer.concat(inputs.map((input) => Buffer.from(input.value ?? '')));
  let at = 0;
  const asFetched = inputs.map((input, index) => {
    const length = Buffer.byteLength(input.value ?? '');
    const value = index % 2 === 0 && input.value !== null ? fetched.subarray(at, at + length) : input.value;
    at += length;
    return { ...input, value };
  });

  it('produces what the in-process pipeline produces, input by input', async () => {
    const inline = new InProcessPipeline(
      createPipeline({ tagger: GeoTagger.load(), dedupStore: new InMemoryDedupStore() }),
    );
    const pipeline = threaded(new InMemoryDedupStore());
    pipelines.push(pipeline);
    await pipeline.start();

    const expected = await inline.processBatch(asFetched);
    const actual = await pipeline.processBatch(asFetched);
    expect(actual.map(comparable)).toEqual(expected.map(comparable));
    expect(actual.map((outcome) => outcome.kind).slice(0, 4)).toEqual([
      'enriched',
      'enriched',
      'enriched',
      'duplicate',
    ]);
    expect(actual[0].countries).toEqual(expect.arrayContaining(['UA', 'RU', 'CN']));
  });

  it('decides duplicates across threads through the one store, and reports stage timings', async () => {
    const pipeline = threaded(new InMemoryDedupStore());
    pipelines.push(pipeline);
    await pipeline.start();
    const stages = new Set<string>();
    const observer = { observe: (stage: string) => stages.add(stage) };
    // A slice goes to the least busy thread, the first one on a tie: with two slices in flight the seed lands on
    // thread 1; alone, its copy lands on thread 0, whose own pipeline never saw it. Only the shared store can
    // say "duplicate".
    const [first, second] = await Promise.all([
      pipeline.processBatch([envelope(JSON.stringify(TEXT_ARTICLE), 101)], observer),
      pipeline.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 100)], observer),
    ]);
    const again = await pipeline.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 102)]);
    expect([first[0].kind, second[0].kind, again[0].kind]).toEqual(['enriched', 'enriched', 'duplicate']);
    expect([...stages]).toEqual(expect.arrayContaining(['parse', 'normalize', 'dedup', 'tag']));
  });

  it('rejects with a TransientError when the store is down, and keeps working afterwards', async () => {
    const healthy = new InMemoryDedupStore();
    let down = true;
    const flaky: DedupStore = {
      claimBatch: (claims, policy) =>
        down
          ? Promise.reject(new TransientError('redis: connection refused'))
          : healthy.claimBatch(claims, policy),
      size: () => healthy.size(),
      close: () => Promise.resolve(),
    };
    const pipeline = threaded(flaky, 1);
    pipelines.push(pipeline);
    await pipeline.start();
    const error = await pipeline
      .processBatch([envelope(JSON.stringify(TEXT_ARTICLE), 200)])
      .catch((e: unknown) => e);
    expect(isTransientError(error)).toBe(true);
    expect((error as Error).message).toContain('connection refused');
    down = false;
    const [outcome] = await pipeline.processBatch([envelope(JSON.stringify(TEXT_ARTICLE), 200)]);
    expect(outcome.kind).toBe('enriched');
  });

  it('fails the slices of a thread that dies, replaces the thread, and goes on', async () => {
    const exits: string[] = [];
    const pipeline = new ThreadedPipeline({
      threads: 1,
      dedupStore: new InMemoryDedupStore(),
      execArgv: TS_LOADER,
      onThreadExit: (_, reason) => exits.push(reason),
    });
    pipelines.push(pipeline);
    await pipeline.start();
    const inFlight = pipeline.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 300)]);
    await (
      pipeline as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }
    ).threads[0].worker.terminate();
    await expect(inFlight).rejects.toThrow(/pipeline thread 0/);
    expect(exits).toHaveLength(1);
    const [outcome] = await pipeline.processBatch([envelope(JSON.stringify(TEXT_ARTICLE), 301)]);
    expect(outcome.kind).toBe('enriched');
  });

  it('replaces an idle thread whose heap grew on releaseMemory, and the fresh one carries on with the same store', async () => {
    const recycled: number[] = [];
    const exits: string[] = [];
    const options = {
      threads: 1,
      dedupStore: new InMemoryDedupStore(),
      execArgv: TS_LOADER,
      onThreadRecycled: (thread: number) => recycled.push(thread),
      onThreadExit: (_: number, reason: string) => exits.push(reason),
    };
    // Any growth at all counts here; with the default threshold one small slice is not worth a new thread.
    const eager = new ThreadedPipeline({ ...options, recycleGrowthMb: 0 });
    const lazy = new ThreadedPipeline(options);
    pipelines.push(eager, lazy);
    await Promise.all([eager.start(), lazy.start()]);
    const [first] = await eager.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 500)]);
    await lazy.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 500)]);
    eager.releaseMemory();
    lazy.releaseMemory();
    expect(recycled).toEqual([0]);
    const [again] = await eager.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 501)]);
    expect([first.kind, again.kind]).toEqual(['enriched', 'duplicate']);
    // Replaced, not died: no exit reported, and the lazy pipeline kept its thread.
    expect(exits).toEqual([]);
    expect(recycled).toEqual([0]);
  });

  // In a plain Node process: the heap ceiling is a process flag, and liveness is about the process itself.
  const ROOT = join(__dirname, '../../..');
  const inChildProcess = (nodeOptions: string[], script: string): string =>
    execFileSync(process.execPath, [...nodeOptions, ...TS_LOADER, '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  const CHILD_SETUP = `
    const { ThreadedPipeline } = require('./libs/pipeline-threads/src/index.ts');
    const { InMemoryDedupStore } = require('./libs/dedup/src/index.ts');
    const envelope = (value, offset) =>
      ({ value, key: null, headers: {}, topic: 'news.articles.raw.v1', partition: 0, offset: String(offset) });
    const story = (id, paragraphs) => JSON.stringify({ id, url: 'https://x.example/' + id, title: 'Story ' + id,
      text: Array.from({ length: paragraphs }, (_, k) => 'Paragraph ' + k + ' says officials in Kyiv met their counterparts ' + k + ' times.').join('\\n\\n') });
  `;

  it('replaces a thread that runs out of heap; the slice fails, the process and the next slice go on', () => {
    // 400 copies of a 280 KB story in one slice need more than the 200 MB heap ceiling in the thread, while the
    // main thread holds the one string. (--max-old-space-size bounds every thread of the process.) Nothing else
    // keeps this process alive: without the ref a slice in flight holds, it ended with exit code 0 and no answer
    // while the thread worked on the large slice.
    const output = inChildProcess(
      ['--max-old-space-size=200'],
      `${CHILD_SETUP}
      (async () => {
        const exits = [];
        const pipeline = new ThreadedPipeline({
          threads: 1, dedupStore: new InMemoryDedupStore(), onThreadExit: (thread, reason) => exits.push(reason),
        });
        await pipeline.start();
        const large = story('large', 4000);
        let failure = '';
        try {
          await pipeline.processBatch(Array.from({ length: 400 }, (_, i) => envelope(large, i)));
        } catch (error) {
          failure = error.message;
        }
        const after = await pipeline.processBatch([envelope(story('small', 6), 400)]);
        await pipeline.close();
        process.stdout.write(JSON.stringify({ failure, exits, after: after.map((o) => o.kind) }));
      })();`,
    );
    const result = JSON.parse(output) as { failure: string; exits: string[]; after: string[] };
    expect(result.failure).toMatch(/pipeline thread 0 failed: .*memory limit/);
    expect(result.exits).toHaveLength(1);
    expect(result.after).toEqual(['enriched']);
  });

  it('passes module loaders on to the threads but not the heap flags the Worker constructor rejects', () => {
    expect(
      threadExecArgv([
        '--max-old-space-size=768',
        '-r',
        '/x/register.js',
        '--max-semi-space-size=32',
        '--require=/y.js',
        '--enable-source-maps',
        '--expose-gc',
      ]),
    ).toEqual(['-r', '/x/register.js', '--require=/y.js', '--enable-source-maps']);
  });
});
