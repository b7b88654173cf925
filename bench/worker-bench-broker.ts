// The broker side of the worker benches (worker.bench.ts, backlog.bench.ts): a run's configuration and topic
// names, committed offsets over time, group state, the local broker's CPU, latency summaries and the clean-up of a
// run's topics.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkerConfig, type WorkerConfig } from '@news/config';
import type { Admin, Kafka } from '@news/kafkajs';

/** The worker configuration of one run: the environment's, with a group and topics of its own. */
export function benchConfig(label: string): WorkerConfig {
  const id = `bench-${label}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  return loadWorkerConfig({
    ...process.env,
    KAFKA_GROUP_ID: `g.${id}`,
    TOPIC_RAW: `t.${id}.raw`,
    TOPIC_ENRICHED: `t.${id}.enriched`,
    TOPIC_DUPLICATES: `t.${id}.dup`,
    TOPIC_DLQ: `t.${id}.dlq`,
    KAFKA_LOG_LEVEL: 'error',
  });
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * CPU µs the local broker has used so far, from /proc; NaN when the cluster is not tools/kafka/kafka.sh's broker
 * (it says which broker it runs and its pid). /proc counts in clock ticks, 100 a second on Linux.
 */
export function brokerCpuMicros(): number {
  const pid = localBrokerPid();
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

let brokerPid: string | undefined | null = null;
export function localBrokerPid(): string | undefined {
  if (brokerPid !== null) return brokerPid;
  const status = spawnSync('bash', [join(__dirname, '..', '..', 'tools', 'kafka', 'kafka.sh'), 'status'], {
    encoding: 'utf8',
  });
  const running = /^running pid=(\d+) brokers=(\S+)/.exec(status.stdout ?? '');
  const wanted = process.env.KAFKA_BROKERS;
  brokerPid = running && (!wanted || wanted === running[2]) ? running[1] : undefined;
  return brokerPid;
}

export function summarize(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? NaN };
}

/** When the group's committed offsets first covered at least `from` inputs, and then all `count` of them. */
export interface CommitTimeline {
  /** ms timestamp and committed count at the first poll that saw at least `from` committed. */
  fromAt: number;
  fromCommitted: number;
  /** ms timestamp of the first poll that saw all committed. */
  doneAt: number;
}

export async function waitForCommitted(
  kafka: Kafka,
  config: WorkerConfig,
  count: number,
  timeoutMs: number,
  from = 0,
): Promise<CommitTimeline> {
  return withAdmin(kafka, async (admin) => {
    const deadline = Date.now() + timeoutMs;
    let fromAt = NaN;
    let fromCommitted = NaN;
    for (;;) {
      const [entry] = await admin.fetchOffsets({
        groupId: config.groupId,
        topics: [config.topics.names.raw],
      });
      const now = Date.now();
      const committed = (entry?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      if (Number.isNaN(fromAt) && committed >= from) {
        fromAt = now;
        fromCommitted = committed;
      }
      if (committed >= count) return { fromAt, fromCommitted, doneAt: now };
      if (now > deadline) throw new Error(`only ${committed}/${count} committed after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}

export async function waitForMembers(kafka: Kafka, groupId: string): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    for (let i = 0; i < 300; i++) {
      const { groups } = await admin.describeGroups([groupId]);
      if (groups[0]?.state === 'Stable') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}

export async function cleanup(kafka: Kafka, config: WorkerConfig): Promise<void> {
  await withAdmin(kafka, (admin) =>
    admin
      .deleteTopics({
        topics: [
          ...Object.values(config.topics.names),
          ...(config.dedup.changelog ? [config.dedup.changelog.topic] : []),
        ],
      })
      .catch(() => undefined),
  );
}

/** Runs `work` with a connected admin client, disconnected afterwards whatever happens. */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
