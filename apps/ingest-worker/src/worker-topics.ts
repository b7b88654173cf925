import type { WorkerConfig } from '@news/config';
import type { TopicSpec } from '@news/kafka';

/**
 * The topics the worker needs, as configured (the dedup changelog only with the in-memory store). Outputs may be larger than their input (a dead letter
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
  const specs = [
    spec(t.names.raw, t.retentionMs, t.rawMaxMessageBytes),
    spec(t.names.enriched, t.retentionMs, 2 * t.rawMaxMessageBytes),
    spec(t.names.duplicates, t.retentionMs, 2 * t.rawMaxMessageBytes),
    spec(t.names.deadLetter, t.deadLetterRetentionMs, 2 * t.rawMaxMessageBytes),
  ];
  const changelog = config.dedup.changelog;
  if (changelog)
    specs.push({
      topic: changelog.topic,
      numPartitions: changelog.partitions,
      replicationFactor: t.replicationFactor,
      // Compaction keeps each index entry's latest write; deletion drops what no generation can still need.
      configs: {
        'cleanup.policy': 'compact,delete',
        'retention.ms': changelog.retentionMs,
        // Segments roll daily, so compaction and deletion see closed segments well within the window.
        'segment.ms': 24 * 60 * 60 * 1000,
      },
    });
  return specs;
}
