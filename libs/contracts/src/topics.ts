/** Default topic names; every one can be overridden by configuration. */
export const DEFAULT_TOPICS = {
  raw: 'news.articles.raw.v1',
  enriched: 'news.articles.enriched.v1',
  duplicates: 'news.articles.duplicates.v1',
  deadLetter: 'news.articles.dlq.v1',
} as const;

export interface TopicNames {
  raw: string;
  enriched: string;
  duplicates: string;
  deadLetter: string;
}

/** Header names carried on every output event. */
export const HEADERS = {
  traceparent: 'traceparent',
  correlationId: 'x-correlation-id',
  sourceTopic: 'x-source-topic',
  sourcePartition: 'x-source-partition',
  sourceOffset: 'x-source-offset',
  pipelineVersion: 'x-pipeline-version',
  eventType: 'x-event-type',
  errorCode: 'x-error-code',
} as const;
