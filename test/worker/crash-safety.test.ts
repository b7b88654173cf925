import {
  articleFor,
  collectOutputs,
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
describe('crash safety (exactly-once under SIGKILL)', () => {
  const total = Number(process.env.CRASH_TEST_EVENTS ?? 3000);
  const kills = Number(process.env.CRASH_TEST_KILLS ?? 6);
  const topics = uniqueTopics('crash');
  const kafka = testKafka('crash-test');

  afterAll(async () => {
    await deleteTopics(kafka, topics);
  });

  it(`delivers ${total} inputs exactly once through ${kills} SIGKILLs`, async () => {
    const worker = new WorkerProcess(`crash-${topics.group}`, workerEnv(topics, { BATCH_MAX_MESSAGES: '200' }));
    worker.start();
    await worker.waitForLog(/worker started/);

    // Every 25th input is not JSON: its dead letter must be exactly-once too.
    const inputs = Array.from({ length: total }, (_, i) => {
      const id = `in-${i}`;
      return i % 25 === 7 ? { key: id, value: `{"id":"${id}", broken`, headers: { 'x-correlation-id': id } } : articleFor(id, i);
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

    const outputs = await collectOutputs(kafka, [topics.enriched, topics.duplicates, topics.deadLetter], total, 120_000);
    expect(await worker.stop()).toBe(0);

    const counts = countByCorrelation(outputs);
    const missing = inputs.map((_, i) => `in-${i}`).filter((id) => !counts.has(id));
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`);
    expect({ missing: missing.slice(0, 20), missingCount: missing.length }).toEqual({ missing: [], missingCount: 0 });
    expect(duplicated).toEqual([]);
    expect(counts.size).toBe(total);
    expect(outputs.filter((o) => o.topic === topics.deadLetter)).toHaveLength(Math.floor((total - 8) / 25) + 1);
    // The kills must have hit a live stream, or the test proves nothing.
    expect(interruptedMidStream).toBeGreaterThanOrEqual(Math.min(kills, 5));
  }, 600_000);
});

async function committedOf(kafka: ReturnType<typeof testKafka>, topics: ReturnType<typeof uniqueTopics>): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId: topics.group, topics: [topics.raw] });
    return (entry?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
