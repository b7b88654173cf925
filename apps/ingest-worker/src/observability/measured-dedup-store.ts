import type { ArticleClaim, DedupPolicy, DedupStore, DedupVerdict } from '@news/dedup';
import type { IngestMetrics } from './ingest-metrics';

/**
 * A dedup store that reports itself: the latency of every claimBatch (one round trip: a Redis pipeline
 * or a map lookup) and, every `sizeEveryMs`, how many articles it remembers. Wrap the configured store
 * with it before handing it to the pipeline; the pipeline cannot tell the difference.
 */
export class MeasuredDedupStore implements DedupStore {
  private readonly timer?: NodeJS.Timeout;

  constructor(
    private readonly inner: DedupStore,
    private readonly metrics: IngestMetrics,
    sizeEveryMs = 15_000,
  ) {
    if (sizeEveryMs > 0) {
      this.timer = setInterval(() => void this.sampleSize(), sizeEveryMs);
      // Sampling must never keep a stopping worker alive.
      this.timer.unref();
      void this.sampleSize();
    }
  }

  async claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]> {
    const started = process.hrtime.bigint();
    try {
      return await this.inner.claimBatch(claims, policy);
    } finally {
      // Failed round trips are timed too: a Redis that times out is exactly what the histogram is for.
      this.metrics.observeDedupStore(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  size(): Promise<number> {
    return this.inner.size();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.inner.close();
  }

  private async sampleSize(): Promise<void> {
    try {
      this.metrics.setDedupStoreSize(await this.inner.size());
    } catch {
      // The store is unreachable right now; readiness and retries report that. Keep the last figure.
    }
  }
}
