import type { WorkerConfig } from '@news/config';
import { KafkaBatchTransport, producerCompression, type TransactionJournal } from '@news/kafka';
import type { Kafka } from 'kafkajs';
import { internalErrorDeadLetter } from './dead-letter.factory';

/** The worker's transport as the configuration describes it; the benchmark builds it the same way. */
export function batchTransportFor(
  config: WorkerConfig,
  kafka: Kafka,
  journal?: TransactionJournal,
): KafkaBatchTransport {
  return new KafkaBatchTransport({
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
  });
}
