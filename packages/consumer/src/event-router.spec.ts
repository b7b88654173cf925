import { DEFAULT_TOPICS, HEADERS } from '@news/contracts';
import { EventRouter } from './event-router';
import type { EventKind } from './event-decoder';
import SEED_ENRICHED from './fixtures/seed-enriched.json';

const KINDS = new Map<string, EventKind>([
  [DEFAULT_TOPICS.enriched, 'enriched'],
  [DEFAULT_TOPICS.duplicates, 'duplicate'],
  [DEFAULT_TOPICS.deadLetter, 'dead-letter'],
]);

const ROUTING = {
  [HEADERS.primaryCountries]: Buffer.from('UA,CN,RU'),
  [HEADERS.countries]: Buffer.from('UA,CN,RU,KP,US,FR'),
  [HEADERS.topics]: Buffer.from('armed-conflict,diplomacy'),
};

function record(value: string | Buffer | null, headers: Record<string, Buffer> = ROUTING) {
  return {
    key: Buffer.from('a_1'),
    value: typeof value === 'string' ? Buffer.from(value) : value,
    headers,
    offset: '42',
  };
}

describe('EventRouter', () => {
  const router = new EventRouter(KINDS, { topics: ['armed-conflict'], countries: ['RU'] });

  it('delivers a valid enriched article that the filter wants, with its coordinates and headers', () => {
    const routed = router.route(DEFAULT_TOPICS.enriched, 2, record(JSON.stringify(SEED_ENRICHED)));
    expect(routed.action).toBe('deliver');
    if (routed.action !== 'deliver') return;
    expect(routed.kind).toBe('enriched');
    expect(routed.context).toMatchObject({
      topic: DEFAULT_TOPICS.enriched,
      partition: 2,
      offset: '42',
      key: 'a_1',
    });
    expect(routed.context.headers[HEADERS.topics]).toBe('armed-conflict,diplomacy');
  });

  it('skips an unwanted story on its headers without looking at the value', () => {
    const unwanted = { ...ROUTING, [HEADERS.topics]: Buffer.from('sports') };
    // Not JSON at all: a decode would reject it, so a skip proves the value was never parsed.
    expect(router.route(DEFAULT_TOPICS.enriched, 0, record('{not json', unwanted))).toEqual({
      action: 'skip',
    });
  });

  it('filters a record without routing headers on its decoded tags', () => {
    const strict = new EventRouter(KINDS, { countries: ['PL'] });
    expect(strict.route(DEFAULT_TOPICS.enriched, 0, record(JSON.stringify(SEED_ENRICHED), {}))).toEqual({
      action: 'skip',
    });
    expect(router.route(DEFAULT_TOPICS.enriched, 0, record(JSON.stringify(SEED_ENRICHED), {})).action).toBe(
      'deliver',
    );
  });

  it.each([
    ['empty-value', null],
    ['invalid-json', '{"schemaVersion":1,'],
    ['not-an-object', '[1,2]'],
    ['unsupported-schema-version', JSON.stringify({ ...SEED_ENRICHED, schemaVersion: 2 })],
    ['schema-violation', JSON.stringify({ ...SEED_ENRICHED, countries: 'UA' })],
  ])('rejects a bad value as %s with its coordinates', (code, value) => {
    const routed = router.route(DEFAULT_TOPICS.enriched, 1, record(value));
    expect(routed).toMatchObject({
      action: 'reject',
      problem: {
        code,
        kind: 'enriched',
        topic: DEFAULT_TOPICS.enriched,
        partition: 1,
        offset: '42',
        key: 'a_1',
      },
    });
  });

  it('validates duplicate notices and dead letters against their own schemas, unfiltered', () => {
    const notice = {
      schemaVersion: 1,
      articleId: 'a_2',
      url: 'https://b.example/x',
      canonicalUrl: 'https://b.example/x',
      duplicateOf: 'a_1',
      match: 'near',
      similarity: 0.97,
      sameUrl: false,
      source: { domain: 'b.example', name: null, country: null },
      title: 'Copy',
      fetchedAt: null,
      processedAt: '2026-11-27T13:34:48.399Z',
      pipeline: { version: '0.1.0' },
    };
    expect(router.route(DEFAULT_TOPICS.duplicates, 0, record(JSON.stringify(notice), {})).action).toBe(
      'deliver',
    );
    // An enriched article on the duplicates topic is not a duplicate notice.
    expect(
      router.route(DEFAULT_TOPICS.duplicates, 0, record(JSON.stringify(SEED_ENRICHED), {})),
    ).toMatchObject({
      action: 'reject',
      problem: { code: 'schema-violation', kind: 'duplicate' },
    });
  });

  it('ignores topics it was not given', () => {
    expect(router.route('somebody.else', 0, record('x'))).toEqual({ action: 'skip' });
  });
});
