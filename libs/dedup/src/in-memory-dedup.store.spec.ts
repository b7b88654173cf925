import { articleIdFor } from './article-id';
import { Deduplicator } from './deduplicator';
import { syntheticCorpus } from './eval/synthetic-corpus';
import { InMemoryDedupStore } from './in-memory-dedup.store';

const corpus = syntheticCorpus(30, 5, 1000);
const candidate = (n: number, url: string, ref: string) => ({
  inputRef: ref,
  articleId: articleIdFor(url),
  canonicalUrl: url,
  title: 't',
  text: corpus[n].paragraphs.join('\n\n'),
  observedAt: 0,
});

describe('InMemoryDedupStore', () => {
  it('forgets articles older than the window', async () => {
    let now = 1_000_000;
    const dedup = new Deduplicator(new InMemoryDedupStore({ windowMs: 60_000, now: () => now }));
    await dedup.checkBatch([candidate(0, 'https://a.example/0', 'r1')]);
    now += 30_000;
    expect((await dedup.checkBatch([candidate(0, 'https://b.example/0', 'r2')]))[0].status).toBe('duplicate');
    now += 31_000;
    expect((await dedup.checkBatch([candidate(0, 'https://c.example/0', 'r3')]))[0].status).toBe('unique');
  });

  it('stays bounded by count: the oldest articles are forgotten first', async () => {
    const store = new InMemoryDedupStore({ maxEntries: 10 });
    const dedup = new Deduplicator(store);
    for (let n = 0; n < 30; n++) await dedup.checkBatch([candidate(n, `https://a.example/${n}`, `r${n}`)]);
    expect(await store.size()).toBeLessThanOrEqual(10);
    expect((await dedup.checkBatch([candidate(29, 'https://copy.example/29', 'c29')]))[0].status).toBe(
      'duplicate',
    );
    expect((await dedup.checkBatch([candidate(0, 'https://copy.example/0', 'c0')]))[0].status).toBe('unique');
  });
});
