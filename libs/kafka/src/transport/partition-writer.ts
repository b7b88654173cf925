import type { Admin, Message, Producer, TopicMessages } from 'kafkajs';
import type { ProducedRecord } from './batch-transport.types';

/** One slice's write: its outputs and its consumed offset, published together (or not at all). */
export interface SliceSession {
  /**
   * The group's committed offset of the partition, when the writer re-read it for this slice (a new writer,
   * or the first slice after a rebalance or a failed commit). Inputs below it were already published.
   */
  readonly committedOffset: string | undefined;
  commit(records: ProducedRecord[], nextOffset: string): Promise<void>;
  abort(): Promise<void>;
}

/** Publishes the outputs of one input partition. */
export interface PartitionWriter {
  /**
   * Gets ready for the first slice without waiting for it (the consumer calls it on assignment, while the first
   * fetch is under way): connects and fences. Failures are left to begin(), which tries again and reports.
   */
  prepare(): void;
  begin(): Promise<SliceSession>;
  /** The next slice must re-read the committed offset (after a rebalance: someone else may have written). */
  markRecheck(): void;
  close(): Promise<void>;
}

export function toTopicMessages(records: ProducedRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (!messages) byTopic.set(record.topic, (messages = []));
    messages.push({ key: record.key, value: record.value, headers: record.headers });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** The group's committed offset of one partition, or undefined when it has none yet. */
export async function committedOffsetOf(
  admin: Admin,
  groupId: string,
  topic: string,
  partition: number,
): Promise<string | undefined> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const offset = entry?.partitions.find((p) => p.partition === partition)?.offset;
  return offset === undefined || offset === '-1' || offset === '' ? undefined : offset;
}

/** Producers are closed on a best-effort basis: the broker forgets a dead connection anyway. */
export async function quietlyDisconnect(producer: Producer): Promise<void> {
  try {
    await producer.disconnect();
  } catch {
    // nothing left to do with a producer that cannot even disconnect
  }
}
