import type { WorkerConfig } from '@news/config';
import { producerCompression, type BatchTransportOptions, type TransactionJournal } from '@news/kafka';
import type { Kafka } from 'kafkajs';
import { internalErrorDeadLetter } from './dead-letter.factory';

/**
 * The worker's consumer settings as the configuration describes them: for its KafkaBatchConsumer, and for the
 * benchmark's KafkaBatchTransport (the same consumer under Nest).
 */
export function batchTransportOptions(
  config: WorkerConfig,
  kafka: Kafka,
  journal?: TransactionJournal,
): BatchTransportOptions {
  return {
    kafka,
    groupId: config.groupId,
    topic: config.topics.names.raw,
    deliveryMode: config.deliveryMode,
    compression: producerCompression(config.outputCompression),
    transactionalIdPrefix: config.transactionalIdPrefix,
    transactionTimeoutMs: config.transactionTimeoutMs,
    journal,
    ...config.consumer,
    retry: config.retry,
    deadLetterFor: (message, reason) => internalErrorDeadLetter(config.topics.names, message, reason),
  };
}
