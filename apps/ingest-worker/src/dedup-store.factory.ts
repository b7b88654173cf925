import type { WorkerConfig } from '@news/config';
import { ChangelogDedupStore, InMemoryDedupStore, type DedupStore } from '@news/dedup';

export interface WorkerDedupStore {
  store: DedupStore;
  /** The in-memory store on its changelog (DEDUP_CHANGELOG): restored before consuming, journal of every slice. */
  changelog?: ChangelogDedupStore;
  /** For readiness: resolves true when the backend answers (Redis PING); absent for the in-memory store. */
  reachable?: () => Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Heap one remembered article takes in the in-memory store, rounded up: 1,830 bytes measured with
 * `node --expose-gc dist/bench/dedup.bench.js --size 20000`.
 */
export const REMEMBERED_ARTICLE_BYTES = 2048;

/**
 * Why the in-memory store may not fit the heap, or nothing. It grows to DEDUP_MAX_ENTRIES articles on the main
 * thread's heap; past the heap's ceiling the process dies hours after start, so this is said at start-up
 * (over half of the ceiling, since kafkajs and the batches in flight need the rest).
 */
export function inMemoryStoreWarning(config: WorkerConfig, heapLimitBytes: number): string | undefined {
  if (config.dedup.store !== 'memory') return undefined;
  const neededBytes = config.dedup.maxEntries * REMEMBERED_ARTICLE_BYTES;
  if (neededBytes <= heapLimitBytes / 2) return undefined;
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return (
    `DEDUP_STORE=memory may grow to ~${mb(neededBytes)} MB (DEDUP_MAX_ENTRIES=${config.dedup.maxEntries} x ~2 KB) ` +
    `on a heap limited to ${mb(heapLimitBytes)} MB: lower DEDUP_MAX_ENTRIES, raise --max-old-space-size (and the ` +
    `memory limit), or use DEDUP_STORE=redis`
  );
}

/**
 * The dedup store named by the configuration. The Redis client fails commands fast while Redis is down
 * (a couple of retries, a command timeout) instead of queueing them for minutes: the pipeline turns the
 * failure into a TransientError and the transport pauses the partition and retries with backoff. The Redis client
 * is loaded only when Redis is the store: ~0.1-0.2 s of start-up that the in-memory store does not need.
 */
export async function createDedupStore(config: WorkerConfig): Promise<WorkerDedupStore> {
  if (config.dedup.store === 'memory') {
    const memory = new InMemoryDedupStore({
      windowMs: config.dedup.windowMs,
      maxEntries: config.dedup.maxEntries,
    });
    const { changelog: settings } = config.dedup;
    if (!settings) return { store: memory, close: () => memory.close() };
    const changelog = new ChangelogDedupStore(memory, {
      topic: settings.topic,
      // Half the transaction timeout: a slice that waits longer is retried before the broker aborts it.
      orderTimeoutMs: Math.floor(config.transactionTimeoutMs / 2),
    });
    return { store: changelog, changelog, close: () => changelog.close() };
  }
  const [{ Redis }, { RedisDedupStore }] = await Promise.all([
    import('ioredis'),
    import('@news/dedup-redis'),
  ]);
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
