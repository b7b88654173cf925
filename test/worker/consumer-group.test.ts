import {
  articleFor,
  collectOutputs,
  waitForCatchUp,
  expectExactlyOnce,
  inputIds,
  deleteTopics,
  produceInChunks,
  testKafka,
  uniqueTopics,
  workerEnv,
} from './support/stream-fixtures';
import { sleep, WorkerProcess } from './support/worker-process';

/**
 * Two worker processes share the partitions of one group; one is stopped (SIGTERM) and started again while the
 * stream flows. The partitions move back and forth and every input still comes out exactly once.
 */
describe('two workers in one consumer group', () => {
  const total = 2000;
  const topics = uniqueTopics('group');
  const kafka = testKafka('group-test');

  afterAll(async () => {
    await deleteTopics(kafka, topics);
  });

  it('shares partitions, survives a member leaving and rejoining, and loses or duplicates nothing', async () => {
    // Two instances: the in-memory store's changelog is for one instance only (docs/operations.md).
    const env = workerEnv(topics, {
      TOPIC_PARTITIONS: '4',
      BATCH_MAX_MESSAGES: '100',
      DEDUP_CHANGELOG: 'false',
    });
    const a = new WorkerProcess(`group-a-${topics.group}`, env).start();
    await a.waitForLog(/worker started/);
    const b = new WorkerProcess(`group-b-${topics.group}`, env).start();
    await b.waitForLog(/worker started/);

    const producer = kafka.producer();
    await producer.connect();
    const inputs = Array.from({ length: total }, (_, i) => articleFor(`grp-${i}`, i));
    const producing = produceInChunks(producer, topics.raw, inputs, 40, 60);

    await sleep(4_000);
    expect(await b.stop()).toBe(0);
    await sleep(3_000);
    b.start();
    await b.waitForLog(/worker started/);
    await producing;
    await producer.disconnect();

    expect(await waitForCatchUp(kafka, topics, 180_000)).toBe(true);

    const outputs = await collectOutputs(
      kafka,
      [topics.enriched, topics.duplicates, topics.deadLetter],
      total,
      120_000,
    );
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);

    expectExactlyOnce(outputs, inputIds('grp', total));
    // Both members really consumed: each was assigned a share of the partitions at some point.
    for (const worker of [a, b]) expect(worker.logs).toMatch(/partitions assigned: \d/);
  }, 400_000);
});
