import type Redis from 'ioredis';
import { TransientError } from '@news/contracts';
import {
  DEFAULT_WINDOW_MS,
  type ArticleClaim,
  type DedupPolicy,
  type DedupStore,
  type DedupVerdict,
} from '@news/dedup';
import { CLAIM_BATCH_LUA } from './claim-batch';

export interface RedisDedupStoreOptions {
  /** Prefix of every key this store writes (default 'news:dedup:'); one prefix per deployment or test. */
  keyPrefix?: string;
  /** How long an article is remembered; keys expire after it (default 14 days). */
  windowMs?: number;
  /** Clock, for the size() buckets. */
  now?: () => number;
}

/** Buckets of the new-URL counter behind size(): about 14 per window, at least one second long. */
const BUCKETS_PER_WINDOW = 14;

type ClaimCommand = (...args: Array<string | number | Buffer>) => Promise<string>;

/** Fingerprints as the script stores them: little-endian uint32s, the sketch's length, the sketch, the lead. */
export function packPrints(sketch: Uint32Array, lead: Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe((1 + sketch.length + lead.length) * 4);
  bytes.writeUInt32LE(sketch.length, 0);
  for (let i = 0; i < sketch.length; i++) bytes.writeUInt32LE(sketch[i], (1 + i) * 4);
  for (let i = 0; i < lead.length; i++) bytes.writeUInt32LE(lead[i], (1 + sketch.length + i) * 4);
  return bytes;
}

/**
 * The store shared by every worker replica: one EVALSHA per batch runs the check-and-claim of all its
 * articles inside Redis (see claim-batch.ts), so claims are atomic across replicas and a batch costs one
 * round trip. Every failure (connection refused, timeout, script error) rejects with TransientError: the worker
 * pauses and retries the batch; nothing is dead-lettered for it. The client's own retry and timeout settings
 * (maxRetriesPerRequest, commandTimeout, enableOfflineQueue) decide how fast a failure surfaces.
 */
export class RedisDedupStore implements DedupStore {
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly bucketMs: number;
  private readonly now: () => number;
  private readonly claimCommand: ClaimCommand;

  constructor(
    private readonly redis: Redis,
    options: RedisDedupStoreOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? 'news:dedup:';
    this.windowMs = Math.max(1, Math.round(options.windowMs ?? DEFAULT_WINDOW_MS));
    this.bucketMs = Math.max(1000, Math.ceil(this.windowMs / BUCKETS_PER_WINDOW));
    this.now = options.now ?? Date.now;
    // defineCommand sends EVALSHA and falls back to EVAL once when the script cache was flushed.
    if (!(redis as unknown as Record<string, unknown>).newsDedupClaimBatch) {
      redis.defineCommand('newsDedupClaimBatch', { numberOfKeys: 0, lua: CLAIM_BATCH_LUA });
    }
    this.claimCommand = (redis as unknown as { newsDedupClaimBatch: ClaimCommand }).newsDedupClaimBatch.bind(
      redis,
    );
  }

  async claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]> {
    if (claims.length === 0) return [];
    const args: Array<string | number | Buffer> = [
      this.prefix,
      this.windowMs,
      policy.nearContainment,
      policy.minSamples,
      policy.leadContainment,
      policy.minLeadShingles,
      this.now(),
      this.bucketMs,
    ];
    // probes start with the keys: only the rest is sent for lookup.
    for (const c of claims)
      args.push(
        c.inputRef,
        c.articleId,
        c.exact,
        packPrints(c.sketch, c.lead),
        c.keys.join(' '),
        c.probes.slice(c.keys.length).join(' '),
      );
    let verdicts: DedupVerdict[];
    try {
      // A reply that is not JSON (a truncated or foreign reply) fails like the call itself: retried, not a bug.
      verdicts = JSON.parse(await this.claimCommand(...args)) as DedupVerdict[];
    } catch (error) {
      throw new TransientError(`redis dedup claim failed: ${(error as Error).message}`, { cause: error });
    }
    if (!Array.isArray(verdicts) || verdicts.length !== claims.length) {
      throw new TransientError(
        `redis dedup claim returned ${Array.isArray(verdicts) ? verdicts.length : 'no'} verdicts for ${claims.length} claims`,
      );
    }
    return verdicts;
  }

  /** New URLs remembered within the window (approximate: counted per time bucket). */
  async size(): Promise<number> {
    const newest = Math.floor(this.now() / this.bucketMs);
    const oldest = Math.floor((this.now() - this.windowMs) / this.bucketMs);
    const keys: string[] = [];
    for (let b = oldest; b <= newest; b++) keys.push(`${this.prefix}n:${b}`);
    try {
      const counts = await this.redis.mget(keys);
      return counts.reduce((sum, c) => sum + (c ? Number(c) : 0), 0);
    } catch (error) {
      throw new TransientError(`redis dedup size failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The connection belongs to the caller (it may be shared); closing the store does not quit it. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
