// First: swaps kafkajs' CRC-32C for a native one before anything here loads kafkajs (see native-crc32c.ts).
export { CRC32C_SOURCE, type Crc32cSource } from './native-crc32c';
// Second, for the same reason: kafkajs' protocol Encoder with pooled buffers (see pooled-encoder.ts).
export { ENCODER_SOURCE, type EncoderSource } from './pooled-encoder';
export * from './transport/batch-transport.types';
export { KafkaBatchTransport, KafkaBatchContext } from './transport/kafka-batch.transport';
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
  KafkaConfigError,
  LOCAL_KAFKA_HOST,
  LOCAL_KAFKA_PORT,
  SASL_MECHANISMS,
  describeKafkaConnection,
  kafkaConnectionFromEnv,
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
export { assertReadCommittedFilter, ReadCommittedFilterError } from './read-committed-filter';
