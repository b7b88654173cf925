/**
 * Topics that hold the worker's own state, not events for consumers. The dedup changelog is a compacted topic
 * of the in-memory dedup index's writes (docs/operations.md, Dedup changelog); its record format belongs to
 * libs/dedup and may change with the pipeline version.
 */
export const DEFAULT_DEDUP_CHANGELOG_TOPIC = 'news-ingest.dedup-changelog.v1';
