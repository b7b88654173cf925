// A local broker stopped and started again on the same data dir comes back with its topics, committed
// transactions and group offsets: what the worker's broker-restart tests and a developer's
// `npm run kafka:stop` / `kafka:start` rely on. Uses a broker of its own so the shared one is not disturbed.
import type { Kafka } from 'kafkajs';
import { createKafkaClient, ensureTopics, kafkaConnectionFromEnv } from '@news/kafka';
import { dedicatedLocalBroker, type LocalBroker } from './local-broker';

let broker: LocalBroker;
const run = `${Date.now().toString(36)}-${process.pid}`;
const topic = `test.restart.${run}`;
const groupId = `test-restart-group-${run}`;

function client(): Kafka {
  return createKafkaClient(kafkaConnectionFromEnv({ KAFKA_BROKERS: broker.brokers }), {
    clientId: `restart-test-${run}`,
  });
}

async function readCommitted(kafka: Kafka, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `test-restart-reader-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`saw only ${seen.join(', ')}`)), 60_000);
      void consumer.run({
        eachMessage: ({ message }) => {
          seen.push(message.value?.toString() ?? '');
          if (seen.length === expected) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

beforeAll(async () => {
  broker = await dedicatedLocalBroker();
  await broker.start();
}, 180_000);

afterAll(async () => {
  await broker?.destroy();
}, 60_000);

it('keeps topics, committed transactions and group offsets across a stop and start', async () => {
  const before = client();
  const admin = before.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
  const producer = before.producer({
    transactionalId: `test-restart-${run}`,
    maxInFlightRequests: 1,
    idempotent: true,
  });
  await producer.connect();
  const tx = await producer.transaction();
  await tx.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
  await tx.sendOffsets({
    consumerGroupId: groupId,
    topics: [{ topic, partitions: [{ partition: 0, offset: '2' }] }],
  });
  await tx.commit();
  await producer.disconnect();
  await admin.disconnect();

  await broker.stop();
  await broker.start();

  const after = client();
  expect(await readCommitted(after, 3)).toEqual(['a', 'b', 'c']);
  const admin2 = after.admin();
  await admin2.connect();
  try {
    const [offsets] = await admin2.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
  } finally {
    await admin2.disconnect();
  }
}, 240_000);
