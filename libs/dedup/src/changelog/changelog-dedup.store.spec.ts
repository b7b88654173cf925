import { isTransientError } from '@news/contracts';
import { articleIdFor } from '../article-id';
import { Deduplicator } from '../deduplicator';
import type { DedupVerdict } from '../dedup.types';
import { syntheticCorpus } from '../eval/synthetic-corpus';
import { InMemoryDedupStore } from '../in-memory-dedup.store';
import { ChangelogDedupStore, type ChangelogRecord } from './changelog-dedup.store';
import { decodeEntry } from './dedup-changelog.codec';

const corpus = syntheticCorpus(40, 4, 7);
const candidate = (story: number, site: string, partition: number, offset: number) => {
  const url = `https://${site}.example/${story}`;
  return {
    inputRef: `raw/${partition}/${offset}`,
    articleId: articleIdFor(url),
    canonicalUrl: url,
    title: 't',
    text: corpus[story].paragraphs.join('\n\n'),
    observedAt: 0,
  };
};

function harness(clock = { now: 1_000_000 }) {
  const store = new ChangelogDedupStore(new InMemoryDedupStore({ maxEntries: 40, now: () => clock.now }), {
    topic: 'changelog',
    orderTimeoutMs: 500,
  });
  return { store, dedup: new Deduplicator(store) };
}

const describeVerdict = (v: DedupVerdict) => (v.status === 'duplicate' ? `dup:${v.duplicateOf}` : v.status);

describe('ChangelogDedupStore', () => {
  it('hands a transaction its records only after every earlier claim has committed', async () => {
    const { store, dedup } = harness();
    await dedup.checkBatch([candidate(0, 'a', 1, 0)]);
    await dedup.checkBatch([candidate(0, 'b', 2, 0)]);
    let second: ChangelogRecord[] | undefined;
    const waiting = store.recordsFor(2).then((records) => (second = records));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBeUndefined();
    const first = await store.recordsFor(1);
    expect(first.map((r) => r.key.slice(0, 2)).sort()).toEqual(
      expect.arrayContaining(['i:', 'u:', 'x:', 'k:']),
    );
    store.committed(1);
    await waiting;
    // The copy's records: its verdict and its URL as a copy; a copy files no body or index key.
    expect(second?.map((r) => r.key.slice(0, 2)).sort()).toEqual(['i:', 'u:']);
    expect(await store.recordsFor(3)).toEqual([]);
  });

  it('takes back an aborted claim and every later one; the later transaction must abort too', async () => {
    const { store, dedup } = harness();
    const before = await dedup.checkBatch([candidate(0, 'a', 1, 0)]);
    const copy = await dedup.checkBatch([candidate(0, 'b', 2, 0)]);
    expect(copy[0].status).toBe('duplicate');
    const waiting = store.recordsFor(2).catch((error: unknown) => error);
    store.aborted(1);
    expect(isTransientError(await waiting)).toBe(true);
    await expect(dedup.checkBatch([candidate(0, 'b', 2, 0)])).rejects.toThrow(/rolled back/);
    store.aborted(2);
    expect(store.pendingClaims()).toBe(0);
    // Nothing of either claim is left: the copy's site now publishes the story first.
    expect((await dedup.checkBatch([candidate(0, 'b', 2, 0)]))[0].status).toBe('unique');
    expect(before[0].status).toBe('unique');
    expect(describeVerdict((await dedup.checkBatch([candidate(0, 'a', 1, 0)]))[0])).toBe(
      `dup:${articleIdFor('https://b.example/0')}`,
    );
  });

  it('rolls back other partitions when one transaction claims again after them', async () => {
    const { store, dedup } = harness();
    await dedup.checkBatch([candidate(0, 'a', 1, 0)]);
    await dedup.checkBatch([candidate(1, 'b', 2, 0)]);
    await dedup.checkBatch([candidate(2, 'a', 1, 1)]);
    await expect(store.recordsFor(2)).rejects.toThrow(/rolled back/);
    expect((await store.recordsFor(1)).filter((r) => r.key.startsWith('i:'))).toHaveLength(2);
  });

  it('restores from its committed records an index that decides every later input the same way', async () => {
    const clock = { now: 1_000_000 };
    const live = harness(clock);
    const log: ChangelogRecord[] = [];
    const first: DedupVerdict[] = [];
    // 160 inputs over 12 stories on three sites, four partitions, enough to rotate generations (maxEntries 40).
    const inputs = Array.from({ length: 160 }, (_, n) =>
      candidate((n * 7) % 12, ['a', 'b', 'c'][n % 3], n % 4, n),
    );
    for (const input of inputs.slice(0, 120)) {
      clock.now += 1000;
      first.push(...(await live.dedup.checkBatch([input])));
      const partition = Number(input.inputRef.split('/')[1]);
      log.push(...(await live.store.recordsFor(partition)));
      live.store.committed(partition);
    }
    const restored = harness(clock);
    const kept = restored.store.restore(log.map((r) => decodeEntry(r.key, r.value)));
    expect(kept).toBeGreaterThan(0);
    for (const input of inputs.slice(120)) {
      clock.now += 1000;
      const [a] = await live.dedup.checkBatch([input]);
      first.push(a);
      const [b] = await restored.dedup.checkBatch([input]);
      expect(describeVerdict(b)).toBe(describeVerdict(a));
      const partition = Number(input.inputRef.split('/')[1]);
      for (const s of [live.store, restored.store]) {
        await s.recordsFor(partition);
        s.committed(partition);
      }
    }
    // A replayed input gets its first verdict back from the restored index.
    const [replay] = await restored.dedup.checkBatch([inputs[159]]);
    expect(replay).toEqual(first[159]);
    expect(new Set(first.map((v) => v.status))).toEqual(new Set(['unique', 'duplicate']));
  });
});
