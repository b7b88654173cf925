// ensureTopics against the real broker: topics appear with the requested partitions and configs, a second
// run (or a concurrent one from another process) changes nothing, and an existing topic is never altered.
import { ConfigResourceTypes, type Admin, type Kafka } from '@news/kafkajs';
import {
  createKafkaClient,
  ensureTopics,
  kafkaConnectionFromEnv,
  missingTopics,
  type TopicSpec,
} from '@news/kafka';

const run = `${Date.now().toString(36)}-${process.pid}`;
let kafka: Kafka;
const admins: Admin[] = [];

async function connectedAdmin(): Promise<Admin> {
  const admin = kafka.admin();
  admins.push(admin);
  await admin.connect();
  return admin;
}

beforeAll(() => {
  kafka = createKafkaClient(kafkaConnectionFromEnv(process.env), { clientId: `ensure-topics-test-${run}` });
});

afterAll(async () => {
  for (const admin of admins) await admin.disconnect();
});

async function topicConfig(admin: Admin, topic: string, names: string[]): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
  });
  return Object.fromEntries(resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
}

describe('missingTopics on the real broker', () => {
  it('names the topics the cluster does not have, and only those', async () => {
    const admin = await connectedAdmin();
    const present = `test.missing.present.${run}`;
    await ensureTopics(admin, [{ topic: present, numPartitions: 1, replicationFactor: 1 }]);
    const absent = [`test.missing.absent-a.${run}`, `test.missing.absent-b.${run}`];
    expect(await missingTopics(admin, [absent[0], present, absent[1]])).toEqual(absent);
    expect(await missingTopics(admin, [present])).toEqual([]);
  });
});

describe('ensureTopics on the real broker', () => {
  it('creates missing topics with partitions and configs, then leaves them alone', async () => {
    const admin = await connectedAdmin();
    const raw: TopicSpec = {
      topic: `test.ensure.raw.${run}`,
      numPartitions: 3,
      replicationFactor: 1,
      configs: { 'retention.ms': 86_400_000, 'max.message.bytes': 9_437_184 },
    };
    const dlq: TopicSpec = {
      topic: `test.ensure.dlq.${run}`,
      numPartitions: 1,
      replicationFactor: 1,
      configs: { 'retention.ms': 2_592_000_000 },
    };

    const first = await ensureTopics(admin, [raw, dlq]);
    expect(first.created.sort()).toEqual([dlq.topic, raw.topic].sort());

    const metadata = await admin.fetchTopicMetadata({ topics: [raw.topic] });
    expect(metadata.topics[0].partitions).toHaveLength(3);
    expect(await topicConfig(admin, raw.topic, ['retention.ms', 'max.message.bytes'])).toEqual({
      'retention.ms': '86400000',
      'max.message.bytes': '9437184',
    });

    const second = await ensureTopics(admin, [raw, dlq]);
    expect(second).toEqual({ created: [], existing: [raw.topic, dlq.topic], partitionMismatches: [] });
  });

  it('reports a partition count that differs from the spec without changing the topic', async () => {
    const admin = await connectedAdmin();
    const topic = `test.ensure.mismatch.${run}`;
    await ensureTopics(admin, [{ topic, numPartitions: 2, replicationFactor: 1 }]);

    const warnings: Array<Record<string, unknown>> = [];
    const result = await ensureTopics(admin, [{ topic, numPartitions: 4, replicationFactor: 1 }], {
      logger: { warn: (fields) => void warnings.push(fields), info: () => undefined },
    });

    expect(result.partitionMismatches).toEqual([{ topic, expected: 4, actual: 2 }]);
    expect(warnings).toEqual([{ topic, expectedPartitions: 4, actualPartitions: 2 }]);
    expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions).toHaveLength(2);
  });

  it('lets several processes ensure the same topics at once', async () => {
    const specs: TopicSpec[] = [0, 1, 2].map((i) => ({
      topic: `test.ensure.race.${i}.${run}`,
      numPartitions: 2,
      replicationFactor: 1,
    }));
    const results = await Promise.all(
      [connectedAdmin(), connectedAdmin(), connectedAdmin()].map(async (pending) =>
        ensureTopics(await pending, specs),
      ),
    );
    // Each topic is created exactly once, whoever wins; the others see it as existing.
    for (const { topic } of specs) {
      expect(results.filter((r) => r.created.includes(topic)).length).toBeLessThanOrEqual(1);
      expect(results.every((r) => r.created.includes(topic) || r.existing.includes(topic))).toBe(true);
    }
    const listed = new Set(await admins[0].listTopics());
    expect(specs.every(({ topic }) => listed.has(topic))).toBe(true);
  });

  it('refuses a replication factor the cluster cannot satisfy, naming the topic', async () => {
    const admin = await connectedAdmin();
    const topic = `test.ensure.rf.${run}`;
    await expect(ensureTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }])).rejects.toThrow(
      `${topic} (replication factor 3)`,
    );
    expect(await admin.listTopics()).not.toContain(topic);
  });
});
