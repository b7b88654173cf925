import { articleIdFor } from './article-id';
import { Deduplicator } from './deduplicator';
import type { DedupCandidate } from './dedup.types';
import { syntheticCorpus } from './eval/synthetic-corpus';
import { InMemoryDedupStore } from './in-memory-dedup.store';

const corpus = syntheticCorpus(12, 21, 5);
const body = (n: number) => corpus[n].paragraphs.join('\n\n');
let ref = 0;
function candidate(url: string, text: string, inputRef = `line:${++ref}`): DedupCandidate {
  return { inputRef, articleId: articleIdFor(url), canonicalUrl: url, title: 't', text, observedAt: 0 };
}
const check = async (d: Deduplicator, c: DedupCandidate) => (await d.checkBatch([c]))[0];

describe('Deduplicator', () => {
  let dedup: Deduplicator;
  beforeEach(() => (dedup = new Deduplicator(new InMemoryDedupStore())));

  it('keeps a new story unique at revision 1, and a re-scrape of the same URL is a same-URL exact duplicate', async () => {
    const first = await check(dedup, candidate('https://a.example/1', body(0)));
    expect(first).toEqual({
      status: 'unique',
      revision: 1,
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const again = await check(dedup, candidate('https://a.example/1', body(0)));
    expect(again).toMatchObject({
      status: 'duplicate',
      duplicateOf: articleIdFor('https://a.example/1'),
      match: 'exact',
      similarity: 1,
      sameUrl: true,
    });
  });

  it('numbers updates at the same URL, and a stale copy of an earlier revision is a re-scrape, not an update', async () => {
    await check(dedup, candidate('https://a.example/1', body(0)));
    const v2 = body(0) + '\n\nOfficials later confirmed the figures in a new statement on Tuesday.';
    expect(await check(dedup, candidate('https://a.example/1', v2))).toMatchObject({
      status: 'updated',
      revision: 2,
    });
    const v3 = v2.replace(/\w+/, 'corrected');
    expect(await check(dedup, candidate('https://a.example/1', v3))).toMatchObject({
      status: 'updated',
      revision: 3,
    });
    expect(await check(dedup, candidate('https://a.example/1', body(0)))).toMatchObject({
      status: 'duplicate',
      sameUrl: true,
    });
  });

  it('points copies elsewhere (same body, truncated, edited, with a dateline) at the first published article', async () => {
    const first = articleIdFor('https://a.example/1');
    await check(dedup, candidate('https://a.example/1', body(0)));
    const p = corpus[0].paragraphs;
    expect(await check(dedup, candidate('https://b.example/x', body(0)))).toMatchObject({
      status: 'duplicate',
      duplicateOf: first,
      match: 'exact',
      sameUrl: false,
    });
    const teaser = p.slice(0, 2).join('\n\n');
    expect(await check(dedup, candidate('https://c.example/y', teaser))).toMatchObject({
      status: 'duplicate',
      duplicateOf: first,
      match: 'near',
    });
    const edited = [
      'LONDON (Wire) - ' + p[0],
      ...p.slice(1).map((x) => x.replace(/\b(\w+) (\w+)\b/, '$1')),
      'Share this article',
    ].join('\n\n');
    const verdict = await check(dedup, candidate('https://d.example/z', edited));
    expect(verdict).toMatchObject({ status: 'duplicate', duplicateOf: first, match: 'near', sameUrl: false });
    expect(verdict.status === 'duplicate' && verdict.similarity).toBeGreaterThan(0.65);
  });

  it('recognizes a one-paragraph teaser behind a dateline, too short for the sampled sketch', async () => {
    await check(dedup, candidate('https://a.example/1', body(6)));
    const teaser = `WASHINGTON (Wire) - ${corpus[6].paragraphs[0].split(' ').slice(0, 16).join(' ')}`;
    expect(await check(dedup, candidate('https://t.example/1', teaser))).toMatchObject({
      status: 'duplicate',
      duplicateOf: articleIdFor('https://a.example/1'),
      match: 'near',
    });
  });

  it('keeps two different stories on the same event apart (shared topic words and a shared quote)', async () => {
    // syntheticCorpus(…, 5): article 1 covers article 0's event with its topic words and quotes it.
    expect(await check(dedup, candidate('https://a.example/0', body(0)))).toMatchObject({ status: 'unique' });
    expect(await check(dedup, candidate('https://a.example/1', body(1)))).toMatchObject({ status: 'unique' });
    for (let n = 2; n < corpus.length; n++)
      expect(await check(dedup, candidate(`https://a.example/${n}`, body(n)))).toMatchObject({
        status: 'unique',
      });
  });

  it('answers a replayed input with its first verdict: never a duplicate of itself, never a bumped revision', async () => {
    const original = candidate('https://a.example/1', body(0), 'raw/0/1');
    const update = candidate(
      'https://a.example/1',
      body(0) + '\n\nA further paragraph with more words added later.',
      'raw/0/2',
    );
    const copy = candidate('https://b.example/1', body(0), 'raw/1/7');
    const firstRun = await dedup.checkBatch([original, update, copy]);
    expect(firstRun.map((v) => v.status)).toEqual(['unique', 'updated', 'duplicate']);
    expect(await dedup.checkBatch([copy, update, original])).toEqual([firstRun[2], firstRun[1], firstRun[0]]);
  });

  it('lets a later candidate of a batch see the claims of the earlier ones', async () => {
    const verdicts = await dedup.checkBatch([
      candidate('https://a.example/1', body(3)),
      candidate('https://b.example/2', body(3)),
      candidate('https://a.example/1', body(3)),
    ]);
    expect(verdicts.map((v) => v.status)).toEqual(['unique', 'duplicate', 'duplicate']);
    expect(verdicts[2]).toMatchObject({ sameUrl: true });
  });

  it('matches only exactly when a body is too short to compare', async () => {
    // Six words make three shingles: fewer than the five comparable samples a near verdict needs.
    await check(dedup, candidate('https://a.example/1', 'Markets closed higher after quiet trading.'));
    expect(
      await check(
        dedup,
        candidate('https://b.example/1', 'Markets closed higher after quiet trading, again.'),
      ),
    ).toMatchObject({ status: 'unique' });
    expect(
      await check(dedup, candidate('https://c.example/1', 'Markets closed higher after quiet trading!')),
    ).toMatchObject({ status: 'duplicate', match: 'exact' });
  });
});
