// kafkajs with the project's fixes (libs/kafkajs): its loading installs them before kafkajs itself loads.
export { KAFKAJS_FIXES, type KafkajsFixes } from '@news/kafkajs';
export * from './transport/batch-transport.types';
// The Nest transport strategy is '@news/kafka/nest': importing this index loads no Nest.
export { KafkaBatchConsumer, type ConsumerStatus } from './transport/kafka-batch.consumer';
export type { SliceHandler } from './transport/partition-batch.processor';
export {
  CODEC_NAMES,
  producerCompression,
  registerCompressionCodecs,
  type CodecName,
  type CodecReport,
} from './transport/compression-codecs';
export { backoffDelay, type BackoffPolicy } from './transport/backoff';
export {
  KAFKA_LOG_LEVELS,
  LOCAL_KAFKA_HOST,
  LOCAL_KAFKA_PORT,
  SASL_MECHANISMS,
  describeKafkaConnection,
  kafkaConnectionFromEnv,
  readKafkaConnection,
  type KafkaConnection,
  type KafkaConnectionDeps,
  type KafkaEnv,
  type KafkaLogLevelName,
  type KafkaTls,
  type SaslMechanism,
} from './kafka-connection.config';
export { kafkaLogCreator, toKafkajsLogLevel, type KafkaLogSink } from './kafka-log.adapter';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.factory';
export {
  ensureTopics,
  missingTopics,
  type EnsureTopicsOptions,
  type EnsureTopicsResult,
  type PartitionMismatch,
  type TopicSpec,
} from './ensure-topics';
export {
  fenceTransactionalIds,
  restoreChangelog,
  type ChangelogRestoreOptions,
  type ChangelogRestoreResult,
} from './changelog-restore';
