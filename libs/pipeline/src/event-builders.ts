import {
  HEADERS,
  ROUTING_LIST_SEPARATOR,
  type DeadLetter,
  type EnrichedArticle,
  type RawArticle,
  type RejectionError,
} from '@news/contracts';
import type { OutputRecord, RawEnvelope } from './raw-envelope';
import type { TraceContext } from './trace-context';

type EventType = 'enriched' | 'duplicate' | 'dead-letter';

/** Headers every output carries: trace context, where it came from, which pipeline made it. */
export function outputHeaders(
  envelope: RawEnvelope,
  trace: TraceContext,
  pipelineVersion: string,
  eventType: EventType,
): Record<string, string> {
  return {
    [HEADERS.traceparent]: trace.traceparent,
    [HEADERS.correlationId]: trace.correlationId,
    [HEADERS.sourceTopic]: envelope.topic,
    [HEADERS.sourcePartition]: String(envelope.partition),
    [HEADERS.sourceOffset]: envelope.offset,
    [HEADERS.pipelineVersion]: pipelineVersion,
    [HEADERS.eventType]: eventType,
  };
}

/**
 * The routing headers of an enriched article: its tags in a few bytes, so that a subscriber can skip the stories
 * it does not want without parsing and validating a 6 KB JSON value. Derived from the event alone, so a replay
 * writes the same headers.
 */
export function routingHeaders(event: EnrichedArticle): Record<string, string> {
  const list = (items: string[]) => items.join(ROUTING_LIST_SEPARATOR);
  const headers: Record<string, string> = {
    [HEADERS.primaryCountries]: list(event.countries.filter((c) => c.primary).map((c) => c.code)),
    [HEADERS.countries]: list(event.countries.map((c) => c.code)),
    [HEADERS.topics]: list(event.topics.map((t) => t.id)),
  };
  if (event.geopolitical) headers[HEADERS.geopolitical] = String(event.geopolitical.value);
  return headers;
}

export function toRecord(
  topic: string,
  key: string | null,
  headers: Record<string, string>,
  event: object,
): OutputRecord {
  return { topic, key, headers, value: JSON.stringify(event) };
}

export function outputSource(article: RawArticle, canonicalUrl: string): EnrichedArticle['source'] {
  const domain =
    article.source?.domain?.trim().toLowerCase() || new URL(canonicalUrl).hostname.replace(/^www\./, '');
  return {
    domain,
    name: article.source?.name?.trim() || null,
    country: article.source?.country?.toUpperCase() || null,
  };
}

/** What an input's outputs say when nothing tells when it arrived: the Unix epoch. */
export const UNKNOWN_INPUT_TIME = '1970-01-01T00:00:00.000Z';

/**
 * The time an input's outputs carry (`processedAt`, `failedAt`), taken from the input itself so that processing
 * it again, after a crash or a rebalance, writes the same bytes: the timestamp of its raw Kafka record (the
 * producer's create time, or the broker's append time on a topic set to LogAppendTime; stored with the record,
 * so a replay reads the same one); without one (offline runs), the raw article's `fetchedAt`; without either,
 * UNKNOWN_INPUT_TIME. Never the clock.
 */
export function inputTime(envelope: RawEnvelope, fetchedAt?: string): string {
  const recordMs = envelope.timestamp === undefined ? Number.NaN : Number(envelope.timestamp);
  if (envelope.timestamp !== '' && Number.isSafeInteger(recordMs) && recordMs >= 0)
    return new Date(recordMs).toISOString();
  return isoUtc(fetchedAt) ?? UNKNOWN_INPUT_TIME;
}

/** ISO 8601 UTC, or null when absent or unparseable (validation already rejected malformed ones). */
export function isoUtc(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function deadLetterEvent(
  envelope: RawEnvelope,
  error: RejectionError,
  failedAt: string,
  pipelineVersion: string,
): DeadLetter {
  const original: DeadLetter['original'] = {
    topic: envelope.topic,
    partition: envelope.partition,
    offset: envelope.offset,
    key: envelope.key,
    headers: envelope.headers,
  };
  const value = envelope.value;
  if (value === null) {
    original.value = null;
  } else if (typeof value === 'string') {
    original.value = value.toWellFormed();
  } else if (error.code !== 'invalid-utf8' && isUtf8(value)) {
    original.value = value.toString('utf8');
  } else {
    original.valueBase64 = value.toString('base64');
  }
  return {
    schemaVersion: 1,
    error: { code: error.code, message: error.message, stage: error.stage },
    original,
    failedAt,
    pipeline: { version: pipelineVersion },
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A payload rejected before decoding (too large, say) may still be binary: keep it byte for byte. */
function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
