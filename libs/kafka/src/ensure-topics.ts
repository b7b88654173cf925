import type { Admin } from 'kafkajs';
import type { KafkaLogSink } from './kafka-log.adapter';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  /** Topic-level configs, e.g. { 'retention.ms': 604800000, 'max.message.bytes': 9437184 }. */
  configs?: Readonly<Record<string, string | number>>;
}

export interface PartitionMismatch {
  topic: string;
  expected: number;
  actual: number;
}

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  /** Existing topics whose partition count differs from the spec; they are left as they are. */
  partitionMismatches: PartitionMismatch[];
}

export interface EnsureTopicsOptions {
  logger?: Pick<KafkaLogSink, 'warn' | 'info'>;
  /** How long the broker may take to create the topics and elect leaders (default 30 s). */
  timeoutMs?: number;
}

// Kafka's own limits for a topic name.
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

function validate(specs: readonly TopicSpec[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!TOPIC_NAME.test(spec.topic) || spec.topic === '.' || spec.topic === '..')
      problems.push(`invalid topic name ${JSON.stringify(spec.topic)}`);
    if (seen.has(spec.topic)) problems.push(`topic ${spec.topic} is listed twice`);
    seen.add(spec.topic);
    if (!Number.isInteger(spec.numPartitions) || spec.numPartitions < 1)
      problems.push(`${spec.topic}: numPartitions must be a positive integer`);
    if (!Number.isInteger(spec.replicationFactor) || spec.replicationFactor < 1)
      problems.push(`${spec.topic}: replicationFactor must be a positive integer`);
  }
  if (problems.length > 0) throw new Error(`ensureTopics: ${problems.join('; ')}`);
}

/** The topics among `names` that the cluster does not have (where a platform team creates topics, not us). */
export async function missingTopics(admin: Admin, names: readonly string[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  return names.filter((name) => !existing.has(name));
}

/**
 * Creates the topics that are missing, with their partitions, replication factor and configs, and leaves
 * existing ones alone: changing a live topic (fewer partitions is impossible, more reshuffles keys) is an
 * operator's decision, so a differing partition count is only reported. Safe to run from several
 * processes at once: a topic another process created in between counts as existing.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  validate(specs);
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.topic));
  let created: string[] = [];

  if (missing.length > 0) {
    // A replication factor above the broker count fails deep inside the broker; name the topic instead.
    const { brokers } = await admin.describeCluster();
    const impossible = missing.filter((spec) => spec.replicationFactor > brokers.length);
    if (impossible.length > 0) {
      throw new Error(
        `ensureTopics: the cluster has ${brokers.length} broker(s); cannot create ${impossible.map((s) => `${s.topic} (replication factor ${s.replicationFactor})`).join(', ')}`,
      );
    }
    const fresh = await admin.createTopics({
      waitForLeaders: true,
      timeout: options.timeoutMs ?? 30_000,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.numPartitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({
          name,
          value: String(value),
        })),
      })),
    });
    // false: every one of them was created by someone else meanwhile.
    if (fresh) created = missing.map((spec) => spec.topic);
    for (const topic of created) options.logger?.info({ topic }, 'created topic');
  }

  const existingSpecs = specs.filter((spec) => !created.includes(spec.topic));
  const partitionMismatches: PartitionMismatch[] = [];
  if (existingSpecs.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: existingSpecs.map((spec) => spec.topic) });
    for (const spec of existingSpecs) {
      const actual = metadata.topics.find((t) => t.name === spec.topic)?.partitions.length ?? 0;
      if (actual !== spec.numPartitions) {
        partitionMismatches.push({ topic: spec.topic, expected: spec.numPartitions, actual });
        options.logger?.warn(
          { topic: spec.topic, expectedPartitions: spec.numPartitions, actualPartitions: actual },
          'topic exists with a different partition count; leaving it as it is',
        );
      }
    }
  }
  return { created, existing: existingSpecs.map((spec) => spec.topic), partitionMismatches };
}
