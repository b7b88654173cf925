import { HEADERS } from '@news/contracts';
import type { RawEnvelope } from './raw-envelope';
import { traceContextFor, withScraperId } from './trace-context';

const envelope = (headers: Record<string, string>): RawEnvelope => ({
  value: '{}',
  key: null,
  headers,
  topic: 'news.articles.raw.v1',
  partition: 2,
  offset: '41',
});

describe('trace context', () => {
  it('keeps an incoming trace id, derives the span from the coordinates, and is the same on a replay', () => {
    const input = envelope({
      [HEADERS.traceparent]: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
    });
    const trace = traceContextFor(input);
    expect(trace.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(trace.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
    expect(traceContextFor(input)).toEqual(trace);
  });

  it('correlates by the header first, then the scraper id, then the trace id', () => {
    const headed = envelope({ [HEADERS.correlationId]: ' from-header ' });
    expect(withScraperId(traceContextFor(headed), headed, 'scraper-7').correlationId).toBe('from-header');

    const bare = envelope({});
    const trace = traceContextFor(bare);
    expect(trace.correlationId).toBe(trace.traceId);
    expect(withScraperId(trace, bare, ' scraper-7 ')).toEqual({ ...trace, correlationId: 'scraper-7' });
    expect(withScraperId(trace, bare, '  ')).toBe(trace);
  });
});
