import Redis from 'ioredis';
import { RedisDedupStore } from '@news/dedup-redis';
import {
  DEFAULT_DEDUP_POLICY,
  Deduplicator,
  InMemoryDedupStore,
  articleIdFor,
  buildDedupStream,
  syntheticCorpus,
  type ArticleClaim,
  type DedupCandidate,
  type DedupStore,
} from '@news/dedup';
import { syntheticClaim } from './synthetic-claims';

/**
 * Dedup speed and memory on one core, with N articles already remembered (target: in-memory
 * check-and-claim ≤ 30 µs per article with 1,000,000 remembered; memory per remembered article stated).
 *
 * The store is filled with N synthetic claims (random fingerprints shaped like real ones: same sketch and
 * key counts as a 2.5 KB article), then a stream of originals, copies, re-scrapes and updates built from
 * made-up text is run through it. Reported: fingerprinting µs/article, store check-and-claim µs/article,
 * end-to-end checkBatch µs/article, and heap bytes per remembered article.
 *
 * Default N is 100,000 (the machine is shared); pass the 1M figure explicitly:
 *   node dist/bench/dedup.bench.js --size 1000000     (or DEDUP_BENCH_SIZE=1000000)
 * Add --redis [url] (or REDIS_URL) to also measure RedisDedupStore on the same stream (fill kept small there).
 */

export interface DedupBenchResult {
  remembered: number;
  /** CPU µs to scan 2.5 KB char by char on this machine now (about 1–2 on an idle modern core). */
  scanFloorMicros: number;
  fingerprintMicros: number;
  claimMicros: number;
  checkBatchMicros: number;
  heapBytesPerArticle: number;
  /** Wall-clock µs per article through RedisDedupStore (the round trips are wall time, not our CPU). */
  redisCheckBatchMicros?: number;
  /** The same stream through the in-memory store, wall clock, for the ratio. */
  memoryWallMicros?: number;
  /** Time Redis itself spent in the script per article (INFO commandstats, EVALSHA + EVAL usec). */
  redisServerMicros?: number;
}

function sizeFromArgs(argv: string[]): number {
  const i = argv.indexOf('--size');
  const raw = i >= 0 ? argv[i + 1] : process.env.DEDUP_BENCH_SIZE;
  const n = raw === undefined ? 100_000 : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--size must be a non-negative integer, got ${raw}`);
  return n;
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

function streamCandidates(): DedupCandidate[] {
  const events = buildDedupStream(syntheticCorpus(600, 99), { seed: 3 });
  return events.map((e) => ({
    inputRef: `bench:${e.seq}`,
    articleId: articleIdFor(e.url),
    canonicalUrl: e.url,
    title: e.title,
    text: e.text,
    observedAt: e.observedAt,
  }));
}

async function fill(store: DedupStore, size: number): Promise<void> {
  for (let n = 0; n < size; n += 1000) {
    const claims: ArticleClaim[] = [];
    for (let k = n; k < Math.min(size, n + 1000); k++)
      claims.push(
        syntheticClaim({ inputRef: `fill:${k}`, articleId: `a_fill${k.toString(16).padStart(26, '0')}` }),
      );
    await store.claimBatch(claims, DEFAULT_DEDUP_POLICY);
  }
}

/**
 * CPU time of this process, in µs per item. The box is shared by several engineers, so wall time mostly
 * measures their load; CPU time is the steadier figure (still inflated on a busy machine: see scanFloor).
 */
async function cpuMicrosPer(items: number, work: () => Promise<void> | void): Promise<number> {
  const started = process.cpuUsage();
  await work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / items;
}

/** µs of CPU to scan 2.5 KB of text char by char: compare figures from different runs relative to this. */
function scanFloor(): number {
  const text = 'word '.repeat(500);
  let spaces = 0;
  const started = process.cpuUsage();
  for (let k = 0; k < 2000; k++)
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) spaces++;
  const used = process.cpuUsage(started);
  return spaces > 0 ? (used.user + used.system) / 2000 : 0;
}

function timeCheckBatches(
  dedup: Deduplicator,
  candidates: DedupCandidate[],
  prefix: string,
): Promise<number> {
  return cpuMicrosPer(candidates.length, async () => {
    for (let i = 0; i < candidates.length; i += 100) {
      await dedup.checkBatch(
        candidates.slice(i, i + 100).map((c) => ({ ...c, inputRef: prefix + c.inputRef })),
      );
    }
  });
}

async function wallMicrosPer(items: number, work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1000 / items;
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<DedupBenchResult> {
  const size = sizeFromArgs(argv);
  const candidates = streamCandidates();
  const before = heapUsed();
  const store = new InMemoryDedupStore({ maxEntries: Math.max(2 * size, 1000) });
  await fill(store, size);
  const heapBytesPerArticle = size > 0 ? (heapUsed() - before) / size : 0;

  const dedup = new Deduplicator(store);
  // Warm-up on a copy of the stream under other input refs, so the JIT has settled before measuring.
  await timeCheckBatches(new Deduplicator(new InMemoryDedupStore()), candidates, 'warm:');

  let claims: ArticleClaim[] = [];
  const fingerprintMicros = await cpuMicrosPer(candidates.length, () => {
    claims = candidates.map((c) => ({ ...dedup.claimFor(c), inputRef: `claim:${c.inputRef}` }));
  });
  // ~100,000 claims: the stream again and again under new URLs (later passes are copies of the first), so the
  // cost of collecting the big heap is amortized as in steady operation instead of landing by chance (one major
  // GC of a 1.5 GB heap within a few thousand claims would count for 100+ µs each).
  const passCount = Math.max(1, Math.ceil(100_000 / Math.max(1, claims.length)));
  const passes = Array.from({ length: passCount }, (_, p) =>
    claims.map((c) => ({ ...c, inputRef: `${p}:${c.inputRef}`, articleId: `${p}:${c.articleId}` })),
  );
  heapUsed();
  const claimMicros = await cpuMicrosPer(claims.length * passes.length, () => {
    for (const pass of passes) for (const claim of pass) store.claim(claim, DEFAULT_DEDUP_POLICY);
  });
  const checkBatchMicros = await timeCheckBatches(dedup, candidates, 'e2e:');
  const result: DedupBenchResult = {
    remembered: size,
    scanFloorMicros: scanFloor(),
    fingerprintMicros,
    claimMicros,
    checkBatchMicros,
    heapBytesPerArticle,
  };

  const redisIndex = argv.indexOf('--redis');
  if (redisIndex >= 0) {
    result.memoryWallMicros = await wallMicrosPer(candidates.length, async () => {
      const fresh = new Deduplicator(new InMemoryDedupStore());
      for (let i = 0; i < candidates.length; i += 100) await fresh.checkBatch(candidates.slice(i, i + 100));
    });
    Object.assign(result, await redisCheckBatch(argv[redisIndex + 1] ?? process.env.REDIS_URL, candidates));
  }
  return result;
}

/** usec Redis spent in scripts so far (all clients: run the bench when nobody else uses this Redis). */
async function scriptMicros(redis: { info(section: string): Promise<string> }): Promise<number> {
  const stats = await redis.info('commandstats');
  let total = 0;
  for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=\d+,usec=(\d+)/gm))
    total += Number(match[1]);
  return total;
}

/** The same stream through RedisDedupStore (a fresh key prefix, removed afterwards). */
async function redisCheckBatch(
  url: string | undefined,
  candidates: DedupCandidate[],
): Promise<{ redisCheckBatchMicros: number; redisServerMicros: number }> {
  const redis = new Redis(url && !url.startsWith('--') ? url : 'redis://127.0.0.1:6379');
  const prefix = `bench:dedup:${process.pid}:`;
  try {
    const dedup = new Deduplicator(new RedisDedupStore(redis, { keyPrefix: prefix, windowMs: 600_000 }));
    const serverBefore = await scriptMicros(redis);
    const redisCheckBatchMicros = await wallMicrosPer(candidates.length, async () => {
      for (let i = 0; i < candidates.length; i += 100) await dedup.checkBatch(candidates.slice(i, i + 100));
    });
    return {
      redisCheckBatchMicros,
      redisServerMicros: ((await scriptMicros(redis)) - serverBefore) / candidates.length,
    };
  } finally {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

if (require.main === module) {
  run()
    .then((r) => {
      const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
      line('remembered articles', r.remembered.toLocaleString('en'));
      line('machine scan floor (2.5 KB char scan, CPU)', `${r.scanFloorMicros.toFixed(2)} µs`);
      line('fingerprint (normalized body → claim), CPU', `${r.fingerprintMicros.toFixed(1)} µs/article`);
      line('in-memory check-and-claim, CPU', `${r.claimMicros.toFixed(1)} µs/article`);
      line('in-memory checkBatch end to end (batch 100), CPU', `${r.checkBatchMicros.toFixed(1)} µs/article`);
      line(
        'heap per remembered article',
        `${Math.round(r.heapBytesPerArticle)} bytes${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
      );
      if (r.redisCheckBatchMicros !== undefined && r.memoryWallMicros !== undefined) {
        line('in-memory checkBatch (batch 100), wall', `${r.memoryWallMicros.toFixed(1)} µs/article`);
        line('redis checkBatch (batch 100), wall', `${r.redisCheckBatchMicros.toFixed(1)} µs/article`);
        line('  of which Redis running the script', `${(r.redisServerMicros ?? 0).toFixed(1)} µs/article`);
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
