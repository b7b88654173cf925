import type { WorkerConfig } from '@news/config';
import { decodeEntry, type ChangelogDedupStore } from '@news/dedup';
import { fenceTransactionalIds, restoreChangelog } from '@news/kafka';
import { assertReadCommittedFilter } from '@news/kafkajs';
import type { Kafka } from 'kafkajs';

export interface RestoreLog {
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * Rebuilds the in-memory dedup index from its changelog before the worker consumes. First the transactional ids
 * of every input partition are fenced: a killed predecessor's open transaction is aborted at once instead of
 * holding the read_committed read until its timeout (the memory store runs as one instance, so no live owner is
 * fenced). Then the changelog is read read_committed to the end it had, each record filed as it arrives.
 */
export async function restoreDedupIndex(
  config: WorkerConfig,
  kafka: Kafka,
  store: ChangelogDedupStore,
  log: RestoreLog,
): Promise<void> {
  const settings = config.dedup.changelog;
  if (!settings) return;
  // A kafkajs that hands out aborted records would restore claims that never committed.
  assertReadCommittedFilter();
  const admin = kafka.admin();
  await admin.connect();
  let inputPartitions: number;
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [config.topics.names.raw] });
    inputPartitions = metadata.topics[0]?.partitions.length ?? 0;
    const missing = (await admin.listTopics()).includes(settings.topic) ? [] : [settings.topic];
    if (missing.length > 0)
      throw new Error(
        `the dedup changelog topic ${settings.topic} does not exist: create it (docs/operations.md, Dedup ` +
          'changelog) or set TOPICS_CREATE=true',
      );
  } finally {
    await admin.disconnect();
  }
  const fenceStarted = performance.now();
  const raw = config.topics.names.raw;
  await fenceTransactionalIds(
    kafka,
    Array.from({ length: inputPartitions }, (_, p) => `${config.transactionalIdPrefix}.${raw}.${p}`),
    config.transactionTimeoutMs,
  );
  const fenceSeconds = (performance.now() - fenceStarted) / 1000;
  const restoration = store.restoration();
  const read = await restoreChangelog(kafka, {
    topic: settings.topic,
    groupPrefix: config.groupId,
    onRecord: (key, value) => restoration.add(decodeEntry(key, value)),
  });
  const kept = restoration.finish();
  log.info(
    {
      topic: settings.topic,
      records: read.records,
      keptEntries: kept,
      remembered: await store.size(),
      seconds: Math.round(read.seconds * 1000) / 1000,
      fenceSeconds: Math.round(fenceSeconds * 1000) / 1000,
    },
    `dedup index restored from ${settings.topic}`,
  );
}
