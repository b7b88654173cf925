import type { WorkerConfig } from '@news/config';
import { InMemoryDedupStore, type DedupStore } from '@news/dedup';
import { RedisDedupStore } from '@news/dedup-redis';
import { Redis } from 'ioredis';

export interface WorkerDedupStore {
  store: DedupStore;
  /** For readiness: resolves true when the backend answers (Redis PING); absent for the in-memory store. */
  reachable?: () => Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The dedup store named by the configuration. The Redis client fails commands fast while Redis is down
 * (a couple of retries, a command timeout) instead of queueing them for minutes: the pipeline turns the
 * failure into a TransientError and the transport pauses the partition and retries with backoff.
 */
export function createDedupStore(config: WorkerConfig): WorkerDedupStore {
  if (config.dedup.store === 'memory') {
    const store = new InMemoryDedupStore({
      windowMs: config.dedup.windowMs,
      maxEntries: config.dedup.maxEntries,
    });
    return { store, close: () => store.close() };
  }
  const redis = new Redis(config.dedup.redisUrl ?? '', {
    maxRetriesPerRequest: 2,
    commandTimeout: 5_000,
    connectTimeout: 5_000,
    lazyConnect: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Connection errors surface as failed commands (transient, retried); the event itself needs no crash.
  redis.on('error', () => undefined);
  const store = new RedisDedupStore(redis, {
    keyPrefix: `${config.dedup.keyPrefix}:dedup:`,
    windowMs: config.dedup.windowMs,
  });
  return {
    store,
    reachable: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      await store.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
