import type Redis from 'ioredis';

/**
 * Deletes every key under `prefix` (a store's `keyPrefix`: what one deployment, test or benchmark run wrote),
 * by SCAN and UNLINK, without blocking Redis on a KEYS call. Resolves to the number of keys deleted.
 */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 10_000);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
