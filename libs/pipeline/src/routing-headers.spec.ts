import { HEADERS, type EnrichedArticle } from '@news/contracts';
import { GeoTagger } from '@news/tagging';
import { createPipeline, type RawEnvelope } from '@news/pipeline';
import { routingHeaders } from './event-builders';
import { SEED_ARTICLE } from '../../../test/fixtures/good-articles';

const tagger = GeoTagger.load();

function envelope(value: string): RawEnvelope {
  return {
    value,
    key: 'k1',
    headers: {},
    topic: 'news.articles.raw.v1',
    partition: 0,
    offset: '1',
    timestamp: '1744113605000',
  };
}

describe('routing headers of enriched articles', () => {
  it('carry the primary and all country codes and the topic ids of the event they travel with', async () => {
    const pipeline = createPipeline({ tagger });
    const [outcome] = await pipeline.processBatch([envelope(JSON.stringify(SEED_ARTICLE))]);
    expect(outcome.kind === 'rejected' ? `rejected: ${outcome.event.error.message}` : outcome.kind).toBe(
      'enriched',
    );
    if (outcome.kind !== 'enriched') return;
    const event = JSON.parse(outcome.record.value) as EnrichedArticle;
    const headers = outcome.record.headers;
    expect(headers[HEADERS.primaryCountries]).toBe(
      event.countries
        .filter((c) => c.primary)
        .map((c) => c.code)
        .join(','),
    );
    expect(headers[HEADERS.primaryCountries]?.split(',')).toEqual(expect.arrayContaining(['UA', 'RU']));
    expect(headers[HEADERS.countries]).toBe(event.countries.map((c) => c.code).join(','));
    expect(headers[HEADERS.topics]).toBe(event.topics.map((t) => t.id).join(','));
    expect(headers[HEADERS.topics]?.split(',')).toContain('armed-conflict');
    expect(headers[HEADERS.geopolitical]).toBe(
      event.geopolitical === undefined ? undefined : String(event.geopolitical.value),
    );
  });

  it('say "none" with an empty value and leave the geopolitical flag out when the event has none', () => {
    const bare = { countries: [], topics: [] } as unknown as EnrichedArticle;
    expect(routingHeaders(bare)).toEqual({
      [HEADERS.primaryCountries]: '',
      [HEADERS.countries]: '',
      [HEADERS.topics]: '',
    });
    const flagged = { ...bare, geopolitical: { value: false, score: 0.2, evidence: [] } };
    expect(routingHeaders(flagged)[HEADERS.geopolitical]).toBe('false');
  });
});
