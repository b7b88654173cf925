import { hash } from 'node:crypto';
import { HEADERS } from '@news/contracts';
import type { RawEnvelope } from './raw-envelope';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  traceparent: string;
  traceId: string;
  correlationId: string;
}

/**
 * W3C trace context for the outputs of one input. The input's trace id is kept and a child span id is derived;
 * an input without one gets ids derived from its Kafka coordinates. Deriving instead of drawing random ids
 * keeps the output of a replayed input byte-identical to the first attempt's.
 */
export function traceContextFor(envelope: RawEnvelope): TraceContext {
  const coordinates = `${envelope.topic}/${envelope.partition}/${envelope.offset}`;
  const incoming = TRACEPARENT.exec((envelope.headers[HEADERS.traceparent] ?? '').trim().toLowerCase());
  const traceId = incoming && !/^0+$/.test(incoming[1]) ? incoming[1] : digest(`trace:${coordinates}`, 32);
  const flags = incoming ? incoming[3] : '01';
  const spanId = digest(`span:${coordinates}`, 16);
  return {
    traceparent: `00-${traceId}-${spanId}-${flags}`,
    traceId,
    correlationId: correlationIdOf(envelope, traceId),
  };
}

/** The same context once the payload is parsed: without a correlation header, the scraper's own id correlates. */
export function withScraperId(trace: TraceContext, envelope: RawEnvelope, scraperId: string): TraceContext {
  const correlationId = correlationIdOf(envelope, scraperId.trim() || trace.traceId);
  return correlationId === trace.correlationId ? trace : { ...trace, correlationId };
}

/** The input's correlation-id header when it has one, else the fallback. */
function correlationIdOf(envelope: RawEnvelope, fallback: string): string {
  return envelope.headers[HEADERS.correlationId]?.trim() || fallback;
}

function digest(input: string, hexChars: number): string {
  // One-shot hash: a fraction of createHash's cost for inputs this short, same digest.
  return hash('sha256', input, 'hex').slice(0, hexChars);
}
