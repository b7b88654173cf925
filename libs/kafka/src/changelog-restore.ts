import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';

export interface ChangelogRestoreOptions {
  topic: string;
  /** Prefix of the throwaway consumer group that reads the topic (it commits nothing). */
  groupPrefix: string;
  /** Called for every committed record, in offset order within each partition. */
  onRecord(key: string, value: string, partition: number): void;
  /** Gives up after this long (default 5 minutes): the worker must not consume with half an index. */
  timeoutMs?: number;
}

export interface ChangelogRestoreResult {
  records: number;
  partitions: number;
  /** Wall time of the read, from the offset look-up to the last record. */
  seconds: number;
}

/**
 * Reads a changelog topic from its start to the end it had when the read began, read_committed: records of
 * aborted transactions (a fenced zombie's, a crashed worker's) are never handed out. The installed kafkajs must
 * filter aborted records correctly (assertReadCommittedFilter). An open transaction at the end holds the read
 * until it ends; fenceTransactionalIds ends those of a dead predecessor at once.
 */
export async function restoreChangelog(
  kafka: Kafka,
  options: ChangelogRestoreOptions,
): Promise<ChangelogRestoreResult> {
  const started = performance.now();
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await offsetsOf(admin, options.topic);
    ends = new Map(
      offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    );
  } finally {
    await admin.disconnect();
  }
  const result = { records: 0, partitions: ends.size, seconds: 0 };
  if (ends.size === 0) return { ...result, seconds: (performance.now() - started) / 1000 };

  const groupId = `${options.groupPrefix}.restore.${randomUUID()}`;
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
    maxBytes: 64 * 2 ** 20,
    maxBytesPerPartition: 16 * 2 ** 20,
  });
  const remaining = new Set(ends.keys());
  let settle: { resolve(): void; reject(error: Error): void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // END_BATCH_PROCESS also reports batches that were all control records or aborted records: the only way to see
  // the read pass a transaction marker at the end of a partition.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = ends.get(payload.partition);
    if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) remaining.delete(payload.partition);
    if (remaining.size === 0) settle?.resolve();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) settle?.reject(payload.error);
  });
  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(
    () =>
      settle?.reject(
        new Error(
          `changelog ${options.topic} not restored after ${timeoutMs} ms (partitions left: ${[...remaining].join(', ')})`,
        ),
      ),
    timeoutMs,
  );
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: Math.max(1, ends.size),
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition) ?? 0n;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= end || message.key === null || message.value === null) continue;
          options.onRecord(message.key.toString('utf8'), message.value.toString('utf8'), batch.partition);
          result.records += 1;
        }
        return Promise.resolve();
      },
    });
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    // It committed nothing; without this every start would leave an empty group behind on the cluster.
    await forgetGroup(kafka, groupId);
  }
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

async function forgetGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // an empty group the broker forgets on its own later
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The topic's partition offsets. Just after the topic was created, a broker may still answer "not the leader"
 * (its metadata lags the controller's): kafkajs' admin does not retry that, so refresh the metadata and retry.
 */
async function offsetsOf(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
    }
  }
}

/**
 * Initialises each transactional id and ends its empty transaction: the broker aborts whatever an earlier owner
 * of the id left open (a killed worker's last slice) and fences that owner. Only for a single-instance
 * deployment: a live second instance holding one of the ids would be fenced too.
 */
export async function fenceTransactionalIds(
  kafka: Kafka,
  transactionalIds: readonly string[],
  transactionTimeoutMs: number,
): Promise<void> {
  await Promise.all(
    transactionalIds.map(async (transactionalId) => {
      const producer = kafka.producer({
        transactionalId,
        transactionTimeout: transactionTimeoutMs,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      try {
        const transaction = await producer.transaction();
        await transaction.abort();
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    }),
  );
}
