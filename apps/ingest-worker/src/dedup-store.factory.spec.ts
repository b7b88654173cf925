import { loadWorkerConfig } from '@news/config';
import { REMEMBERED_ARTICLE_BYTES, inMemoryStoreWarning } from './dedup-store.factory';

const MIB = 2 ** 20;

describe('inMemoryStoreWarning', () => {
  const memory = (maxEntries: number) =>
    loadWorkerConfig({
      KAFKA_BROKERS: '127.0.0.1:9092',
      DEDUP_STORE: 'memory',
      DEDUP_MAX_ENTRIES: String(maxEntries),
    });

  it('names the sizes and the ways out when the store could outgrow half of the heap', () => {
    // The default million entries on the k8s heap ceiling (512 MiB of old generation).
    const warning = inMemoryStoreWarning(memory(1_000_000), 512 * MIB);
    expect(warning).toContain('~1953 MB');
    expect(warning).toContain('DEDUP_MAX_ENTRIES=1000000');
    expect(warning).toContain('limited to 512 MB');
    expect(warning).toMatch(/DEDUP_STORE=redis/);
  });

  it('stays quiet when the store fits, at the boundary too', () => {
    const heap = 4096 * MIB;
    const fits = heap / 2 / REMEMBERED_ARTICLE_BYTES;
    expect(inMemoryStoreWarning(memory(fits), heap)).toBeUndefined();
    expect(inMemoryStoreWarning(memory(fits + 1), heap)).toBeDefined();
  });

  it('says nothing about the Redis store, which keeps nothing on the heap', () => {
    const redis = loadWorkerConfig({
      KAFKA_BROKERS: '127.0.0.1:9092',
      DEDUP_STORE: 'redis',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(inMemoryStoreWarning(redis, 64 * MIB)).toBeUndefined();
  });
});
