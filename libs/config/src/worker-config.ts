import { hostname } from 'node:os';
import { DEFAULT_TOPICS, defaultDedupChangelogTopic, type TopicNames } from '@news/contracts';
import {
  CODEC_NAMES,
  DELIVERY_MODES,
  type DeliveryMode,
  describeKafkaConnection,
  readKafkaConnection,
  type ConsumerSettings,
  type KafkaConnection,
  type RetrySettings,
} from '@news/kafka/settings';
import { EnvReader, type Env } from '@news/env';

/** Codec of the batches the worker produces (enriched, duplicates, dead letters). */
export const OUTPUT_COMPRESSIONS = ['none', ...CODEC_NAMES] as const;
export type OutputCompression = (typeof OUTPUT_COMPRESSIONS)[number];

export const DEDUP_STORES = ['memory', 'redis'] as const;
export type DedupStoreKind = (typeof DEDUP_STORES)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface TopicSettings {
  names: TopicNames;
  /** Create missing topics at start-up (idempotent); off where a platform team owns topic creation. */
  create: boolean;
  partitions: number;
  replicationFactor: number;
  retentionMs: number;
  deadLetterRetentionMs: number;
  /** The raw topic's max.message.bytes: must fit the largest payload the pipeline accepts, plus framing. */
  rawMaxMessageBytes: number;
}

export interface DedupChangelogSettings {
  topic: string;
  partitions: number;
  /** Twice the dedup window: no changelog record is needed longer than 1.5 windows (docs/operations.md). */
  retentionMs: number;
}

export interface WorkerConfig {
  /** Brokers, client id, TLS, SASL and timeouts, parsed by libs/kafka. */
  kafka: KafkaConnection;
  groupId: string;
  /** Prefix of the per-partition transactional ids; must be the same for every instance of one deployment. */
  transactionalIdPrefix: string;
  transactionTimeoutMs: number;
  instanceId: string;
  topics: TopicSettings;
  consumer: ConsumerSettings;
  retry: RetrySettings;
  deliveryMode: DeliveryMode;
  /** Codec of produced batches; downstream consumers need it too (docs/events.md). */
  outputCompression: OutputCompression;
  dedup: {
    store: DedupStoreKind;
    redisUrl?: string;
    keyPrefix: string;
    windowMs: number;
    maxEntries: number;
    /** The in-memory store's compacted changelog (absent when off, or with Redis): restored at start-up. */
    changelog?: DedupChangelogSettings;
  };
  maxPayloadBytes: number;
  /** Worker threads running the pipeline; 0 runs it on the event loop, next to kafkajs. */
  pipelineThreads: number;
  /** Young-generation size of each pipeline thread's heap, MiB (docs/worker.md: memory against GC time). */
  pipelineYoungGenerationMb: number;
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
  /** Human-readable logs (npm run up); JSON otherwise. */
  logPretty: boolean;
  /** Port of the metrics/health/status HTTP server; 0 picks a free one (tests run several workers). */
  httpPort: number;
}

const MIB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Reads and validates the worker's whole configuration once; throws ConfigError naming every bad variable. */
export function loadWorkerConfig(env: Env): WorkerConfig {
  const read = new EnvReader(env);
  const kafka = readKafkaConnection(read);

  const groupId = read.string('KAFKA_GROUP_ID', 'news-ingest', KAFKA_NAME);
  const topics = readTopicNames(read);
  const { maxPayloadBytes, rawMaxMessageBytes } = readSizeLimits(read);
  const { sessionTimeoutMs, heartbeatIntervalMs, transactionTimeoutMs } = readGroupTimings(read);
  const { dedupStore, redisUrl } = readDedupStore(read);
  const deliveryMode = read.oneOf('DELIVERY_MODE', DELIVERY_MODES, 'exactly-once');
  const partitions = read.integer('TOPIC_PARTITIONS', 6, 1, 10_000);
  const windowMs = read.integer('DEDUP_WINDOW_MS', 14 * DAY_MS, 60_000);
  const changelog = readChangelog(read, { groupId, topics, dedupStore, deliveryMode, partitions, windowMs });

  const config: WorkerConfig = {
    kafka,
    groupId,
    transactionalIdPrefix: read.string('KAFKA_TRANSACTIONAL_ID_PREFIX', groupId, KAFKA_NAME),
    transactionTimeoutMs,
    instanceId: read.string('WORKER_INSTANCE_ID', `${hostname()}-${process.pid}`),
    topics: {
      names: topics,
      create: read.boolean('TOPICS_CREATE', true),
      partitions,
      replicationFactor: read.integer('TOPIC_REPLICATION_FACTOR', 1, 1, 32),
      retentionMs: read.integer('TOPIC_RETENTION_MS', 7 * DAY_MS, 60_000),
      deadLetterRetentionMs: read.integer('TOPIC_DLQ_RETENTION_MS', 30 * DAY_MS, 60_000),
      rawMaxMessageBytes,
    },
    consumer: {
      sessionTimeoutMs,
      heartbeatIntervalMs,
      rebalanceTimeoutMs: read.integer('KAFKA_REBALANCE_TIMEOUT_MS', 60_000, 1_000, 600_000),
      maxBytesPerPartition: read.integer(
        'KAFKA_MAX_BYTES_PER_PARTITION',
        rawMaxMessageBytes,
        1024,
        1024 * MIB,
      ),
      maxBytes: read.integer('KAFKA_MAX_BYTES', Math.max(64 * MIB, rawMaxMessageBytes), 1024, 2048 * MIB),
      maxWaitTimeMs: read.integer('KAFKA_MAX_WAIT_MS', 100, 0, 30_000),
      batchMaxMessages: read.integer('BATCH_MAX_MESSAGES', 500, 1, 100_000),
      partitionConcurrency: read.integer('PARTITION_CONCURRENCY', 6, 1, 1_000),
    },
    retry: {
      initialDelayMs: read.integer('RETRY_INITIAL_DELAY_MS', 200, 1, 600_000),
      maxDelayMs: read.integer('RETRY_MAX_DELAY_MS', 30_000, 1, 3_600_000),
      poisonAttempts: read.integer('POISON_ATTEMPTS', 3, 1, 100),
    },
    deliveryMode,
    outputCompression: read.oneOf('OUTPUT_COMPRESSION', OUTPUT_COMPRESSIONS, 'zstd'),
    dedup: {
      store: dedupStore,
      redisUrl,
      keyPrefix: read.string('REDIS_KEY_PREFIX', 'news-ingest'),
      // How long an article is remembered for duplicate checks (both stores), and the in-memory store's bound.
      windowMs,
      maxEntries: read.integer('DEDUP_MAX_ENTRIES', 1_000_000, 1_000, 100_000_000),
      ...(changelog ? { changelog } : {}),
    },
    maxPayloadBytes,
    // Two: on two cores one thread left the other core half idle (it waited on the event loop's hand-offs);
    // two keep both busy (docs/worker.md, Performance). Each thread has a heap of its own (docs/worker.md, Memory).
    pipelineThreads: read.integer('PIPELINE_THREADS', 2, 0, 64),
    pipelineYoungGenerationMb: read.integer('PIPELINE_YOUNG_GENERATION_MB', 256, 8, 4096),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 25_000, 100, 600_000),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logPretty: read.boolean('LOG_PRETTY', false),
    httpPort: read.integer('HTTP_PORT', 8080, 0, 65_535),
  };
  if (config.retry.maxDelayMs < config.retry.initialDelayMs)
    read.issues.push('RETRY_MAX_DELAY_MS must be at least RETRY_INITIAL_DELAY_MS');
  read.throwIfInvalid();
  return Object.freeze(config);
}

// The steps of loadWorkerConfig, in the order it reads the variables (the order ConfigError lists them in).

function readTopicNames(read: EnvReader): TopicNames {
  const topics: TopicNames = {
    raw: read.string('TOPIC_RAW', DEFAULT_TOPICS.raw, KAFKA_NAME),
    enriched: read.string('TOPIC_ENRICHED', DEFAULT_TOPICS.enriched, KAFKA_NAME),
    duplicates: read.string('TOPIC_DUPLICATES', DEFAULT_TOPICS.duplicates, KAFKA_NAME),
    deadLetter: read.string('TOPIC_DLQ', DEFAULT_TOPICS.deadLetter, KAFKA_NAME),
  };
  if (new Set(Object.values(topics)).size !== 4)
    read.issues.push('TOPIC_RAW, TOPIC_ENRICHED, TOPIC_DUPLICATES and TOPIC_DLQ must all differ');
  return topics;
}

function readSizeLimits(read: EnvReader): { maxPayloadBytes: number; rawMaxMessageBytes: number } {
  const maxPayloadBytes = read.integer('MAX_PAYLOAD_BYTES', 8 * MIB, 1024, 512 * MIB);
  const rawMaxMessageBytes = read.integer(
    'TOPIC_RAW_MAX_MESSAGE_BYTES',
    maxPayloadBytes + MIB,
    1024,
    1024 * MIB,
  );
  if (rawMaxMessageBytes < maxPayloadBytes)
    read.issues.push('TOPIC_RAW_MAX_MESSAGE_BYTES must be at least MAX_PAYLOAD_BYTES');
  return { maxPayloadBytes, rawMaxMessageBytes };
}

function readGroupTimings(read: EnvReader) {
  const sessionTimeoutMs = read.integer('KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 300_000);
  const heartbeatIntervalMs = read.integer('KAFKA_HEARTBEAT_INTERVAL_MS', 3_000, 100, 60_000);
  if (heartbeatIntervalMs * 3 > sessionTimeoutMs)
    read.issues.push('KAFKA_HEARTBEAT_INTERVAL_MS must be at most a third of KAFKA_SESSION_TIMEOUT_MS');
  // How long a worker that died mid-batch can hold back read_committed readers of its outputs, unless the next
  // owner of the partition fences it sooner (docs/worker.md).
  const transactionTimeoutMs = read.integer('KAFKA_TRANSACTION_TIMEOUT_MS', 20_000, 1_000, 900_000);
  return { sessionTimeoutMs, heartbeatIntervalMs, transactionTimeoutMs };
}

function readDedupStore(read: EnvReader) {
  const dedupStore = read.oneOf('DEDUP_STORE', DEDUP_STORES, 'memory');
  const redisUrl =
    dedupStore === 'redis'
      ? read.require('REDIS_URL', 'when DEDUP_STORE=redis')
      : read.optionalString('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    read.issues.push('REDIS_URL must start with redis:// or rediss://');
  return { dedupStore, redisUrl };
}

function readChangelog(
  read: EnvReader,
  given: {
    groupId: string;
    topics: TopicNames;
    dedupStore: WorkerConfig['dedup']['store'];
    deliveryMode: WorkerConfig['deliveryMode'];
    partitions: number;
    windowMs: number;
  },
): DedupChangelogSettings | undefined {
  const { groupId, topics, dedupStore, deliveryMode, partitions, windowMs } = given;
  // On by default where it can work: the in-memory store, whose writes commit with the outputs (exactly-once).
  const changelogOn = read.boolean(
    'DEDUP_CHANGELOG',
    dedupStore === 'memory' && deliveryMode === 'exactly-once',
  );
  if (changelogOn && dedupStore !== 'memory')
    read.issues.push('DEDUP_CHANGELOG=true is for DEDUP_STORE=memory (Redis keeps its own state)');
  if (changelogOn && deliveryMode !== 'exactly-once')
    read.issues.push('DEDUP_CHANGELOG=true needs DELIVERY_MODE=exactly-once');
  const changelog: DedupChangelogSettings | undefined = changelogOn
    ? {
        topic: read.string('TOPIC_DEDUP_CHANGELOG', defaultDedupChangelogTopic(groupId), KAFKA_NAME),
        partitions: read.integer('DEDUP_CHANGELOG_PARTITIONS', partitions, 1, 10_000),
        retentionMs: 2 * windowMs,
      }
    : undefined;
  if (changelog && Object.values(topics).includes(changelog.topic))
    read.issues.push('TOPIC_DEDUP_CHANGELOG must differ from the event topics');
  return changelog;
}

/** The configuration as it is safe to log: no credentials, no Redis password. */
export function describeWorkerConfig(config: WorkerConfig): Record<string, unknown> {
  const { kafka, dedup, ...rest } = config;
  const redisUrl = dedup.redisUrl?.replace(/\/\/([^@/]*)@/, '//***@');
  return { ...rest, kafka: describeKafkaConnection(kafka), dedup: { ...dedup, redisUrl } };
}
