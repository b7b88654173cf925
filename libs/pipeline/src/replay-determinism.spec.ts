import { InMemoryDedupStore } from '@news/dedup';
import { GeoTagger } from '@news/tagging';
import { createPipeline, type PipelineOutcome, type RawEnvelope } from '@news/pipeline';

// The gazetteer is built once per process, as the worker does at start-up.
const tagger = GeoTagger.load();
const TOPIC = 'news.articles.raw.v1';

const WORDS = (
  'council harbour budget mayor river bridge school hospital workers union station museum library ' +
  'festival storm rain season harvest price fuel train road minister court judge police plan week month ' +
  'city village region coast valley forest company factory jobs wages tax vote parliament teachers ' +
  'doctors nurses water power grid ferry airport market farmers fishermen tourists'
).split(' ');
// Lines a site repeats on every page: the kind a learned boilerplate filter would come to strip.
const SITE_LINES = [
  'Valmora Daily: the voice of the coast since 1921',
  'Follow us for more from the coast',
  'Read more stories like this in our weekly newsletter, sent every Friday morning to subscribers.',
];

/** A small deterministic generator, so a failing case can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function sentence(next: () => number): string {
  const words = Array.from(
    { length: 14 + Math.floor(next() * 10) },
    () => WORDS[Math.floor(next() * WORDS.length)],
  );
  return `The ${words.join(' ')}.`;
}

/** A raw article of one of three sites: a few sentences of its own, the site's lines around them, as text or HTML. */
function rawArticle(seed: number): string {
  const next = random(seed);
  const site = ['valmora.test', 'coastline.test', 'harbourwatch.test'][seed % 3];
  const paragraphs = Array.from({ length: 2 + Math.floor(next() * 5) }, () => sentence(next));
  const head = SITE_LINES.slice(0, Math.floor(next() * 2));
  const tail = SITE_LINES.slice(1 + Math.floor(next() * 2));
  const url = `https://www.${site}/news/${seed}`;
  if (next() < 0.5) return JSON.stringify({ url, text: [...head, ...paragraphs, ...tail].join('\n') });
  const p = (t: string) => `<p>${t}</p>`;
  return JSON.stringify({
    url,
    html: `<html><body><header>${head.map(p).join('')}</header><article>${paragraphs.map(p).join('')}</article><footer>${tail.map(p).join('')}</footer></body></html>`,
  });
}

let offset = 0;
function envelope(value: string): RawEnvelope {
  offset++;
  const timestamp = String(Date.parse('2026-03-02T10:00:00Z') + offset);
  return { value, key: null, headers: {}, topic: TOPIC, partition: 0, offset: String(offset), timestamp };
}

/** What a replay must reproduce: the outcome kind, the article it names, and the bytes published. */
function summary(outcome: PipelineOutcome) {
  return {
    kind: outcome.kind,
    articleId: outcome.kind === 'rejected' ? null : outcome.event.articleId,
    topic: outcome.record.topic,
    key: outcome.record.key,
    value: outcome.record.value,
  };
}

describe('replays give the same answer', () => {
  it('processes an input to the same outcome, articleId and bytes with cold and with warm state', async () => {
    // Warm: a pipeline that has seen 90 articles of the same three sites (every site line many times over).
    const warm = createPipeline({ tagger, dedupStore: new InMemoryDedupStore() });
    for (let batch = 0; batch < 3; batch++)
      await warm.processBatch(
        Array.from({ length: 30 }, (_, i) => envelope(rawArticle(10_000 + batch * 30 + i))),
      );

    for (let seed = 1; seed <= 40; seed++) {
      const input = rawArticle(seed);
      // Cold: a fresh pipeline and a fresh dedup index. The input is new to both, so only hidden state could differ.
      const cold = createPipeline({ tagger, dedupStore: new InMemoryDedupStore() });
      // The same coordinates in both (partition 1, apart from the warm-up's partition 0): a replay of one input.
      const at: RawEnvelope = { ...envelope(input), partition: 1, offset: String(seed) };
      const [a] = await cold.processBatch([at]);
      const [b] = await warm.processBatch([at]);
      expect({ seed, ...summary(b) }).toEqual({ seed, ...summary(a) });
      expect(a.kind).toBe('enriched');
    }
  }, 60_000);

  it.each(['text', 'html'])(
    'twenty %s copies of one body on one site: 1 enriched and 19 duplicate notices naming it, no dead letter',
    async (format) => {
      const body = Array.from({ length: 4 }, (_, i) => sentence(random(77 + i))).join('\n');
      const copy = (i: number) =>
        JSON.stringify({
          url: `https://www.valmora.test/section-${i}/sea-wall-approved`,
          title: 'Sea wall approved',
          ...(format === 'text'
            ? { text: `${body}\n${SITE_LINES[0]}` }
            : {
                html: `<html><body><article>${body
                  .split('\n')
                  .map((l) => `<p>${l}</p>`)
                  .join('')}</article></body></html>`,
              }),
        });
      const pipeline = createPipeline({ tagger, dedupStore: new InMemoryDedupStore() });
      const outcomes: PipelineOutcome[] = [];
      // In slices of five, as successive Kafka batches of one partition arrive.
      for (let i = 0; i < 20; i += 5)
        outcomes.push(
          ...(await pipeline.processBatch(Array.from({ length: 5 }, (_, j) => envelope(copy(i + j))))),
        );

      expect(outcomes.map((o) => o.kind)).toEqual(['enriched', ...new Array<string>(19).fill('duplicate')]);
      const first = outcomes[0];
      if (first.kind !== 'enriched') return;
      for (const o of outcomes.slice(1))
        if (o.kind === 'duplicate') expect(o.event.duplicateOf).toBe(first.event.articleId);
    },
  );

  it('publishes the same bytes for an input processed again hours later: its times come from its record', async () => {
    // Every input kind: enriched, a duplicate notice, dead letters from decoding and from normalizing.
    const inputs = [
      rawArticle(501),
      rawArticle(501).replace('/news/501', '/copy/501'),
      '{"url": "https://www.valmora.test/news/broken"',
      JSON.stringify({ url: 'https://www.valmora.test/news/empty', html: '<html><body></body></html>' }),
    ].map((value, i): RawEnvelope => ({ ...envelope(value), partition: 2, offset: String(i) }));
    const run = async (wallClock: string) => {
      // Only Date is faked: the clock reads `wallClock`, timers and promises run as usual.
      jest.useFakeTimers({
        now: new Date(wallClock),
        doNotFake: [
          'nextTick',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'queueMicrotask',
        ],
      });
      try {
        const pipeline = createPipeline({ tagger, dedupStore: new InMemoryDedupStore() });
        return (await pipeline.processBatch(inputs)).map((o) => ({ kind: o.kind, ...o.record }));
      } finally {
        jest.useRealTimers();
      }
    };
    const first = await run('2026-03-02T10:00:01Z');
    const later = await run('2026-03-02T16:42:00Z');
    expect(first.map((o) => o.kind)).toEqual(['enriched', 'duplicate', 'rejected', 'rejected']);
    expect(later).toEqual(first);
    const times = first.map((o) => JSON.parse(o.value) as { processedAt?: string; failedAt?: string });
    expect(times.map((t) => t.processedAt ?? t.failedAt)).toEqual(
      inputs.map((e) => new Date(Number(e.timestamp)).toISOString()),
    );
  });
});
