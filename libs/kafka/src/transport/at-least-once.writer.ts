import type { CompressionTypes, Producer } from 'kafkajs';
import type { ProducedRecord } from './batch-transport.types';
import { toTopicMessages, type PartitionWriter, type SliceSession } from './partition-writer';

export type OffsetCommitter = (partition: number, nextOffset: string) => Promise<void>;

/**
 * At-least-once writer: outputs go through one shared idempotent producer (no duplicates from producer retries),
 * and the offset is committed only after every output is acknowledged by all in-sync replicas. A crash between
 * the two replays the slice, so downstream may see an output twice; it is cheaper (no transaction round trips)
 * and works on clusters where transactions are not allowed.
 */
export class AtLeastOnceWriter implements PartitionWriter {
  constructor(
    private readonly producer: Producer,
    private readonly partition: number,
    private readonly commitOffset: OffsetCommitter,
    private readonly compression?: CompressionTypes,
  ) {}

  prepare(): void {
    // The shared producer connects when the consumer starts.
  }

  markRecheck(): void {
    // kafkajs restarts from the committed offset after a rebalance; nothing to re-read here.
  }

  begin(): Promise<SliceSession> {
    return Promise.resolve({
      committedOffset: undefined,
      commit: (records: ProducedRecord[], nextOffset: string) => this.commit(records, nextOffset),
      abort: () => Promise.resolve(),
    });
  }

  close(): Promise<void> {
    // The producer is shared by all partitions and closed by the transport.
    return Promise.resolve();
  }

  private async commit(records: ProducedRecord[], nextOffset: string): Promise<void> {
    if (records.length > 0)
      await this.producer.sendBatch({
        topicMessages: toTopicMessages(records),
        acks: -1,
        compression: this.compression,
      });
    await this.commitOffset(this.partition, nextOffset);
  }
}
