import { deleteKeysUnder } from '@news/dedup-redis';
import { Redis } from 'ioredis';
import {
  articleFor,
  collectOutputs,
  expectExactlyOnce,
  inputIds,
  deleteTopics,
  produceInChunks,
  testKafka,
  uniqueTopics,
  waitForCatchUp,
  workerEnv,
} from './support/stream-fixtures';
import { sleep, WorkerProcess } from './support/worker-process';

/**
 * A zombie: one of two workers in a group is frozen (SIGSTOP) in the middle of its work until the group gives its
 * partitions to the other, then thawed (SIGCONT) while the stream still flows. It wakes up believing it owns
 * its partitions, with a slice in flight; that slice's transaction must be fenced (the other worker initialised
 * the partition's transactional id meanwhile), nothing may be lost or published twice, and the thawed worker
 * must rejoin the group and take a share of the partitions again. Redis is the store of a group of workers.
 */
describe('a zombie worker (SIGSTOP until its partitions move, then SIGCONT)', () => {
  const total = 6000;
  const topics = uniqueTopics('zombie');
  const kafka = testKafka('zombie-test');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test-${topics.group}`;

  afterAll(async () => {
    await deleteTopics(kafka, topics);
    const redis = new Redis(redisUrl);
    try {
      await deleteKeysUnder(redis, prefix);
    } finally {
      redis.disconnect();
    }
  });

  it('fences the zombie, loses and duplicates nothing, and lets it rejoin', async () => {
    const env = workerEnv(topics, {
      TOPIC_PARTITIONS: '4',
      // Large slices: the zombie freezes with one in flight almost surely, as a stalled node does.
      BATCH_MAX_MESSAGES: '500',
      DEDUP_STORE: 'redis',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
    });
    const zombie = new WorkerProcess(`zombie-a-${topics.group}`, env).start();
    await zombie.waitForLog(/worker started/);
    const survivor = new WorkerProcess(`zombie-b-${topics.group}`, env).start();
    await survivor.waitForLog(/worker started/);
    await survivor.waitForLog(/partitions assigned: \d/);
    await zombie.waitForLog(/partitions assigned: \d/, 30_000);

    const producer = kafka.producer();
    await producer.connect();
    const inputs = Array.from({ length: total }, (_, i) => articleFor(`zmb-${i}`, i));
    // A backlog first, so that both workers are busy when one freezes; then a steady stream throughout.
    await produceInChunks(producer, topics.raw, inputs.slice(0, 3000), 500, 0);
    const producing = produceInChunks(producer, topics.raw, inputs.slice(3000), 50, 150);

    await sleep(800);
    const frozenAt = zombie.logs.length;
    zombie.signalNow('SIGSTOP');
    // The session (6 s) lapses; the survivor is given every partition.
    const survivorBefore = survivor.logs.length;
    await waitFor(() => /partitions assigned: 0,1,2,3/.test(survivor.logs.slice(survivorBefore)), 40_000);
    await sleep(1_000);
    zombie.signalNow('SIGCONT');

    // Awake, the zombie's late transaction fails on the bumped epoch, and it rejoins with a share of the work.
    await waitFor(() => /partitions assigned: \d/.test(zombie.logs.slice(frozenAt)), 60_000);
    await producing;
    await producer.disconnect();
    expect(await waitForCatchUp(kafka, topics, 180_000)).toBe(true);

    const outputs = await collectOutputs(
      kafka,
      [topics.enriched, topics.duplicates, topics.deadLetter],
      total,
      120_000,
    );
    const afterThaw = zombie.logs.slice(frozenAt);
    expect(await zombie.stop()).toBe(0);
    expect(await survivor.stop()).toBe(0);

    expectExactlyOnce(outputs, inputIds('zmb', total));
    // The fence at work: the broker refused the zombie's transaction (an old producer epoch), or its writer found
    // the survivor's commits above what it had consumed.
    expect(afterThaw).toMatch(
      /publish failed: .*(epoch|fenced|PRODUCER_FENCED)|partition writer found newer committed state/i,
    );
    expect(afterThaw).not.toMatch(/"level":60/);
  }, 400_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(200);
  }
}
