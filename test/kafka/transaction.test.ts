// Consume-transform-produce inside Kafka transactions, against the real broker, through the project's own
// Kafka module (connection from env, client factory, ensureTopics): what the worker's exactly-once path
// relies on, and the check that a broker version works with kafkajs 2.2.4.
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createKafkaClient, ensureTopics, kafkaConnectionFromEnv } from '@news/kafka';

const run = `${Date.now().toString(36)}-${process.pid}`;
const inputTopic = `test.tx.input.${run}`;
const outputTopic = `test.tx.output.${run}`;
const groupId = `test-tx-worker-${run}`;
const INPUTS = 6;
const ABORTED_INPUT = 'article-2';

let kafka: Kafka;
const toClose: Array<{ disconnect(): Promise<void> }> = [];

beforeAll(async () => {
  kafka = createKafkaClient(kafkaConnectionFromEnv(process.env), { clientId: `tx-test-${run}` });
  const admin = kafka.admin();
  toClose.push(admin);
  await admin.connect();
  await ensureTopics(admin, [
    { topic: inputTopic, numPartitions: 2, replicationFactor: 1 },
    { topic: outputTopic, numPartitions: 1, replicationFactor: 1, configs: { 'retention.ms': 3_600_000 } },
  ]);
});

afterAll(async () => {
  for (const client of toClose.reverse()) await client.disconnect().catch(() => undefined);
});

async function produceInputs(): Promise<void> {
  const producer = kafka.producer({ idempotent: true });
  toClose.push(producer);
  await producer.connect();
  await producer.send({
    topic: inputTopic,
    messages: Array.from({ length: INPUTS }, (_, i) => ({ key: `k${i}`, value: `article-${i}` })),
  });
}

/**
 * Reads the output topic from the start until every value in `expected` has arrived. The topic has one
 * partition, so an aborted record written before those values would have been delivered before them.
 */
async function readOutputs(
  isolation: 'read_committed' | 'read_uncommitted',
  expected: readonly string[],
): Promise<string[]> {
  const consumer = kafka.consumer({
    groupId: `test-tx-reader-${isolation}-${run}`,
    readUncommitted: isolation === 'read_uncommitted',
  });
  toClose.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: outputTopic, fromBeginning: true });
  const seen: string[] = [];
  const missing = new Set(expected);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${isolation}: still missing ${[...missing].join(', ')}; saw ${seen.join(', ')}`)),
      60_000,
    );
    void consumer.run({
      eachMessage: ({ message }) => {
        const value = message.value?.toString() ?? '';
        seen.push(value);
        missing.delete(value);
        if (missing.size === 0) {
          clearTimeout(timer);
          resolve();
        }
        return Promise.resolve();
      },
    });
  });
  await consumer.stop();
  return seen;
}

describe('Kafka transactions on the real broker', () => {
  let producer: Producer;
  let worker: Consumer;

  it('commits outputs and consumed offsets together, and hides an aborted transaction from read_committed readers', async () => {
    await produceInputs();

    producer = kafka.producer({
      transactionalId: `test-tx-${run}`,
      maxInFlightRequests: 1,
      idempotent: true,
    });
    toClose.push(producer);
    await producer.connect();

    worker = kafka.consumer({ groupId, readUncommitted: false });
    toClose.push(worker);
    await worker.connect();
    await worker.subscribe({ topic: inputTopic, fromBeginning: true });

    let processed = 0;
    let abortedOnce = false;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`processed ${processed} of ${INPUTS} inputs`)), 90_000);
      void worker.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const input = message.value?.toString() ?? '';
          const offsets = {
            consumerGroupId: groupId,
            topics: [{ topic, partitions: [{ partition, offset: String(Number(message.offset) + 1) }] }],
          };

          if (input === ABORTED_INPUT && !abortedOnce) {
            // A failed attempt: its outputs and offsets are written, then thrown away.
            abortedOnce = true;
            const failed = await producer.transaction();
            await failed.send({ topic: outputTopic, messages: [{ value: `aborted:${input}` }] });
            await failed.sendOffsets(offsets);
            await failed.abort();
          }

          const tx = await producer.transaction();
          try {
            await tx.send({
              topic: outputTopic,
              messages: [{ key: message.key, value: `enriched:${input}` }],
            });
            await tx.sendOffsets(offsets);
            await tx.commit();
          } catch (error) {
            await tx.abort();
            throw error;
          }
          processed += 1;
          if (processed === INPUTS) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await worker.stop();

    const enriched = Array.from({ length: INPUTS }, (_, i) => `enriched:article-${i}`);
    const committedView = await readOutputs('read_committed', enriched);
    expect([...committedView].sort()).toEqual(enriched);

    // The aborted attempt really reached the log: only the isolation level hides it.
    const rawView = await readOutputs('read_uncommitted', enriched);
    expect(rawView).toContain(`aborted:${ABORTED_INPUT}`);

    // The group's committed offsets moved to the end of each input partition, through sendOffsets alone.
    const admin = kafka.admin();
    toClose.push(admin);
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(inputTopic);
    const [groupOffsets] = await admin.fetchOffsets({ groupId, topics: [inputTopic] });
    const byPartition = (list: Array<{ partition: number; offset: string }>) =>
      Object.fromEntries(list.map((p) => [p.partition, Number(p.offset)]));
    expect(byPartition(groupOffsets.partitions)).toEqual(byPartition(ends));
    expect(ends.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(INPUTS);
  });
});
