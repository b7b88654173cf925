import { createServer, type AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { TransientError, isTransientError } from '@news/contracts';
import {
  Deduplicator,
  InMemoryDedupStore,
  articleIdFor,
  buildDedupStream,
  evalCanonicalUrl,
  syntheticCorpus,
  type DedupCandidate,
  type DedupVerdict,
} from '@news/dedup';
import { FINGERPRINTS_LUA, RedisDedupStore, deleteKeysUnder, packPrints } from '@news/dedup-redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const corpus = syntheticCorpus(80, 31);
const body = (n: number) => corpus[n].paragraphs.join('\n\n');

let clients: Redis[] = [];
let prefixes: string[] = [];
function client(): Redis {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  clients.push(redis);
  return redis;
}
function uniquePrefix(name: string): string {
  const prefix = `test:dedup:${name}:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
  prefixes.push(prefix);
  return prefix;
}
async function keysOf(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}
const candidate = (url: string, text: string, inputRef: string): DedupCandidate => ({
  inputRef,
  articleId: articleIdFor(url),
  canonicalUrl: url,
  title: 't',
  text,
  observedAt: Date.now(),
});

afterEach(async () => {
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) await deleteKeysUnder(redis, prefix);
  redis.disconnect();
  for (const c of clients) c.disconnect();
  clients = [];
  prefixes = [];
});

describe('RedisDedupStore against a real Redis', () => {
  it('gives the same verdicts as the in-memory store on a stream of originals, copies, re-scrapes and updates', async () => {
    const events = buildDedupStream(corpus, { seed: 2 });
    const candidates = events.map((e) => candidate(evalCanonicalUrl(e.url), e.text, `stream:${e.seq}`));
    const run = async (dedup: Deduplicator) => {
      const verdicts: DedupVerdict[] = [];
      for (let i = 0; i < candidates.length; i += 50)
        verdicts.push(...(await dedup.checkBatch(candidates.slice(i, i + 50))));
      return verdicts;
    };
    const inMemory = await run(new Deduplicator(new InMemoryDedupStore()));
    const inRedis = await run(
      new Deduplicator(new RedisDedupStore(client(), { keyPrefix: uniquePrefix('parity') })),
    );
    expect(inRedis).toEqual(inMemory);
    expect(new Set(inRedis.map((v) => v.status))).toEqual(new Set(['unique', 'updated', 'duplicate']));
  });

  it('agrees with the in-memory store on teasers, which too few sampled shingles leave to the leads to decide', async () => {
    // A teaser of a dozen words shares only a shingle or two with its long original within the original's sampled
    // hash range: the sketches cannot decide, the leads' shingles compared in full do.
    const stories = [0, 1, 2, 3, 4, 6];
    const candidates = stories.flatMap((n) => [
      candidate(`https://a.example/${n}`, body(n), `lead/${n}/full`),
      candidate(
        `https://b.example/${n}`,
        corpus[n].paragraphs[0].split(' ').slice(0, 12).join(' '),
        `lead/${n}/teaser`,
      ),
    ]);
    const inMemory = await new Deduplicator(new InMemoryDedupStore()).checkBatch(candidates);
    const inRedis = await new Deduplicator(
      new RedisDedupStore(client(), { keyPrefix: uniquePrefix('lead') }),
    ).checkBatch(candidates);
    expect(inRedis).toEqual(inMemory);
    for (let i = 1; i < inRedis.length; i += 2)
      expect(inRedis[i]).toMatchObject({ status: 'duplicate', match: 'near' });
  });

  it('compares with the newest version of an article updated earlier in the same batch', async () => {
    // The script remembers candidates for the rest of a batch; an update must replace what it remembered.
    const original = 'https://a.example/story';
    const candidates = [
      candidate(original, body(10), 'one/0'),
      candidate('https://b.example/copy-of-first', `PARIS (Wire) - ${body(10)}`, 'one/1'),
      candidate(original, body(11), 'one/2'),
      candidate('https://c.example/copy-of-second', `PARIS (Wire) - ${body(11)}`, 'one/3'),
    ];
    const inMemory = await new Deduplicator(new InMemoryDedupStore()).checkBatch(candidates);
    const inRedis = await new Deduplicator(
      new RedisDedupStore(client(), { keyPrefix: uniquePrefix('update-in-batch') }),
    ).checkBatch(candidates);
    expect(inRedis).toEqual(inMemory);
    expect(inRedis.map((v) => v.status)).toEqual(['unique', 'duplicate', 'updated', 'duplicate']);
    expect(inRedis[3]).toMatchObject({ duplicateOf: articleIdFor(original), match: 'near' });
  });

  it('reads the fingerprints back in Lua exactly as the store packs them, sketch and lead, at every boundary', async () => {
    // The verdict parity tests above cannot see every misread: a lead read one value off still overlaps enough.
    const read = `${FINGERPRINTS_LUA}\nreturn { sketchOf(ARGV[1]), leadOf(ARGV[1]) }`;
    const cases: Array<[number[], number[]]> = [
      [
        [1, 2, 0xfffffffe, 0xffffffff],
        [3, 5, 8, 13],
      ], // a sketch that ends with the sentinel
      [[], [7, 9, 11]], // a teaser: no sampled shingle, only its lead
      [[42], []],
      [[], []],
      [
        Array.from({ length: 96 }, (_, i) => i * 40_000_000),
        Array.from({ length: 47 }, (_, i) => 4_000_000_000 + i),
      ],
    ];
    const redis = client();
    for (const [sketch, lead] of cases) {
      const reply = await redis.eval(read, 0, packPrints(Uint32Array.from(sketch), Uint32Array.from(lead)));
      expect(reply).toEqual([sketch, lead]);
    }
  });

  it('lets two replicas racing on copies of the same stories publish exactly one unique per story', async () => {
    const prefix = uniquePrefix('race');
    const replicaA = new Deduplicator(new RedisDedupStore(client(), { keyPrefix: prefix }));
    const replicaB = new Deduplicator(new RedisDedupStore(client(), { keyPrefix: prefix }));
    const stories = Array.from({ length: 40 }, (_, n) => n);
    // Each replica gets its own copy (another site, a dateline) of every story, in small concurrent batches.
    const batchesA = stories.map((n) => [candidate(`https://a.example/${n}`, body(n), `A/${n}`)]);
    const batchesB = stories.map((n) => [
      candidate(`https://b.example/${n}`, `PARIS (Wire) - ${body(n)}`, `B/${n}`),
    ]);
    const [fromA, fromB] = await Promise.all([
      Promise.all(batchesA.map((b) => replicaA.checkBatch(b))),
      Promise.all(batchesB.map((b) => replicaB.checkBatch(b))),
    ]);
    for (const n of stories) {
      const pair = [fromA[n][0], fromB[n][0]];
      expect(pair.map((v) => v.status).sort()).toEqual(['duplicate', 'unique']);
      const dup = pair.find((v) => v.status === 'duplicate') as Extract<
        DedupVerdict,
        { status: 'duplicate' }
      >;
      const winner =
        pair[0].status === 'unique'
          ? articleIdFor(`https://a.example/${n}`)
          : articleIdFor(`https://b.example/${n}`);
      expect(dup.duplicateOf).toBe(winner);
    }
  });

  it('lets two replicas racing on the same URL publish it once, the other as a re-scrape', async () => {
    const prefix = uniquePrefix('same-url');
    const stores = [
      new RedisDedupStore(client(), { keyPrefix: prefix }),
      new RedisDedupStore(client(), { keyPrefix: prefix }),
    ];
    const verdicts = await Promise.all(
      stores.map((s, i) =>
        new Deduplicator(s).checkBatch([candidate('https://a.example/x', body(1), `in/${i}`)]),
      ),
    );
    expect(verdicts.map((v) => v[0].status).sort()).toEqual(['duplicate', 'unique']);
  });

  it('answers a replayed input with the verdict it got first, even after the URL was updated', async () => {
    const dedup = new Deduplicator(new RedisDedupStore(client(), { keyPrefix: uniquePrefix('replay') }));
    const original = candidate('https://a.example/1', body(0), 'raw/0/10');
    const copy = candidate('https://b.example/1', body(0), 'raw/1/4');
    const update = candidate(
      'https://a.example/1',
      `${body(0)}\n\nThe ministry later published the full figures for the year.`,
      'raw/0/11',
    );
    const first = await dedup.checkBatch([original, copy, update]);
    expect(first.map((v) => v.status)).toEqual(['unique', 'duplicate', 'updated']);
    // A crash before the offsets were committed: the same inputs again, in one batch and then one by one.
    expect(await dedup.checkBatch([original, copy, update])).toEqual(first);
    expect(await dedup.checkBatch([original])).toEqual([first[0]]);
    expect((await dedup.checkBatch([update]))[0]).toMatchObject({ status: 'updated', revision: 2 });
  });

  it('forgets articles when the window has passed: every key expires', async () => {
    const redis = client();
    const prefix = uniquePrefix('expiry');
    const dedup = new Deduplicator(new RedisDedupStore(redis, { keyPrefix: prefix, windowMs: 1500 }));
    await dedup.checkBatch([candidate('https://a.example/1', body(5), 'e/1')]);
    const keys = await keysOf(redis, prefix);
    expect(keys.length).toBeGreaterThan(3);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1500 + 1000); // the size() counter lives one bucket longer
    }
    expect((await dedup.checkBatch([candidate('https://b.example/1', body(5), 'e/2')]))[0].status).toBe(
      'duplicate',
    );
    await new Promise((resolve) => setTimeout(resolve, 2700));
    expect(await keysOf(redis, prefix)).toEqual([]);
    expect((await dedup.checkBatch([candidate('https://c.example/1', body(5), 'e/3')]))[0].status).toBe(
      'unique',
    );
  });

  it('deletes every key under a prefix, and only those', async () => {
    const redis = client();
    const [mine, theirs] = [uniquePrefix('delete-mine'), uniquePrefix('delete-theirs')];
    for (const prefix of [mine, theirs]) {
      const dedup = new Deduplicator(new RedisDedupStore(redis, { keyPrefix: prefix }));
      await dedup.checkBatch(
        [0, 1, 2].map((n) => candidate(`https://a.example/${n}`, body(n + 20), `d/${n}`)),
      );
    }
    const written = (await keysOf(redis, mine)).length;
    expect(written).toBeGreaterThan(10);
    expect(await deleteKeysUnder(redis, mine)).toBe(written);
    expect(await keysOf(redis, mine)).toEqual([]);
    expect((await keysOf(redis, theirs)).length).toBe(written);
  });

  it('counts remembered URLs in size()', async () => {
    const store = new RedisDedupStore(client(), { keyPrefix: uniquePrefix('size') });
    const dedup = new Deduplicator(store);
    await dedup.checkBatch([0, 1, 2].map((n) => candidate(`https://a.example/${n}`, body(n + 10), `s/${n}`)));
    await dedup.checkBatch([candidate('https://a.example/0', body(10), 's/again')]);
    expect(await store.size()).toBe(3);
  });

  it('rejects with TransientError when Redis is unreachable, and works again once it is back', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const down = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    clients.push(down);
    const dedup = new Deduplicator(new RedisDedupStore(down, { keyPrefix: uniquePrefix('down') }));
    const failure = await dedup
      .checkBatch([candidate('https://a.example/1', body(0), 'd/1')])
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransientError);
    expect(isTransientError(failure)).toBe(true);
    await expect(new RedisDedupStore(down).size()).rejects.toBeInstanceOf(TransientError);

    // The worker retries the same batch on a healthy connection: it is processed as if nothing happened.
    const up = new Deduplicator(new RedisDedupStore(client(), { keyPrefix: uniquePrefix('down') }));
    expect((await up.checkBatch([candidate('https://a.example/1', body(0), 'd/1')]))[0].status).toBe(
      'unique',
    );
  });

  it('surfaces a connection lost mid-run as TransientError', async () => {
    const redis = new Redis(REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    clients.push(redis);
    await redis.connect();
    const dedup = new Deduplicator(new RedisDedupStore(redis, { keyPrefix: uniquePrefix('lost') }));
    expect((await dedup.checkBatch([candidate('https://a.example/1', body(3), 'l/1')]))[0].status).toBe(
      'unique',
    );
    redis.disconnect();
    await expect(dedup.checkBatch([candidate('https://b.example/1', body(3), 'l/2')])).rejects.toBeInstanceOf(
      TransientError,
    );
  });
});
