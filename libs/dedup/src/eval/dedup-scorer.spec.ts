import { buildDedupStream } from './dedup-stream';
import { evaluateDedup, evalCanonicalUrl, expectedVerdicts } from './dedup-scorer';
import { syntheticCorpus } from './synthetic-corpus';

const corpus = syntheticCorpus(150, 13);

describe('dedup evaluation', () => {
  it('builds the same stream for the same seed and another for another seed', () => {
    const a = buildDedupStream(corpus, { seed: 4 });
    expect(buildDedupStream(corpus, { seed: 4 })).toEqual(a);
    expect(buildDedupStream(corpus, { seed: 5 })).not.toEqual(a);
    expect(new Set(a.map((e) => e.kind))).toEqual(
      new Set(['original', 'rescrape', 'tracking-rescrape', 'update', 'copy']),
    );
  });

  it('expects the first appearance of a story unique, later ones duplicates of it, changed content at a URL an update', () => {
    const stream = buildDedupStream(corpus, { seed: 4 });
    const expected = expectedVerdicts(stream);
    const firsts = new Set<string>();
    stream.forEach((e, i) => {
      if (!firsts.has(e.story)) {
        expect(expected[i].status).toBe('unique');
        firsts.add(e.story);
      } else expect(expected[i].status).not.toBe('unique');
    });
  });

  it('meets the issue targets on a synthetic stream', async () => {
    const score = await evaluateDedup(buildDedupStream(corpus, { seed: 9 }));
    expect(score.duplicatePrecision).toBeGreaterThanOrEqual(0.99);
    expect(score.duplicateRecall).toBeGreaterThanOrEqual(0.95);
    expect(score.uniquesKept).toBeGreaterThanOrEqual(0.99);
    expect(score.updatesRecognized).toBeGreaterThanOrEqual(0.9);
  });

  it('drops tracking parameters and www. from URLs', () => {
    expect(evalCanonicalUrl('http://WWW.Example.com/a/b/?utm_source=x&id=3&fbclid=q#top')).toBe(
      'https://example.com/a/b?id=3',
    );
  });
});
