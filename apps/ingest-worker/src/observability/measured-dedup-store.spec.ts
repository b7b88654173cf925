import type { ArticleClaim, DedupPolicy, DedupStore, DedupVerdict } from '@news/dedup';
import { IngestMetrics, METRIC } from './ingest-metrics';
import { MeasuredDedupStore } from './measured-dedup-store';

/** A store whose answers, delay, size and failures the test controls. */
class ScriptedStore implements DedupStore {
  delayMs = 0;
  fail = false;
  entries = 0;
  closed = false;
  async claimBatch(claims: ArticleClaim[]): Promise<DedupVerdict[]> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.fail) throw new Error('redis down');
    return claims.map(() => ({ status: 'unique' }) as unknown as DedupVerdict);
  }
  size(): Promise<number> {
    return this.fail ? Promise.reject(new Error('redis down')) : Promise.resolve(this.entries);
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

const policy = {} as DedupPolicy;
const claims = [{}, {}] as ArticleClaim[];

async function series(metrics: IngestMetrics, name: string): Promise<number> {
  const line = (await metrics.render()).split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe('MeasuredDedupStore', () => {
  it('times every round trip, failed ones included, and passes answers and errors through', async () => {
    const metrics = new IngestMetrics({ processMetrics: false });
    const inner = new ScriptedStore();
    const store = new MeasuredDedupStore(inner, metrics, 0);
    inner.delayMs = 30;
    await expect(store.claimBatch(claims, policy)).resolves.toHaveLength(2);
    inner.fail = true;
    await expect(store.claimBatch(claims, policy)).rejects.toThrow('redis down');
    expect(await series(metrics, `${METRIC.dedupStoreSeconds}_count`)).toBe(2);
    expect(await series(metrics, `${METRIC.dedupStoreSeconds}_sum`)).toBeGreaterThanOrEqual(0.055);
  });

  it('samples the store size for the gauge and the status page, keeping the last figure while it is down', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const metrics = new IngestMetrics({ processMetrics: false });
      const inner = new ScriptedStore();
      inner.entries = 120;
      const store = new MeasuredDedupStore(inner, metrics, 1000);
      await jest.advanceTimersByTimeAsync(0); // the first sample is taken at construction
      expect(metrics.status().dedupStoreEntries).toBe(120);
      inner.entries = 150;
      await jest.advanceTimersByTimeAsync(1000);
      expect(await series(metrics, METRIC.dedupStoreEntries)).toBe(150);
      inner.fail = true;
      await jest.advanceTimersByTimeAsync(1000);
      expect(metrics.status().dedupStoreEntries).toBe(150);
      await store.close();
      expect(inner.closed).toBe(true);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
