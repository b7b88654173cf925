/**
 * Topics that hold the worker's own state, not events for consumers. The dedup changelog is a compacted topic
 * of the in-memory dedup index's writes (docs/operations.md, Dedup changelog); its record format belongs to
 * libs/dedup and may change with the pipeline version.
 */
export const DEDUP_CHANGELOG_SUFFIX = '.dedup-changelog.v1';

/**
 * The changelog's default name, after the consumer group as Kafka Streams names a store's changelog after its
 * application id: two deployments (or test runs) with their own groups never restore each other's index.
 */
export function defaultDedupChangelogTopic(groupId: string): string {
  return `${groupId}${DEDUP_CHANGELOG_SUFFIX}`;
}
