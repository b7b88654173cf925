import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChangelogDedupStore,
  DEFAULT_DEDUP_POLICY,
  InMemoryDedupStore,
  decodeEntry,
  encodeEntry,
  type ArticleClaim,
} from '@news/dedup';
import { producerCompression, registerCompressionCodecs, restoreChangelog } from '@news/kafka';
import { Kafka, logLevel } from '@news/kafkajs';
import { syntheticClaim } from './synthetic-claims';

/**
 * The in-memory dedup index's changelog on the local broker: N remembered articles are claimed (claims shaped like
 * a 2.5 KB article, as in dedup.bench: 70 sketch samples, 47 lead shingles, 8 index keys; one in five a copy of
 * an earlier one), their changelog records produced to a fresh topic as the worker produces them (zstd), then the
 * topic is restored into an empty store as a starting worker restores it. Reported: records and bytes per
 * remembered article (encoded, and on the broker's disk), restore seconds, heap after restore, and a check that
 * the restored store answers the claims' replays and copies as the original did.
 *
 *   node tools/with-infra.js node -r ./test/worker/support/register-ts.js bench/dedup-changelog.bench.ts --articles 200000
 * (KAFKA_BROKERS, default 127.0.0.1:9092; the broker's data directory for the on-disk size: KAFKA_DATA_DIR,
 * default .kafka/9092/data).
 */
async function main(): Promise<void> {
  const articles = Number(argument('--articles') ?? 200_000);
  const partitions = Number(argument('--partitions') ?? 6);
  registerCompressionCodecs();
  const kafka = new Kafka({
    clientId: 'changelog-bench',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench.dedup-changelog.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic,
        numPartitions: partitions,
        configEntries: [{ name: 'cleanup.policy', value: 'compact,delete' }],
      },
    ],
  });
  try {
    const { live, claims, records, encodedBytes, writeSeconds } = await writeChangelog(
      kafka,
      topic,
      articles,
    );
    const { restored, read, kept, firstRecordSeconds, fileSeconds, heapBytes } = await restoreInto(
      kafka,
      topic,
      articles,
    );
    const { sameReplays, copiesFound } = answersAsLive(live, restored, claims, articles);

    const diskBytes = topicBytesOnDisk(topic);
    const result = {
      articles,
      partitions,
      records,
      recordsPerArticle: round(records / articles, 2),
      encodedBytesPerArticle: Math.round(encodedBytes / articles),
      diskBytesPerArticle: diskBytes === undefined ? 'n/a' : Math.round(diskBytes / articles),
      writeSeconds: round(writeSeconds, 2),
      restoredRecords: read.records,
      keptEntries: kept,
      restoreSeconds: round(read.seconds, 2),
      restoreRecordsPerSecond: Math.round(read.records / read.seconds),
      // Of which: until the first record (offsets, group join, first fetch), and decoding and filing records.
      restoreFirstRecordSeconds: round(firstRecordSeconds, 2),
      restoreDecodeAndFileSeconds: round(fileSeconds, 2),
      heapMbAfterRestore: Math.round(heapBytes / 2 ** 20),
      sameReplayVerdicts: sameReplays,
      copiesFoundAfterRestore: `${copiesFound}/200`,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!sameReplays || copiesFound < 200 || read.records !== records) process.exitCode = 1;
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Claims `articles` articles and produces their changelog records to `topic` as the worker does (zstd). */
async function writeChangelog(kafka: Kafka, topic: string, articles: number) {
  const live = new InMemoryDedupStore({ maxEntries: 2 * articles + 2 });
  const claims: ArticleClaim[] = [];
  let records = 0;
  let encodedBytes = 0;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const writeStarted = performance.now();
  const chunk = 500;
  for (let start = 0; start < articles; start += chunk) {
    const batch: ArticleClaim[] = [];
    for (let n = start; n < Math.min(articles, start + chunk); n++) {
      const claim =
        n % 5 === 4 ? copyOf(claims[Math.max(0, n - 1 - (n % 97))], n) : syntheticClaim(benchIds(n));
      claims.push(claim);
      batch.push(claim);
    }
    const recorded = live.claimRecorded(batch, DEFAULT_DEDUP_POLICY);
    const messages = recorded.entries.map((entry) => encodeEntry(entry));
    records += messages.length;
    for (const m of messages) encodedBytes += Buffer.byteLength(m.key) + Buffer.byteLength(m.value);
    await producer.send({ topic, messages, acks: -1, compression: producerCompression('zstd') });
  }
  await producer.disconnect();
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  return { live, claims, records, encodedBytes, writeSeconds };
}

/** Restores `topic` into an empty store, as a starting worker does, timing its parts and the heap it takes. */
async function restoreInto(kafka: Kafka, topic: string, articles: number) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const restored = new ChangelogDedupStore(new InMemoryDedupStore({ maxEntries: 2 * articles + 2 }), {
    topic,
  });
  const restoration = restored.restoration();
  const restoreStarted = performance.now();
  let firstRecordSeconds = 0;
  let fileSeconds = 0;
  const read = await restoreChangelog(kafka, {
    topic,
    groupPrefix: 'bench',
    onRecord: (key, value) => {
      const t = performance.now();
      if (firstRecordSeconds === 0) firstRecordSeconds = (t - restoreStarted) / 1000;
      restoration.add(decodeEntry(key, value));
      fileSeconds += (performance.now() - t) / 1000;
    },
  });
  const kept = restoration.finish();
  global.gc?.();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  return { restored, read, kept, firstRecordSeconds, fileSeconds, heapBytes };
}

/** The restored index answers as the live one: replays get their verdicts, fresh copies are duplicates. */
function answersAsLive(
  live: InMemoryDedupStore,
  restored: ChangelogDedupStore,
  claims: ArticleClaim[],
  articles: number,
) {
  const sample = Array.from({ length: 1000 }, (_, i) => claims[(i * 7919) % claims.length]);
  const replaysLive = live.claimRecorded(sample, DEFAULT_DEDUP_POLICY).verdicts;
  const replaysRestored = restored.index.claimRecorded(sample, DEFAULT_DEDUP_POLICY).verdicts;
  const sameReplays = replaysLive.every((v, i) => JSON.stringify(v) === JSON.stringify(replaysRestored[i]));
  const fresh = sample.slice(0, 200).map((claim, i) => copyOf(claim, articles + i));
  const copiesFound = restored.index
    .claimRecorded(fresh, DEFAULT_DEDUP_POLICY)
    .verdicts.filter((v) => v.status === 'duplicate').length;
  return { sameReplays, copiesFound };
}

/** The input reference and article id of the n-th claimed article. */
function benchIds(n: number): Pick<ArticleClaim, 'inputRef' | 'articleId'> {
  return { inputRef: `bench.raw/${n % 6}/${n}`, articleId: `a_${n.toString(16).padStart(30, '0')}` };
}

/** The same body under another URL: an exact copy. */
function copyOf(original: ArticleClaim, n: number): ArticleClaim {
  return { ...original, ...benchIds(n) };
}

function topicBytesOnDisk(topic: string): number | undefined {
  const dataDir = process.env.KAFKA_DATA_DIR ?? join(__dirname, '..', '.kafka', '9092', 'data');
  try {
    let total = 0;
    for (const dir of readdirSync(dataDir).filter((d) => d.startsWith(`${topic}-`)))
      for (const file of readdirSync(join(dataDir, dir)).filter((f) => f.endsWith('.log')))
        total += statSync(join(dataDir, dir, file)).size;
    return total;
  } catch {
    return undefined;
  }
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
