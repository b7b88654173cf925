import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from '@news/kafkajs';
import { withAdmin } from './worker-bench-broker';

/**
 * One process of the backlog benchmark (the worker, or the Kafka Streams pass-through) watched from outside:
 * its CPU and resident memory from /proc, its progress through the committed offsets of its consumer group,
 * and its first output as a read_committed consumer sees it.
 */

/** CPU of a process and all its threads so far, in µs (/proc/PID/stat utime + stime, 100 ticks a second). */
export function processCpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process in MB (VmRSS of /proc/PID/status). */
export function residentMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface Drain {
  /** Records the backlog held. */
  records: number;
  /** From spawn to the first output a read_committed consumer could read, ms. */
  firstOutputMs: number;
  /** From spawn to the last input offset committed, ms. */
  drainMs: number;
  /** Outputs per second from spawn, and between 10 % and 90 % of the backlog committed. */
  fromStartPerSecond: number;
  steadyPerSecond: number;
  /** CPU of the process (all threads) per record, from spawn and from its first output on, µs. */
  cpuPerRecordFromStart: number;
  cpuPerRecordAfterFirst: number;
  /**
   * CPU of the process (all threads) from spawn to its first output, ms: steadier than the wall time on a
   * loaded machine.
   */
  cpuToFirstOutputMs: number;
  /**
   * Resident memory 3 s and 15 s after the drain, MB (the worker gives a burst's memory back within ~10 s).
   */
  idleRssAfterMb: number;
  idleRssLaterMb: number;
}

export interface Contender {
  label: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** The consumer group whose committed offsets on `input` tell the progress. */
  groupId: string;
  input: string;
  outputs: string[];
}

/** Spawns the contender, waits until it has committed the whole backlog, and stops it. */
export async function drainBacklog(kafka: Kafka, contender: Contender, records: number): Promise<Drain> {
  const reader = await firstOutputReader(kafka, contender.outputs);
  const spawnedAt = Date.now();
  const child = start(contender);
  const stderr = collect(child);
  try {
    const pid = child.pid ?? NaN;
    const first = reader.first.then((at) => ({ at, cpu: processCpuMicros(pid) }));
    const timeline = await waitForOffsets(kafka, contender, records, child, stderr);
    const { at: firstAt, cpu: cpuAtFirst } = await first;
    const doneAt = timeline[timeline.length - 1].at;
    const cpuAtDone = processCpuMicros(pid);
    const committedAtFirst = committedBy(timeline, firstAt);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRssAfterMb = residentMb(pid);
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    return {
      records,
      firstOutputMs: firstAt - spawnedAt,
      drainMs: doneAt - spawnedAt,
      fromStartPerSecond: records / ((doneAt - spawnedAt) / 1000),
      steadyPerSecond: steadyRate(timeline, records),
      cpuPerRecordFromStart: cpuAtDone / records,
      cpuPerRecordAfterFirst: (cpuAtDone - cpuAtFirst) / Math.max(1, records - committedAtFirst),
      cpuToFirstOutputMs: cpuAtFirst / 1000,
      idleRssAfterMb,
      idleRssLaterMb: residentMb(pid),
    };
  } finally {
    await reader.stop();
    await stop(child);
  }
}

/**
 * Spawns the contender on nothing to do and reads its resident memory once its group is stable and 3 s on.
 */
export async function idleResident(kafka: Kafka, contender: Contender): Promise<number> {
  const child = start(contender);
  const stderr = collect(child);
  try {
    await withAdmin(kafka, async (admin) => {
      for (let i = 0; i < 1200; i++) {
        if (child.exitCode !== null) throw new Error(`${contender.label} exited: ${stderr()}`);
        const { groups } = await admin.describeGroups([contender.groupId]);
        if (groups[0]?.state === 'Stable') return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`${contender.label}: its group never became stable`);
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return residentMb(child.pid ?? NaN);
  } finally {
    await stop(child);
  }
}

interface Sample {
  at: number;
  committed: number;
}

async function waitForOffsets(
  kafka: Kafka,
  contender: Contender,
  records: number,
  child: ChildProcess,
  stderr: () => string,
): Promise<Sample[]> {
  return withAdmin(kafka, async (admin) => {
    const timeline: Sample[] = [];
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${contender.label} exited: ${stderr()}`);
      const [entry] = await admin.fetchOffsets({ groupId: contender.groupId, topics: [contender.input] });
      const committed = (entry?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      timeline.push({ at: Date.now(), committed });
      if (committed >= records) return timeline;
      if (Date.now() > deadline) throw new Error(`${contender.label}: ${committed}/${records} after 600 s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
}

function committedBy(timeline: Sample[], at: number): number {
  let committed = 0;
  for (const sample of timeline) if (sample.at <= at) committed = sample.committed;
  return committed;
}

function steadyRate(timeline: Sample[], records: number): number {
  const from = timeline.find((s) => s.committed >= records * 0.1);
  const to = timeline.find((s) => s.committed >= records * 0.9);
  if (!from || !to || to.at <= from.at) return NaN;
  return (to.committed - from.committed) / ((to.at - from.at) / 1000);
}

/**
 * A read_committed consumer of the outputs, joined before the contender starts; stopped at its first record.
 */
async function firstOutputReader(
  kafka: Kafka,
  topics: string[],
): Promise<{ first: Promise<number>; stop(): Promise<void> }> {
  const consumer = kafka.consumer({
    groupId: `bench-reader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    readUncommitted: false,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen: (at: number) => void = () => undefined;
  const first = new Promise<number>((resolve) => (seen = resolve));
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (batch.messages.length > 0) seen(Date.now());
      await Promise.resolve();
    },
  });
  await joined;
  let stopped = false;
  const stopReader = async () => {
    if (stopped) return;
    stopped = true;
    await consumer.disconnect();
  };
  // Its fetches would compete with the contender for the same cores: it leaves at the first record.
  void first.then(stopReader);
  return { first, stop: stopReader };
}

/**
 * BACKLOG_LOG_DIR=dir keeps each contender's standard output there (`<label>.log`), e.g. the worker's log.
 */
function start(contender: Contender): ChildProcess {
  const logDir = process.env.BACKLOG_LOG_DIR;
  const child = spawn(contender.command, contender.args, {
    env: contender.env ?? process.env,
    stdio: ['ignore', logDir ? 'pipe' : 'ignore', 'pipe'],
  });
  if (logDir) child.stdout?.pipe(createWriteStream(join(logDir, `${contender.label}.log`)));
  return child;
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  });
  return () => text;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
