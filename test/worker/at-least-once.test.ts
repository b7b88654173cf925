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
import { WorkerProcess } from './support/worker-process';

/**
 * DELIVERY_MODE=at-least-once publishes through one idempotent producer and commits offsets after the writes
 * are acknowledged: without a crash every input comes out once, and the group's offsets reach the end.
 */
describe('at-least-once delivery mode', () => {
  const topics = uniqueTopics('alo');
  const kafka = testKafka('alo-test');

  afterAll(async () => {
    await deleteTopics(kafka, topics);
  });

  it('publishes every input and commits its offsets', async () => {
    const worker = new WorkerProcess(
      `alo-${topics.group}`,
      workerEnv(topics, { DELIVERY_MODE: 'at-least-once' }),
    ).start();
    await worker.waitForLog(/worker started/);
    const total = 400;
    const inputs = Array.from({ length: total }, (_, i) => articleFor(`alo-${i}`, i));
    const producer = kafka.producer();
    await producer.connect();
    await produceInChunks(producer, topics.raw, inputs, 100, 0);
    await producer.disconnect();

    expect(await waitForCatchUp(kafka, topics, 120_000)).toBe(true);
    const outputs = await collectOutputs(
      kafka,
      [topics.enriched, topics.duplicates, topics.deadLetter],
      total,
      60_000,
    );
    expect(await worker.stop()).toBe(0);
    expectExactlyOnce(outputs, inputIds('alo', total));
  }, 240_000);
});
