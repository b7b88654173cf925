// The enriched topic as the downstream test sees it: read by Kafka's own Java client, watched for open
// transactions, written to by a fenced writer, with bad values and end markers, and read by stock kafkajs.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HEADERS, type EnrichedArticle } from '@news/contracts';
import type { Admin, Consumer, Message, Producer } from 'kafkajs';
import type { testKafka } from '../../worker/support/stream-fixtures';
import { BROKERS, sleep, type WorkerProcess } from '../../worker/support/worker-process';
import { stableAssignment } from '../../worker/support/worker-suite';

const ROOT = join(__dirname, '..', '..', '..');

/** Routing headers of a story about armed conflict in Ukraine and Russia: what the test's filter passes. */
const ARMED_CONFLICT_UA_RU = {
  [HEADERS.primaryCountries]: 'UA,RU',
  [HEADERS.countries]: 'UA,RU',
  [HEADERS.topics]: 'armed-conflict',
  [HEADERS.eventType]: 'enriched',
};

/** Kafka's Java client (kafka-clients at the broker's version) reading a topic read_committed to its end. */
export async function javaCommittedRecords(
  topic: string,
): Promise<{ partition: number; offset: string; value: string }[]> {
  const pom = readFileSync(join(ROOT, 'tools/kafka/pom.xml'), 'utf8');
  const version = process.env.KAFKA_VERSION ?? /<kafka\.version>([^<]+)</.exec(pom)?.[1];
  const lib = join(ROOT, 'tools/kafka/lib', String(version));
  if (!existsSync(lib))
    execFileSync('bash', [join(ROOT, 'tools/kafka/kafka.sh'), 'fetch'], { stdio: 'inherit' });
  const { stdout } = await promisify(execFile)(
    'java',
    ['-cp', `${lib}/*`, join(ROOT, 'examples/java-reader/CommittedReader.java'), BROKERS, topic],
    { maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
  );
  return stdout
    .split('\n')
    .filter((line) => /^\d+\t\d+\t/.test(line))
    .map((line) => {
      const [partition, offset, ...rest] = line.split('\t');
      return { partition: Number(partition), offset, value: rest.join('\t') };
    });
}

/**
 * Watches the enriched topic read_uncommitted and SIGKILLs the worker while one of its transactions is open:
 * the worker is frozen (SIGSTOP) right after its records appear, and killed only if the partition's last stable
 * offset is still at or before them after the frozen worker could have finished a commit; otherwise it resumes.
 */
export class MidTransactionKiller {
  private readonly seen = new Map<number, bigint>();
  private fresh = false;

  constructor(
    private readonly watcher: Consumer,
    private readonly admin: Admin,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    await this.watcher.connect();
    await this.watcher.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.watcher.run({
      // eslint-disable-next-line @typescript-eslint/require-await
      eachBatch: async ({ batch }) => {
        const last = batch.messages.at(-1);
        if (!last) return;
        this.seen.set(batch.partition, BigInt(last.offset));
        this.fresh = true;
      },
    });
  }

  async stop(): Promise<void> {
    await this.watcher.disconnect();
  }

  /** Resolves once the worker was killed with a transaction open (true), or false after `attempts` tries. */
  async killMidTransaction(worker: WorkerProcess, attempts = 300): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      this.fresh = false;
      while (!this.fresh) await sleep(2);
      worker.signalNow('SIGSTOP');
      await sleep(300); // a commit already sent lands meanwhile: only a truly open transaction stays open
      const stable = await this.admin.fetchTopicOffsets(this.topic);
      const open = stable.some(
        ({ partition, offset }) => (this.seen.get(partition) ?? -1n) >= BigInt(offset),
      );
      if (open) {
        await worker.kill();
        return true;
      }
      worker.signalNow('SIGCONT');
    }
    return false;
  }
}

/** A fenced writer's late abort: transaction A begins first, B after it; B aborts, then A. */
export async function zombieOverlap(
  kafka: ReturnType<typeof testKafka>,
  topic: string,
  template: EnrichedArticle,
  tag: string,
) {
  const fake = (n: number): Message => ({
    key: `zombie-${n}`,
    value: JSON.stringify({
      ...template,
      articleId: `a_zombie_${n}`,
      title: `Report zombie-${n}: never committed`,
    }),
    headers: ARMED_CONFLICT_UA_RU,
    partition: 0,
  });
  const producers: Producer[] = ['a', 'b'].map((name) =>
    kafka.producer({ transactionalId: `zombie-${name}-${tag}`, maxInFlightRequests: 1, idempotent: true }),
  );
  for (const producer of producers) await producer.connect();
  const [a, b] = [await producers[0].transaction(), await producers[1].transaction()];
  await a.send({ topic, messages: [fake(1), fake(2), fake(3)] });
  await b.send({ topic, messages: [fake(4), fake(5), fake(6)] });
  await a.send({ topic, messages: [fake(7)] });
  await b.abort();
  await a.abort();
  for (const producer of producers) await producer.disconnect();
}

/** Records a subscriber must refuse, written outside any transaction: bad JSON and an unknown schema version. */
export async function badValues(producer: Producer, topic: string, template: EnrichedArticle) {
  const routing = {
    [HEADERS.primaryCountries]: 'UA',
    [HEADERS.countries]: 'UA',
    [HEADERS.topics]: 'armed-conflict',
  };
  const [result] = await producer.send({
    topic,
    messages: [
      { key: 'bad-1', value: '{"schemaVersion":1, broken', headers: routing, partition: 1 },
      {
        key: 'bad-2',
        value: JSON.stringify({ ...template, schemaVersion: 2 }),
        headers: routing,
        partition: 1,
      },
    ],
  });
  return BigInt(result.baseOffset ?? '0');
}

/**
 * One committed end-of-stream story per partition, written after everything else: a subscriber that printed all
 * of them has been handed every record before them (a partition is delivered in order). Returns their ids and
 * their places (`partition@offset`).
 */
export async function endMarkers(producer: Producer, admin: Admin, topic: string, template: EnrichedArticle) {
  const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => p.partition);
  const ids = partitions.map((partition) => `end-${partition}`);
  const sent = await producer.send({
    topic,
    messages: partitions.map((partition, i) => ({
      key: ids[i],
      value: JSON.stringify({
        ...template,
        articleId: `a_${ids[i]}`,
        title: `Report ${ids[i]}: end of stream`,
      }),
      headers: ARMED_CONFLICT_UA_RU,
      partition,
    })),
  });
  return { ids, places: sent.map((r) => `${r.partition}@${r.baseOffset ?? ''}`) };
}

/** The records (`partition@offset`) stock kafkajs (the temporary project's own) hands a read_committed consumer. */
export function stockKafkajsRecords(project: string, topic: string): string[] {
  const script = `
    const { Kafka, CompressionCodecs, CompressionTypes, logLevel } = require('kafkajs');
    const zstd = require('@mongodb-js/zstd');
    CompressionCodecs[CompressionTypes.ZSTD] = () => ({ compress: (e) => zstd.compress(e.buffer), decompress: (b) => zstd.decompress(b) });
    const kafka = new Kafka({ brokers: ${JSON.stringify(BROKERS.split(','))}, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'stock-' + Date.now(), maxWaitTimeInMs: 200 });
    const seen = [];
    let last = Date.now();
    (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [${JSON.stringify(topic)}], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ partition, message }) => { seen.push(partition + '@' + message.offset); last = Date.now(); } });
      while (seen.length === 0 || Date.now() - last < 3000) await new Promise((r) => setTimeout(r, 200));
      await consumer.disconnect();
      console.log(JSON.stringify(seen));
    })();`;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: project,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return JSON.parse(out) as string[];
}

/** Until the broker has `groupId` Stable with a member assigned partitions of `topic`. */
export async function waitForMember(
  kafka: ReturnType<typeof testKafka>,
  groupId: string,
  topic: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const members = await stableAssignment(kafka, groupId, topic);
    if (members && [...members.values()].some((partitions) => partitions.length > 0)) return;
    if (Date.now() > deadline) throw new Error(`no member of ${groupId} within ${timeoutMs} ms`);
    await sleep(500);
  }
}
