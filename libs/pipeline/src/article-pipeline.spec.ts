import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  DeadLetterSchema,
  DuplicateNoticeSchema,
  EnrichedArticleSchema,
  HEADERS,
  type EnrichedArticle,
} from '@news/contracts';
import { GeoTagger } from '@news/tagging';
import {
  createPipeline as createWith,
  type PipelineOptions,
  type PipelineOutcome,
  type RawEnvelope,
} from '@news/pipeline';
import { badInputs } from '../../../test/fixtures/bad-inputs';
import { HTML_ARTICLE, SEED_ARTICLE, TEXT_ARTICLE } from '../../../test/fixtures/good-articles';

const enrichedCheck = TypeCompiler.Compile(EnrichedArticleSchema);
const duplicateCheck = TypeCompiler.Compile(DuplicateNoticeSchema);
const deadLetterCheck = TypeCompiler.Compile(DeadLetterSchema);
const TOPIC = 'news.articles.raw.v1';

// The gazetteer is built once per process, as the worker does at start-up.
const tagger = GeoTagger.load();
const createPipeline = (options: PipelineOptions = {}) => createWith({ tagger, ...options });

function envelope(
  value: RawEnvelope['value'],
  offset: number,
  headers: Record<string, string> = {},
): RawEnvelope {
  // Record timestamps as kafkajs gives them: the outputs' processedAt and failedAt come from them.
  const timestamp = String(Date.parse('2025-04-08T12:00:05Z') + offset);
  return { value, key: `k${offset}`, headers, topic: TOPIC, partition: 2, offset: String(offset), timestamp };
}

function expectValidEvent(outcome: PipelineOutcome): void {
  const check =
    outcome.kind === 'enriched'
      ? enrichedCheck
      : outcome.kind === 'duplicate'
        ? duplicateCheck
        : deadLetterCheck;
  const parsed: unknown = JSON.parse(outcome.record.value);
  expect([...check.Errors(parsed)].map((e) => `${e.path} ${e.message}`)).toEqual([]);
}

function expectExactEvidence(event: EnrichedArticle): void {
  const spans = [...event.countries, ...event.entities, ...event.topics].flatMap((tag) => tag.evidence);
  for (const span of spans) expect(event[span.field].slice(span.start, span.end)).toBe(span.text);
}

describe('ArticlePipeline', () => {
  const pipeline = createPipeline();

  it('enriches the seed article without the widget label or the headline rail', async () => {
    const [outcome] = await pipeline.processBatch([envelope(JSON.stringify(SEED_ARTICLE), 1)]);
    expect(outcome.kind).toBe('enriched');
    expectValidEvent(outcome);
    const event = JSON.parse(outcome.record.value) as EnrichedArticle;
    expect(event.text.startsWith('Ukrainian forces have captured')).toBe(true);
    expect(event.text.endsWith('mostly in the east.')).toBe(true);
    expect(event.text).not.toMatch(/Carbonatix|Latest Stories|Bawku|minutes -/);
    const codes = event.countries.map((c) => c.code);
    expect(codes).not.toContain('GH');
    expect(codes).not.toContain('NG');
    expect(event.countries.filter((c) => c.primary).map((c) => c.code)).toEqual(
      expect.arrayContaining(['UA', 'RU', 'CN']),
    );
    expect(event.topics.map((t) => t.id)).toEqual(expect.arrayContaining(['armed-conflict', 'diplomacy']));
    expectExactEvidence(event);
    expect(outcome.record.key).toBe(event.articleId);
    expect(outcome.record.headers[HEADERS.sourceOffset]).toBe('1');
    expect(outcome.record.headers[HEADERS.correlationId]).toBe('seed-1');
  });

  it('gives one valid output per input for bad input interleaved with good events, and pollutes nothing', async () => {
    const local = createPipeline({ maxPayloadBytes: 8 * 1024 * 1024 });
    const cases = badInputs();
    const inputs: RawEnvelope[] = [];
    const expected: (string | readonly string[])[] = [];
    const goods: Record<string, unknown>[] = [HTML_ARTICLE, TEXT_ARTICLE];
    cases.forEach((bad, i) => {
      inputs.push(envelope(bad.value, inputs.length));
      expected.push(bad.expect);
      if (i % 5 === 0) {
        const good = goods[(i / 5) % goods.length];
        // The same two stories under new URLs: the first of each is enriched, later ones are syndicated copies.
        inputs.push(
          envelope(JSON.stringify({ ...good, url: `${String(good.url).split('?')[0]}-${i}` }), inputs.length),
        );
        expected.push(i < 10 ? ['enriched'] : ['duplicate']);
      }
    });
    expect(cases.length).toBeGreaterThanOrEqual(25);

    const outcomes = await local.processBatch(inputs);

    expect(outcomes).toHaveLength(inputs.length);
    outcomes.forEach((outcome, i) => {
      const want = expected[i];
      const got = outcome.kind === 'rejected' ? outcome.code : outcome.kind;
      const allowed = typeof want === 'string' ? [want] : want;
      expect({ input: i, got }).toEqual({
        input: i,
        got: expect.stringMatching(new RegExp(`^(${allowed.join('|')})$`)),
      });
      expectValidEvent(outcome);
      if (outcome.kind === 'rejected') {
        const original = outcome.event.original;
        const value = inputs[i].value;
        if (value === null) expect(original.value).toBeNull();
        else if (outcome.code === 'invalid-utf8')
          expect(Buffer.from(original.valueBase64 ?? '', 'base64').equals(value as Buffer)).toBe(true);
        else expect(original.value).toBe(value.toString());
        expect(original.offset).toBe(String(i));
      }
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 60_000);

  it('cleans lone surrogates and control characters instead of passing them on', async () => {
    const cases = badInputs({ hugeBytes: 10 }).filter(
      (c) => c.name === 'lone surrogates' || c.name === 'control characters',
    );
    const outcomes = await createPipeline().processBatch(cases.map((c, i) => envelope(c.value, i)));
    for (const outcome of outcomes) {
      expect(outcome.kind).toBe('enriched');
      const event = JSON.parse(outcome.record.value) as EnrichedArticle;
      expect(event.text.isWellFormed()).toBe(true);
      expect(event.title.isWellFormed()).toBe(true);
      // Control characters other than tab and line breaks, and zero-width spaces, must be gone.
      const forbidden = [...event.text].filter((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return (code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || ch === '\u200b';
      });
      expect(forbidden).toEqual([]);
    }
  });

  it('publishes a re-scrape as a duplicate and replays an input to the same verdict', async () => {
    const local = createPipeline();
    const first = envelope(JSON.stringify(TEXT_ARTICLE), 10);
    const rescrape = envelope(
      JSON.stringify({
        ...TEXT_ARTICLE,
        url: `${TEXT_ARTICLE.url}?utm_source=x`,
        fetchedAt: '2025-04-01T11:00:00Z',
      }),
      11,
    );
    const [a, b] = await local.processBatch([first, rescrape]);
    expect(a.kind).toBe('enriched');
    expect(b.kind).toBe('duplicate');
    if (a.kind !== 'enriched' || b.kind !== 'duplicate') return;
    expect(b.event.duplicateOf).toBe(a.event.articleId);
    expect(b.event.sameUrl).toBe(true);
    const [again] = await local.processBatch([first]);
    expect(again.kind).toBe('enriched');
    expect(again.record.value).toBe(a.record.value);
  });

  it('propagates an incoming traceparent and keeps its trace id', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const [outcome] = await pipeline.processBatch([
      envelope(JSON.stringify(HTML_ARTICLE), 20, { traceparent }),
    ]);
    expect(outcome.record.headers.traceparent).toMatch(
      /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/,
    );
    expect(outcome.record.headers.traceparent).not.toBe(traceparent);
  });
});
