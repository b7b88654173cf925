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
  // Routing headers, on enriched articles only: what a subscriber filters on without parsing the value.
  /** Primary country codes (ISO 3166-1 alpha-2), ROUTING_LIST_SEPARATOR between them; empty when none. */
  primaryCountries: 'x-primary-countries',
  /** Every tagged country code, primary or not; empty when none. */
  countries: 'x-countries',
  /** Topic ids (`armed-conflict`, `diplomacy`, ...); empty when none. */
  topics: 'x-topics',
  /** `true` or `false`: the event's `geopolitical.value`; absent when the event carries no flag. */
  geopolitical: 'x-geopolitical',
} as const;

/** Between the items of a list-valued routing header: `UA,RU`. Codes and topic ids never contain it. */
export const ROUTING_LIST_SEPARATOR = ',';
