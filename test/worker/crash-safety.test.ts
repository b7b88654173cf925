import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HEADERS } from '@news/contracts';
import { deleteKeysUnder } from '@news/dedup-redis';
import { Redis } from 'ioredis';
import {
  articleFor,
  collectOutputs,
  type CollectedOutput,
  waitForCatchUp,
  countByCorrelation,
  deleteTopics,
  produceInChunks,
  testKafka,
  uniqueTopics,
  workerEnv,
} from './support/stream-fixtures';
import { sleep, WorkerProcess } from './support/worker-process';

/**
 * The worker is SIGKILLed at random moments while a stream flows in, and restarted each time. Reading the
 * outputs with read_committed afterwards, every input must appear exactly once across enriched, duplicates
 * and dead letters: no loss from the kills, no duplicate from the replays.
 */
// In memory, a restarted worker forgets its claims; with Redis it finds its own claims from before the kill,
// which is where replay safety shows: a replayed input must get its first verdict, never "duplicate of itself".
const STORES = [
  {
    store: 'memory',
    events: Number(process.env.CRASH_TEST_EVENTS ?? 3000),
    kills: Number(process.env.CRASH_TEST_KILLS ?? 6),
  },
  { store: 'redis', events: Number(process.env.CRASH_TEST_REDIS_EVENTS ?? 2400), kills: 5 },
] as const;

describe.each(STORES)(
  'crash safety (exactly-once under SIGKILL), dedup store $store',
  ({ store, events: total, kills }) => {
    const topics = uniqueTopics(`crash-${store}`);
    const kafka = testKafka('crash-test');

    let keepTopics = false;

    afterAll(async () => {
      if (keepTopics) return;
      await deleteTopics(kafka, topics);
      if (store === 'redis') await deleteRedisKeys(`test-${topics.group}`);
    });

    it(`delivers ${total} inputs exactly once through ${kills} SIGKILLs`, async () => {
      const storeEnv: Record<string, string> =
        store === 'redis'
          ? {
              DEDUP_STORE: 'redis',
              REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
              REDIS_KEY_PREFIX: `test-${topics.group}`,
            }
          : {};
      const worker = new WorkerProcess(
        `crash-${topics.group}`,
        workerEnv(topics, { BATCH_MAX_MESSAGES: '200', ...storeEnv }),
      );
      worker.start();
      await worker.waitForLog(/worker started/);

      // Every 25th input is not JSON: its dead letter must be exactly-once too.
      const inputs = Array.from({ length: total }, (_, i) => {
        const id = `in-${i}`;
        return i % 25 === 7
          ? { key: id, value: `{"id":"${id}", broken`, headers: { 'x-correlation-id': id } }
          : articleFor(id, i);
      });
      const producer = kafka.producer();
      await producer.connect();
      // The stream keeps flowing while the worker is killed and restarted.
      const producing = produceInChunks(producer, topics.raw, inputs, 20, 300);

      const random = seeded(Number(process.env.CRASH_TEST_SEED ?? 4242));
      let interruptedMidStream = 0;
      for (let kill = 0; kill < kills; kill++) {
        await sleep(700 + random() * 2_500);
        const before = await committedOf(kafka, topics);
        await worker.kill();
        if (before < total) interruptedMidStream += 1;
        worker.start();
        await worker.waitForLog(/worker started/);
      }
      await producing;
      await producer.disconnect();

      expect(await waitForCatchUp(kafka, topics, 180_000)).toBe(true);

      const outputs = await collectOutputs(
        kafka,
        [topics.enriched, topics.duplicates, topics.deadLetter],
        total,
        120_000,
      );
      expect(await worker.stop()).toBe(0);

      const counts = countByCorrelation(outputs);
      const missing = inputs.map((_, i) => `in-${i}`).filter((id) => !counts.has(id));
      const duplicated = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`);
      if (missing.length > 0 || duplicated.length > 0) {
        // Keep the topics and write where every copy sits, so that the failure can be examined afterwards
        // (for instance with Kafka's own read_committed console consumer).
        keepTopics = true;
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
      // Every article is distinct: a duplicate notice could only be a replayed input judged a copy of itself.
      expect(outputs.filter((o) => o.topic === topics.duplicates)).toHaveLength(0);
      // The kills must have hit a live stream, or the test proves nothing.
      expect(interruptedMidStream).toBeGreaterThanOrEqual(Math.min(kills, 5));
    }, 600_000);
  },
);

async function committedOf(
  kafka: ReturnType<typeof testKafka>,
  topics: ReturnType<typeof uniqueTopics>,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId: topics.group, topics: [topics.raw] });
    return (entry?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

function writePostMortem(
  topics: ReturnType<typeof uniqueTopics>,
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

/** Removes what the Redis run claimed, so that repeated runs leave no keys behind. */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    await deleteKeysUnder(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
