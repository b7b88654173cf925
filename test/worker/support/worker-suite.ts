import { deleteKeysUnder } from '@news/dedup-redis';
import { AssignerProtocol, type Kafka, type Message } from '@news/kafkajs';
import { Redis } from 'ioredis';
import {
  collectOutputs,
  deleteTopics,
  produceInChunks,
  testKafka,
  uniqueTopics,
  waitForCatchUp,
  workerEnv,
  type CollectedOutput,
  type TestTopics,
} from './stream-fixtures';
import { BROKERS, sleep, WorkerProcess } from './worker-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * What every worker suite sets up and tears down: fresh topics and a group, a client for the test's own reads
 * and writes, the worker processes it starts (each stopped at the end if still running), and the Redis keys of
 * the suite's prefix when it used Redis. `workerSuite()` registers the clean-up with jest.
 */
export class WorkerSuite {
  readonly topics: TestTopics;
  readonly kafka: Kafka;
  /** Keys of a Redis dedup store used by this suite live under this prefix (removed at the end). */
  readonly redisPrefix: string;
  /** Set by a failing suite that wants its topics kept for a post-mortem. */
  keepTopics = false;
  private readonly workers: WorkerProcess[] = [];
  private usedRedis = false;

  constructor(
    readonly label: string,
    private readonly brokers = BROKERS,
  ) {
    this.topics = uniqueTopics(label);
    this.kafka = testKafka(`${label}-test`, brokers);
    this.redisPrefix = `test-${this.topics.group}`;
  }

  /** A worker process on this suite's topics and group (not started); `extra` adds or overrides variables. */
  worker(name: string, extra: Record<string, string> = {}): WorkerProcess {
    const worker = new WorkerProcess(`${name}-${this.topics.group}`, {
      ...workerEnv(this.topics, extra),
      KAFKA_BROKERS: this.brokers,
    });
    this.workers.push(worker);
    return worker;
  }

  /** Starts a worker of this suite and waits until its /health/ready answers 200. */
  async readyWorker(name: string, extra: Record<string, string> = {}): Promise<WorkerProcess> {
    return this.worker(name, extra).startReady();
  }

  /** The variables that make a worker use Redis as its dedup store, under this suite's key prefix. */
  redisEnv(url = REDIS_URL): Record<string, string> {
    this.usedRedis = this.usedRedis || url === REDIS_URL;
    return { DEDUP_STORE: 'redis', REDIS_URL: url, REDIS_KEY_PREFIX: this.redisPrefix };
  }

  /** Sends `messages` to the raw topic, `chunk` at a time with `pauseMs` between chunks. */
  async produce(messages: Message[], chunk: number, pauseMs = 0): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      await produceInChunks(producer, this.topics.raw, messages, chunk, pauseMs);
    } finally {
      await producer.disconnect();
    }
  }

  /** True once the group's committed offsets reach the end of every raw partition. */
  caughtUp(timeoutMs: number): Promise<boolean> {
    return waitForCatchUp(this.kafka, this.topics, timeoutMs);
  }

  /** The committed records of the three output topics: at least `expected`, then nothing more for `quietMs`. */
  outputs(expected: number, timeoutMs: number, quietMs?: number): Promise<CollectedOutput[]> {
    const { enriched, duplicates, deadLetter } = this.topics;
    return collectOutputs(this.kafka, [enriched, duplicates, deadLetter], expected, timeoutMs, quietMs);
  }

  /** Until at least `count` committed outputs are on the output topics (the workers are producing). */
  async waitForOutputs(count: number, timeoutMs: number): Promise<void> {
    const seen = await this.outputs(count, timeoutMs, 0);
    if (seen.length < count)
      throw new Error(`${this.label}: ${seen.length} of ${count} outputs within ${timeoutMs} ms`);
  }

  /** The group's partitions of the raw topic by member client id, as the broker has them (Stable groups only). */
  assignments(): Promise<Map<string, number[]> | undefined> {
    return stableAssignment(this.kafka, this.topics.group, this.topics.raw);
  }

  /** Polls the broker's view of the group until `test` holds for the assignment of these workers. */
  async waitForAssignment(
    test: (partitionsOf: (worker: WorkerProcess) => number[], members: number) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<Map<string, number[]>> {
    const deadline = Date.now() + timeoutMs;
    let last: Map<string, number[]> | undefined;
    for (;;) {
      last = await this.assignments();
      if (last && test((worker) => last?.get(worker.clientId) ?? [], last.size)) return last;
      if (Date.now() > deadline)
        throw new Error(
          `${this.label}: ${what} not seen within ${timeoutMs} ms (group: ${JSON.stringify(last ? [...last] : 'not stable')})`,
        );
      await sleep(500);
    }
  }

  /** The group's committed offset of each raw partition (-1 where nothing was committed yet). */
  async committedOffsets(): Promise<Map<number, number>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({ groupId: this.topics.group, topics: [this.topics.raw] });
      return new Map((entry?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops the workers still running, then removes the topics, the group and the Redis keys. */
  async close(): Promise<void> {
    for (const worker of this.workers) await worker.stop();
    if (this.keepTopics) return;
    await deleteTopics(this.kafka, this.topics);
    if (this.usedRedis) await deleteRedisKeys(this.redisPrefix);
  }
}

/** A WorkerSuite for the enclosing describe block, closed after its tests. */
export function workerSuite(label: string, brokers?: string): WorkerSuite {
  const suite = new WorkerSuite(label, brokers);
  afterAll(() => suite.close(), 120_000);
  return suite;
}

/**
 * A consumer group's partitions of `topic` by member client id, as the broker has them; undefined while the
 * group is not Stable (joining, rebalancing, empty).
 */
export async function stableAssignment(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<Map<string, number[]> | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    if (group?.state !== 'Stable') return undefined;
    const byMember = new Map<string, number[]>();
    for (const member of group.members) {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      const partitions = [...(byMember.get(member.clientId) ?? []), ...(decoded?.assignment[topic] ?? [])];
      byMember.set(
        member.clientId,
        partitions.sort((a, b) => a - b),
      );
    }
    return byMember;
  } finally {
    await admin.disconnect();
  }
}

/** Removes what a Redis dedup store claimed under `prefix`, so that repeated runs leave no keys behind. */
export async function deleteRedisKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    await deleteKeysUnder(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
