import type { WorkerConfig } from '@news/config';
import type { TopicSpec } from '@news/kafka';

/**
 * The four topics the worker needs, as configured. Outputs may be larger than their input (a dead letter
 * carries the whole original payload, JSON-escaped), so the output topics accept twice the raw topic's limit.
 */
export function workerTopicSpecs(config: WorkerConfig): TopicSpec[] {
  const t = config.topics;
  const spec = (topic: string, retentionMs: number, maxMessageBytes: number): TopicSpec => ({
    topic,
    numPartitions: t.partitions,
    replicationFactor: t.replicationFactor,
    configs: { 'retention.ms': retentionMs, 'max.message.bytes': maxMessageBytes },
  });
  return [
    spec(t.names.raw, t.retentionMs, t.rawMaxMessageBytes),
    spec(t.names.enriched, t.retentionMs, 2 * t.rawMaxMessageBytes),
    spec(t.names.duplicates, t.retentionMs, 2 * t.rawMaxMessageBytes),
    spec(t.names.deadLetter, t.deadLetterRetentionMs, 2 * t.rawMaxMessageBytes),
  ];
}
