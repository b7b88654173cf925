import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerConfig } from '@news/config';
import { createKafkaClient, ensureTopics, type TopicSpec } from '@news/kafka';
import type { Kafka } from '@news/kafkajs';
import { ALLOCATOR_ENV } from '../apps/ingest-worker/src/allocator-env';
import { workerTopicSpecs } from '../apps/ingest-worker/src/worker-topics';
import { drainBacklog, idleResident, type Contender, type Drain } from './backlog-probe';
import { buildRealMix } from './real-mix';
import { benchConfig, cleanup, withAdmin } from './worker-bench-broker';

/**
 * The worker as operators run it, a process of its own, against a Kafka Streams application that only copies
 * bytes, on the same broker, cores and backlog:
 *
 *   node dist/bench/backlog.bench.js [--events N] [--only worker,kstreams,idle] [--allocator default]
 *
 * The raw topic is filled first with the real mixture (bench/real-mix.ts: the shared data sets when present,
 * 15,584 events; `--events` cuts it or repeats it). Then each contender is started as a fresh process on it, in
 * its own consumer group: the worker (dist/apps/ingest-worker, its defaults: two pipeline threads, exactly-once)
 * and the pass-through of bench/kstreams (exactly_once_v2, two stream threads). For each: time from spawn to the
 * first output a read_committed consumer reads, outputs per second from spawn and in steady state (10 % to 90 %
 * of the backlog committed), CPU per record of the process and all its threads (/proc), and its resident memory
 * idle after the drain. `idle` starts the worker on an empty topic and reads its resident memory once its group
 * is stable and 3 s on. Without Java or Maven the pass-through is skipped, and the bench says so.
 */

const REPO = join(__dirname, '..', '..');
const KSTREAMS = join(REPO, 'bench', 'kstreams');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function workerContender(config: WorkerConfig, raw: string): Contender {
  const names = config.topics.names;
  return {
    label: 'worker',
    command: process.execPath,
    // BACKLOG_NODE_ARGS: Node options for the worker process (e.g. --cpu-prof), space-separated.
    args: [
      ...(process.env.BACKLOG_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      // --worker-tree DIR: the worker of another build (a worktree of another commit), for before/after runs.
      join(option('worker-tree') ?? REPO, 'dist', 'apps', 'ingest-worker', 'src', 'main.js'),
    ],
    env: {
      // The worker as its image runs it, malloc settings included; --allocator default: glibc's defaults.
      ...(option('allocator') === 'default' ? {} : ALLOCATOR_ENV),
      ...process.env,
      KAFKA_BROKERS: config.kafka.brokers.join(','),
      KAFKA_GROUP_ID: config.groupId,
      TOPIC_RAW: raw,
      TOPIC_ENRICHED: names.enriched,
      TOPIC_DUPLICATES: names.duplicates,
      TOPIC_DLQ: names.deadLetter,
      HTTP_PORT: '0',
      LOG_LEVEL: process.env.BACKLOG_LOG_DIR ? 'info' : 'warn',
    },
    groupId: config.groupId,
    input: raw,
    outputs: [names.enriched, names.duplicates, names.deadLetter],
  };
}

/** Compiles the pass-through and resolves its class path, or says why it cannot run here. */
function kstreamsClassPath(): { classPath?: string; reason?: string } {
  for (const tool of ['java', 'mvn'])
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error)
      return { reason: `${tool} is not installed` };
  const build = spawnSync(
    'mvn',
    ['-q', '-B', 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=target/classpath.txt'],
    { cwd: KSTREAMS, encoding: 'utf8' },
  );
  const file = join(KSTREAMS, 'target', 'classpath.txt');
  if (build.status !== 0 || !existsSync(file))
    return { reason: `mvn could not build bench/kstreams: ${(build.stdout + build.stderr).slice(-400)}` };
  return { classPath: `${join(KSTREAMS, 'target', 'classes')}:${readFileSync(file, 'utf8').trim()}` };
}

function kstreamsContender(
  config: WorkerConfig,
  raw: string,
  classPath: string,
  stateDir: string,
): Contender {
  const applicationId = `${config.groupId}.kstreams`;
  const output = `${raw}.copy`;
  return {
    label: 'kstreams',
    command: 'java',
    args: [
      '-cp',
      classPath,
      'newsingest.bench.PassThrough',
      config.kafka.brokers.join(','),
      raw,
      output,
      applicationId,
      stateDir,
    ],
    groupId: applicationId,
    input: raw,
    outputs: [output],
  };
}

/** Creates the topics, again while a loaded broker answers that they are not there yet (it is idempotent). */
async function createTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await ensureTopics(admin, topics);
        await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  });
}

async function fill(kafka: Kafka, topic: string, values: Buffer[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let i = 0; i < values.length; i += 1000)
      await producer.send({
        topic,
        acks: -1,
        messages: values.slice(i, i + 1000).map((value) => ({ value })),
      });
  } finally {
    await producer.disconnect();
  }
}

function backlog(events: number | undefined): Buffer[] {
  const mix = buildRealMix();
  process.stdout.write(
    `backlog: ${mix.values.length} events of the ${mix.source} (${JSON.stringify(mix.counts)})\n`,
  );
  if (events === undefined) return mix.values;
  const values: Buffer[] = [];
  while (values.length < events) values.push(...mix.values.slice(0, events - values.length));
  return values;
}

function printDrain(label: string, d: Drain): void {
  const f = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
  process.stdout.write(
    `${label.padEnd(9)} first committed output ${f(d.firstOutputMs)} ms (CPU ${f(d.cpuToFirstOutputMs)} ms) | drained ${d.records} in ` +
      `${f(d.drainMs)} ms: ${f(d.fromStartPerSecond)}/s from start, ${f(d.steadyPerSecond)}/s steady | CPU ` +
      `${f(d.cpuPerRecordFromStart)} µs/record from start, ${f(d.cpuPerRecordAfterFirst)} after the first output | ` +
      `RSS idle 3 s / 15 s after ${f(d.idleRssAfterMb)} / ${f(d.idleRssLaterMb)} MB\n`,
  );
}

async function runDrains(kafka: Kafka, config: WorkerConfig, wanted: (name: string) => boolean) {
  const raw = config.topics.names.raw;
  const values = backlog(option('events') === undefined ? undefined : Number(option('events')));
  const spec = workerTopicSpecs(config).find((t) => t.topic === raw)!;
  await createTopics(kafka, [...workerTopicSpecs(config), { ...spec, topic: `${raw}.copy` }]);
  await fill(kafka, raw, values);
  const results: Record<string, Drain> = {};
  if (wanted('worker')) {
    results.worker = await drainBacklog(kafka, workerContender(config, raw), values.length);
    printDrain('worker', results.worker);
  }
  if (wanted('kstreams')) {
    const { classPath, reason } = kstreamsClassPath();
    if (!classPath) process.stdout.write(`kstreams  skipped: ${reason}\n`);
    else {
      const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-'));
      try {
        results.kstreams = await drainBacklog(
          kafka,
          kstreamsContender(config, raw, classPath, stateDir),
          values.length,
        );
        printDrain('kstreams', results.kstreams);
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    }
  }
  const { worker, kstreams } = results;
  if (worker && kstreams)
    process.stdout.write(
      `worker / kstreams: ${(worker.fromStartPerSecond / kstreams.fromStartPerSecond).toFixed(2)}× from start, ` +
        `${(worker.steadyPerSecond / kstreams.steadyPerSecond).toFixed(2)}× steady, CPU per record from start ` +
        `${(worker.cpuPerRecordFromStart / kstreams.cpuPerRecordFromStart).toFixed(2)}×\n`,
    );
  await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: [`${raw}.copy`] }).catch(() => undefined));
}

async function main(): Promise<void> {
  const only = option('only')?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const config = benchConfig('backlog');
  const kafka = createKafkaClient(config.kafka);
  try {
    if (wanted('worker') || wanted('kstreams')) await runDrains(kafka, config, wanted);
  } finally {
    await cleanup(kafka, config);
  }
  if (wanted('idle')) {
    const idle = benchConfig('backlog-idle');
    await createTopics(kafka, workerTopicSpecs(idle));
    try {
      const rss = await idleResident(kafka, workerContender(idle, idle.topics.names.raw));
      process.stdout.write(
        `worker    idle on an empty topic (group stable + 3 s): RSS ${Math.round(rss)} MB\n`,
      );
    } finally {
      await cleanup(kafka, idle);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`backlog bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
