import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { loadWorkerConfig, type WorkerConfig } from '@news/config';
import { HEADERS } from '@news/contracts';
import { ChangelogDedupStore, InMemoryDedupStore } from '@news/dedup';
import { RedisDedupStore, deleteKeysUnder } from '@news/dedup-redis';
import { Redis } from 'ioredis';
import {
  createKafkaClient,
  ensureTopics,
  registerCompressionCodecs,
  type TransactionJournal,
} from '@news/kafka';
import { type BatchPipeline, type RawEnvelope } from '@news/pipeline';
import { Partitioners, type Kafka, type Message, type Producer } from '@news/kafkajs';
import { KafkaBatchTransport } from '@news/kafka/nest';
import { batchTransportOptions } from '../apps/ingest-worker/src/batch-transport.factory';
import { pipelineFor } from '../apps/ingest-worker/src/pipeline.factory';
import { IngestController } from '../apps/ingest-worker/src/ingest.controller';
import { IngestMetrics } from '../apps/ingest-worker/src/observability';
import { ARTICLE_PIPELINE } from '../apps/ingest-worker/src/worker.tokens';
import { workerTopicSpecs } from '../apps/ingest-worker/src/worker-topics';
import { textArticle } from './bench-articles';
import { printWorkerBench } from './worker-bench-report';
import {
  benchConfig,
  brokerCpuMicros,
  cleanup,
  summarize,
  waitForCommitted,
  waitForMembers,
  withAdmin,
  type LatencySummary,
} from './worker-bench-broker';

/**
 * End-to-end worker throughput and latency on the real broker (targets: ≥ 3,000 text articles/s for one
 * worker, ≥ 5× the stock Nest Kafka transport running the same pipeline, p50/p99 at a steady 500/s).
 *
 * Each run gets fresh topics and groups. Throughput is the drain rate of a backlog written beforehand, read off
 * the group's committed offsets (ours: outputs and offsets in one transaction per slice; stock: the `@EventPattern`
 * handler awaits a plain acks=-1 send per message, then ServerKafka auto-commits). The figure is the sustained
 * rate, from the first tenth of the backlog committed to the last input; the rate over the whole drain, from the
 * moment the worker holds its partitions (first fetch, fences), is printed next to it.
 * Latency: raw records produced at a steady rate; each one's time from its produce timestamp until its
 * enriched output is readable with read_committed. The first seconds (--warmup, default 3) are reported apart:
 * cold code in the threads and each partition's first transaction made them 3-10× slower than the rest.
 *
 * Also ours with the Redis dedup store, as a share of the in-memory figure (REDIS_URL, default local).
 *   npm run build && node dist/bench/worker.bench.js [--articles 20000] [--stock-articles 4000] [--rate 500] [--seconds 10] [--warmup 3]
 *     [--only ours,ours-inline,ours-redis,ours-changelog,stock,ours-bare,stock-bare,latency]
 * KAFKA_BROKERS selects the cluster (default: the local broker of tools/kafka/kafka.sh).
 */
/** Throughputs are sustained rates (after the first tenth of the backlog was committed); *Overall: whole drain. */
export interface WorkerBenchResult {
  articles: number;
  oursPerSecond: number;
  oursOverallPerSecond: number;
  /** CPU µs per article over the "ours" drain: the worker process (all its threads) and the local broker. */
  oursCpu: { workerMicros: number; brokerMicros: number };
  /** PIPELINE_THREADS of the "ours" runs (the worker's default unless set). */
  threads: number;
  /** Ours with the pipeline on the event loop (PIPELINE_THREADS=0). */
  oursInlinePerSecond: number;
  stockArticles: number;
  stockPerSecond: number;
  stockOverallPerSecond: number;
  ratio: number;
  /** The same two transports around a pass-through handler: what the transport itself costs. */
  passThrough: { oursPerSecond: number; stockPerSecond: number; ratio: number };
  /** After the warm-up; warmup: the first seconds at the same rate, as measured. */
  latency: {
    rate: number;
    warmupSeconds: number;
    samples: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    warmup: LatencySummary;
  };
  /** Ours with the Redis dedup store (what replicas share) instead of the in-memory one. */
  redis: { oursPerSecond: number; shareOfMemory: number };
  /** Ours with the in-memory store on its changelog (the default): index writes in every transaction, in order. */
  changelog: { oursPerSecond: number; shareOfMemory: number };
}

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const argList = (name: string): string[] => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? '').split(',').filter(Boolean) : [];
};

export async function run(): Promise<WorkerBenchResult> {
  registerCompressionCodecs();
  const articles = arg('articles', 20_000);
  // 4,000: with 1,500 the stock drain took 2-3 s, committed in a few jumps, and its rate spread 2× between runs.
  const stockArticles = arg('stock-articles', 4_000);
  const rate = arg('rate', 500);
  const seconds = arg('seconds', 10);
  const warmupSeconds = arg('warmup', 3);

  // --only ours,stock,… runs a subset (for profiling one of them); the others report NaN.
  const only = argList('only');
  const wanted = (part: string) => only.length === 0 || only.includes(part);
  const throughput = (part: string, count: number, start: Starter, pipeline: PipelineFactory) =>
    wanted(part)
      ? measureThroughput(part, count, start, pipeline)
      : Promise.resolve<Throughput>({
          sustained: NaN,
          overall: NaN,
          workerCpuMicros: NaN,
          brokerCpuMicros: NaN,
        });
  const ours = await throughput('ours', articles, startOurs, realPipeline);
  const oursInline = await throughput('ours-inline', articles, startOurs, inlinePipeline);
  const oursRedis = await throughput('ours-redis', articles, startOurs, redisPipeline).finally(
    forgetRedisRuns,
  );
  const oursChangelog = await throughput('ours-changelog', articles, startOurs, changelogPipeline);
  const stock = await throughput('stock', stockArticles, startStock, inlinePipeline);
  const oursBare = await throughput('ours-bare', articles, startOurs, passThroughPipeline);
  const stockBare = await throughput('stock-bare', stockArticles, startStock, passThroughPipeline);
  const noLatency = { samples: 0, p50Ms: NaN, p99Ms: NaN, maxMs: NaN };
  const latency = wanted('latency')
    ? await measureLatency(rate, seconds, warmupSeconds)
    : { ...noLatency, warmup: noLatency };
  return {
    articles,
    oursPerSecond: ours.sustained,
    oursOverallPerSecond: ours.overall,
    oursCpu: { workerMicros: ours.workerCpuMicros, brokerMicros: ours.brokerCpuMicros },
    threads: loadWorkerConfig(process.env).pipelineThreads,
    oursInlinePerSecond: oursInline.sustained,
    stockArticles,
    stockPerSecond: stock.sustained,
    stockOverallPerSecond: stock.overall,
    ratio: ours.sustained / stock.sustained,
    passThrough: {
      oursPerSecond: oursBare.sustained,
      stockPerSecond: stockBare.sustained,
      ratio: oursBare.sustained / stockBare.sustained,
    },
    latency: { rate, warmupSeconds, ...latency },
    redis: { oursPerSecond: oursRedis.sustained, shareOfMemory: oursRedis.sustained / ours.sustained },
    changelog: {
      oursPerSecond: oursChangelog.sustained,
      shareOfMemory: oursChangelog.sustained / ours.sustained,
    },
  };
}

type PipelineFactory = (config: WorkerConfig) => Promise<BatchPipeline>;
type Starter = (
  config: WorkerConfig,
  kafka: Kafka,
  makePipeline: PipelineFactory,
) => Promise<{ stop(): Promise<void> }>;

const realPipeline: PipelineFactory = (config) => pipelineFor(config, new InMemoryDedupStore());

/** The real pipeline on the in-memory store with its changelog; startOurs hands the store to the transport. */
const changelogPipeline: PipelineFactory = (config) => {
  const store = new ChangelogDedupStore(new InMemoryDedupStore(), {
    topic: config.dedup.changelog?.topic ?? '',
  });
  journals.set(config, store);
  return pipelineFor(config, store);
};
const journals = new WeakMap<WorkerConfig, TransactionJournal>();

/** The same, all on the event loop (PIPELINE_THREADS=0): what the threads buy. */
const inlinePipeline: PipelineFactory = (config) =>
  pipelineFor(config, new InMemoryDedupStore(), { threads: 0 });

/** The real pipeline on the Redis dedup store (REDIS_URL, default the local one), under a key prefix of its own. */
const redisPipeline: PipelineFactory = (config) => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `bench:${config.groupId}:`;
  redisRuns.push({ redis, keyPrefix });
  const store = new RedisDedupStore(redis, { keyPrefix, windowMs: 3_600_000 });
  return pipelineFor(config, store);
};
const redisRuns: { redis: Redis; keyPrefix: string }[] = [];

/**
 * Deletes the keys a Redis run wrote (~100,000 per run) and disconnects. Left to expire, they would grow the
 * database run after run and expire in bulk an hour later, maybe in the middle of another run: Redis shares the
 * cores, and its cost per claim grew from ~130 to ~230 µs with the leftovers of earlier runs.
 */
async function forgetRedisRuns(): Promise<void> {
  for (const { redis, keyPrefix } of redisRuns.splice(0)) {
    try {
      await deleteKeysUnder(redis, keyPrefix);
    } finally {
      redis.disconnect();
    }
  }
}

/** Echoes each input to the enriched topic: isolates the transport's cost from the pipeline's. */
const passThroughPipeline: PipelineFactory = (config) =>
  Promise.resolve({
    version: 'pass-through',
    close: () => Promise.resolve(),
    processBatch: (batch: RawEnvelope[]) =>
      Promise.resolve(
        batch.map((envelope) => ({
          kind: 'enriched' as const,
          countries: [],
          topics: [],
          record: {
            topic: config.topics.names.enriched,
            key: envelope.key,
            headers: envelope.headers,
            value: String(envelope.value),
          },
        })),
      ),
  });

async function prepare(config: WorkerConfig): Promise<Kafka> {
  const kafka = createKafkaClient(config.kafka);
  await withAdmin(kafka, (admin) => ensureTopics(admin, workerTopicSpecs(config)));
  return kafka;
}

const startOurs: Starter = async (config, kafka, makePipeline) => {
  const pipeline = await makePipeline(config);
  const transport = new KafkaBatchTransport(batchTransportOptions(config, kafka, journals.get(config)));
  const assigned = new Promise<void>((resolve) => transport.on('assigned', () => resolve()));

  @Module({
    controllers: [IngestController],
    providers: [
      { provide: ARTICLE_PIPELINE, useValue: pipeline },
      { provide: IngestMetrics, useValue: new IngestMetrics({ processMetrics: false }) },
    ],
  })
  class OursModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(OursModule, {
    strategy: transport,
    logger: false,
  });
  await app.listen();
  await assigned;
  return {
    stop: async () => {
      await app.close();
      await pipeline.close();
    },
  };
};

const startStock: Starter = async (config, kafka, makePipeline) => {
  const pipeline = await makePipeline(config);
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const raw = config.topics.names.raw;

  @Controller()
  class StockController {
    // What a team would write with the stock transport: one message per call, publish its output, return.
    @EventPattern(raw)
    async handle(@Ctx() context: KafkaContext): Promise<void> {
      await publishOne(pipeline, producer, context);
    }
  }

  @Module({ controllers: [StockController] })
  class StockModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(StockModule, {
    transport: Transport.KAFKA,
    logger: false,
    options: {
      client: { clientId: `${config.kafka.clientId}-stock`, brokers: config.kafka.brokers, logLevel: 1 },
      consumer: { groupId: config.groupId, sessionTimeout: config.consumer.sessionTimeoutMs },
      subscribe: { fromBeginning: true },
      postfixId: '',
    },
  });
  await app.listen();
  await waitForMembers(kafka, config.groupId);
  return {
    stop: async () => {
      await app.close();
      await producer.disconnect();
      await pipeline.close();
    },
  };
};

async function publishOne(pipeline: BatchPipeline, producer: Producer, context: KafkaContext): Promise<void> {
  const message = context.getMessage();
  // ServerKafka has already turned the value into a string or parsed JSON: give the pipeline text back.
  const value: unknown = message.value;
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value : JSON.stringify(value);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers ?? {})) headers[name] = String(header);
  const [outcome] = await pipeline.processBatch([
    {
      value: text,
      key: message.key?.toString() ?? null,
      headers,
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
    },
  ]);
  await producer.send({
    topic: outcome.record.topic,
    acks: -1,
    messages: [{ key: outcome.record.key, value: outcome.record.value, headers: outcome.record.headers }],
  });
}

/**
 * Articles per second: sustained (after the first tenth was committed) and over the whole drain; CPU per article
 * over the drain: the worker process (every thread: event loop, pipeline threads, V8's GC helpers) and, when it
 * is the local broker of tools/kafka/kafka.sh, the broker. On two shared cores the sum bounds the rate.
 */
interface Throughput {
  sustained: number;
  overall: number;
  workerCpuMicros: number;
  brokerCpuMicros: number;
}

async function measureThroughput(
  label: string,
  count: number,
  start: Starter,
  makePipeline: PipelineFactory,
): Promise<Throughput> {
  const config = benchConfig(label);
  const kafka = await prepare(config);
  // The backlog is written first, so that the figure is the worker's drain rate, not the producer's speed.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const inputs = Array.from({ length: count }, (_, i) => textArticle(`${label}-${i}`, i));
  for (let i = 0; i < inputs.length; i += 500)
    await producer.send({ topic: config.topics.names.raw, messages: inputs.slice(i, i + 500) });
  await producer.disconnect();
  const cpu0 = process.cpuUsage();
  const broker0 = brokerCpuMicros();
  const worker = await start(config, kafka, makePipeline);
  const began = Date.now();
  const timeline = await waitForCommitted(kafka, config, count, 600_000, Math.ceil(count / 10));
  const cpu = process.cpuUsage(cpu0);
  const brokerCpu = brokerCpuMicros() - broker0;
  await worker.stop();
  await cleanup(kafka, config);
  // Sustained: from the first tenth committed to the end, leaving out start-up (first fetch, one fence and
  // committed-offset re-read per partition). The whole drain, start-up included, is reported too.
  return {
    sustained: (count - timeline.fromCommitted) / ((timeline.doneAt - timeline.fromAt) / 1000),
    overall: count / ((timeline.doneAt - began) / 1000),
    workerCpuMicros: (cpu.user + cpu.system) / count,
    brokerCpuMicros: brokerCpu / count,
  };
}

async function measureLatency(
  rate: number,
  seconds: number,
  warmupSeconds: number,
): Promise<LatencySummary & { warmup: LatencySummary }> {
  const config = benchConfig('latency');
  const kafka = await prepare(config);
  const worker = await startOurs(config, kafka, realPipeline);
  const latencies: number[] = [];
  const warmupLatencies: number[] = [];
  let measuredFrom = Infinity;
  // Outputs carry the input's correlation id, not its other headers: the send time is looked up by it.
  const sentAt = new Map<string, number>();
  const reader = kafka.consumer({
    groupId: `${config.groupId}-reader`,
    readUncommitted: false,
    maxWaitTimeInMs: 50,
  });
  await reader.connect();
  await reader.subscribe({ topics: [config.topics.names.enriched], fromBeginning: true });
  await reader.run({
    // eslint-disable-next-line @typescript-eslint/require-await
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const message of batch.messages) {
        const sent = sentAt.get(message.headers?.[HEADERS.correlationId]?.toString() ?? '');
        if (sent !== undefined) (sent < measuredFrom ? warmupLatencies : latencies).push(now - sent);
      }
    },
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // Steady rate in 20 ms ticks.
  const total = rate * (warmupSeconds + seconds);
  const perTick = Math.max(1, Math.round(rate / 50));
  const began = Date.now();
  measuredFrom = began + warmupSeconds * 1000;
  for (let sent = 0; sent < total;) {
    const batch: Message[] = [];
    for (let k = 0; k < perTick && sent < total; k++, sent++) {
      batch.push(textArticle(`lat-${sent}`, sent));
    }
    const now = Date.now();
    for (const message of batch)
      sentAt.set((message.headers as Record<string, string>)[HEADERS.correlationId], now);
    await producer.send({ topic: config.topics.names.raw, messages: batch });
    const next = began + (sent / rate) * 1000;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await producer.disconnect();
  await waitForCommitted(kafka, config, total, 120_000);
  for (let waited = 0; latencies.length + warmupLatencies.length < total && waited < 10_000; waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await reader.disconnect();
  await worker.stop();
  await cleanup(kafka, config);
  return { ...summarize(latencies), warmup: summarize(warmupLatencies) };
}

if (require.main === module) {
  run()
    .then(printWorkerBench)
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    })
    .finally(() => forgetRedisRuns());
}
