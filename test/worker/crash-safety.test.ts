import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HEADERS } from '@news/contracts';
import { InMemoryDedupStore } from '@news/dedup';
import { createPipeline, type RawEnvelope } from '@news/pipeline';
import {
  articleFor,
  type CollectedOutput,
  countByCorrelation,
  type TestTopics,
} from './support/stream-fixtures';
import { sleep } from './support/worker-process';
import { workerSuite, type WorkerSuite } from './support/worker-suite';

/**
 * The worker is SIGKILLed at random moments while a stream flows in, and restarted each time. Reading the
 * outputs with read_committed afterwards, every input must appear exactly once across enriched, duplicates
 * and dead letters: no loss from the kills, no duplicate from the replays.
 *
 * The stream is STORIES stories, each sent as COPIES exact copies under different URLs and a re-scrape of its
 * first URL, in a shuffled order over the partitions: an uninterrupted run publishes each story once, whatever
 * the order. So both stores must too: the in-memory store only by restoring its index from the changelog after
 * every kill, Redis by keeping it. And every duplicate notice must name an article that was published: a replay
 * that contradicted the first attempt, or an index restored with claims whose outputs were never committed,
 * shows as a notice pointing at nothing. The enriched count is also compared with an uninterrupted offline run of
 * the same inputs through the pipeline (within 2 %).
 *
 * Sizes for a long run (the defaults are CI's): CRASH_TEST_EVENTS / CRASH_TEST_KILLS (memory store),
 * CRASH_TEST_REDIS_EVENTS / CRASH_TEST_REDIS_KILLS (Redis); CRASH_TEST_CHUNK inputs produced every 300 ms (20);
 * CRASH_TEST_KILL_GAP_SCALE stretches the 0.7-3.2 s between kills (1); CRASH_TEST_TIMEOUT_MS per store (600,000).
 */
const COPIES = 4;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const STORES = [
  { store: 'memory', events: env('CRASH_TEST_EVENTS', 3000), kills: env('CRASH_TEST_KILLS', 6) },
  { store: 'redis', events: env('CRASH_TEST_REDIS_EVENTS', 2400), kills: env('CRASH_TEST_REDIS_KILLS', 5) },
] as const;
const CHUNK = env('CRASH_TEST_CHUNK', 20);
const KILL_GAP_SCALE = env('CRASH_TEST_KILL_GAP_SCALE', 1);
const TIMEOUT_MS = env('CRASH_TEST_TIMEOUT_MS', 600_000);

describe.each(STORES)(
  'crash safety (exactly-once under SIGKILL), dedup store $store',
  ({ store, events: total, kills }) => {
    const suite = workerSuite(`crash-${store}`);
    const { topics } = suite;

    it(
      `delivers ${total} inputs exactly once through ${kills} SIGKILLs`,
      async () => {
        const started = Date.now();
        const storeEnv = store === 'redis' ? suite.redisEnv() : {};
        const worker = await suite.readyWorker('crash', { BATCH_MAX_MESSAGES: '200', ...storeEnv });

        // Every 25th input is not JSON: its dead letter must be exactly-once too.
        const stories = copiesStream(total, seeded(7));
        const inputs = stories.map(({ story, site }, i) => {
          const id = `in-${i}`;
          return i % 25 === 7
            ? { key: id, value: `{"id":"${id}", broken`, headers: { 'x-correlation-id': id } }
            : storyCopy(id, story, site);
        });
        const published = new Set(stories.filter((_, i) => i % 25 !== 7).map((s) => s.story)).size;
        // The stream keeps flowing while the worker is killed and restarted.
        const producing = suite.produce(inputs, CHUNK, 300);

        const random = seeded(Number(process.env.CRASH_TEST_SEED ?? 4242));
        let interruptedMidStream = 0;
        for (let kill = 0; kill < kills; kill++) {
          await sleep((700 + random() * 2_500) * KILL_GAP_SCALE);
          const before = await committedOf(suite);
          await worker.kill();
          if (before < total) interruptedMidStream += 1;
          await worker.startReady();
        }
        await producing;

        const streamed = Date.now();
        expect(await suite.caughtUp(Math.max(180_000, total * 2))).toBe(true);

        const outputs = await suite.outputs(total, Math.max(120_000, total * 2));
        expect(await worker.stop()).toBe(0);

        const counts = countByCorrelation(outputs);
        const missing = inputs.map((_, i) => `in-${i}`).filter((id) => !counts.has(id));
        const duplicated = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`);
        if (missing.length > 0 || duplicated.length > 0) {
          // Keep the topics and write where every copy sits, so that the failure can be examined afterwards
          // (for instance with Kafka's own read_committed console consumer).
          suite.keepTopics = true;
          writePostMortem(topics, outputs, counts, worker.logFile);
        }
        expect({ missing: missing.slice(0, 20), missingCount: missing.length }).toEqual({
          missing: [],
          missingCount: 0,
        });
        expect(duplicated).toEqual([]);
        expect(counts.size).toBe(total);
        expect(outputs.filter((o) => o.topic === topics.deadLetter)).toHaveLength(
          Math.floor((total - 8) / 25) + 1,
        );
        // Each story published once, as an uninterrupted run does; every copy and re-scrape a notice pointing at it.
        const enriched = outputs.filter((o) => o.topic === topics.enriched).map((o) => field(o, 'articleId'));
        const notices = outputs
          .filter((o) => o.topic === topics.duplicates)
          .map((o) => field(o, 'duplicateOf'));
        const publishedIds = new Set(enriched);
        expect(notices.filter((id) => !publishedIds.has(id))).toEqual([]);
        expect(enriched.length).toBe(published);
        expect(publishedIds.size).toBe(published);
        // The kills must have hit a live stream, or the test proves nothing.
        expect(interruptedMidStream).toBeGreaterThanOrEqual(Math.min(kills, 5));

        // The same inputs through the pipeline offline, in order and without a kill.
        const collected = Date.now();
        const offline = await offlineEnrichedCount(inputs);
        process.stderr.write(
          `crash test, store ${store}: ${JSON.stringify({
            inputs: total,
            kills,
            interruptedMidStream,
            outputs: outputs.length,
            missing: missing.length,
            duplicated: duplicated.length,
            enriched: enriched.length,
            duplicateNotices: notices.length,
            noticesNamingUnpublished: notices.filter((id) => !publishedIds.has(id)).length,
            offlineEnriched: offline,
            streamSeconds: (streamed - started) / 1000,
            drainAndReadSeconds: (collected - streamed) / 1000,
            offlineSeconds: (Date.now() - collected) / 1000,
          })}\n`,
        );
        expect(Math.abs(enriched.length - offline)).toBeLessThanOrEqual(0.02 * offline);
      },
      TIMEOUT_MS,
    );
  },
);

/** Enriched articles of an uninterrupted offline run of `inputs`, in batches of 200 as the worker is configured. */
async function offlineEnrichedCount(
  inputs: Array<{ key: string; value: string; headers: Record<string, string> }>,
): Promise<number> {
  const pipeline = createPipeline({ dedupStore: new InMemoryDedupStore() });
  let enriched = 0;
  for (let start = 0; start < inputs.length; start += 200) {
    const batch = inputs.slice(start, start + 200).map((input, i): RawEnvelope => ({
      value: Buffer.from(input.value),
      key: input.key,
      headers: input.headers,
      topic: 'raw',
      partition: 0,
      offset: String(start + i),
    }));
    for (const outcome of await pipeline.processBatch(batch)) if (outcome.kind === 'enriched') enriched++;
  }
  return enriched;
}

/**
 * `total` inputs: stories in a shuffled order, each as COPIES copies on different sites (site 0 twice: its
 * re-scrape), so that a copy often lands on another partition than its original and after a kill.
 */
function copiesStream(total: number, random: () => number): Array<{ story: number; site: number }> {
  const perStory = COPIES + 1;
  const stream = Array.from({ length: total }, (_, i) => ({
    story: Math.floor(i / perStory),
    site: Math.max(0, (i % perStory) - 1),
  }));
  for (let i = stream.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [stream[i], stream[j]] = [stream[j], stream[i]];
  }
  return stream;
}

/** One copy of a story on one site: the body is the story's alone, the URL the site's. */
function storyCopy(id: string, story: number, site: number) {
  const base = articleFor(`story-${story}`, story);
  const article = JSON.parse(String(base.value)) as Record<string, unknown>;
  const url = `https://site${site}.example/${story}`;
  return {
    key: url,
    value: JSON.stringify({ ...article, id, url }),
    headers: { [HEADERS.correlationId]: id },
  };
}

function field(output: CollectedOutput, name: 'articleId' | 'duplicateOf'): string {
  return String((JSON.parse(output.value) as Record<string, unknown>)[name]);
}

async function committedOf(suite: WorkerSuite): Promise<number> {
  const offsets = await suite.committedOffsets();
  return [...offsets.values()].reduce((sum, offset) => sum + Math.max(0, offset), 0);
}

function writePostMortem(
  topics: TestTopics,
  outputs: CollectedOutput[],
  counts: Map<string, number>,
  workerLog: string,
): void {
  const twice = new Set([...counts].filter(([, n]) => n > 1).map(([id]) => id));
  const copies = outputs
    .filter((o) => twice.has(o.headers[HEADERS.correlationId] ?? ''))
    .map((o) => ({
      id: o.headers[HEADERS.correlationId],
      at: `${o.topic}/${o.partition}@${o.offset}`,
      source: `${o.headers[HEADERS.sourcePartition]}@${o.headers[HEADERS.sourceOffset]}`,
    }));
  const file = join(dirname(workerLog), `${topics.group}.post-mortem.json`);
  writeFileSync(file, JSON.stringify({ topics, workerLog, copies }, null, 2));
  process.stderr.write(`crash test post-mortem: ${file} (topics kept)\n`);
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
