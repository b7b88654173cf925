import {
  Partitioners,
  type Admin,
  type CompressionTypes,
  type Kafka,
  type Producer,
  type Transaction,
} from '@news/kafkajs';
import type { ProducedRecord, TransactionJournal } from './batch-transport.types';
import {
  committedOffsetOf,
  quietlyDisconnect,
  toTopicMessages,
  type PartitionWriter,
  type SliceSession,
} from './partition-writer';

export interface TransactionalWriterOptions {
  kafka: Kafka;
  admin: Admin;
  groupId: string;
  topic: string;
  partition: number;
  transactionalId: string;
  transactionTimeoutMs: number;
  compression?: CompressionTypes;
  journal?: TransactionJournal;
}

/**
 * Exactly-once writer of one input partition: every slice's outputs and its consumed offset go into one Kafka
 * transaction under a transactional id owned by the partition, not by the process.
 *
 * Why per partition: kafkajs speaks the classic group protocol and cannot pass the group generation with
 * sendOffsets (KIP-447), so the broker cannot fence a zombie through the group. A transactional id per input
 * partition restores the older, proven scheme: whoever owns partition P next initialises the same id, which
 * bumps the producer epoch, aborts the previous owner's open transaction and makes its later commit fail.
 * The new owner re-reads the committed offset only AFTER that fence, so it cannot miss a commit that landed
 * in between. It also lets partitions commit concurrently: a producer has one open transaction at a time.
 */
export class TransactionalPartitionWriter implements PartitionWriter {
  private producer: Producer | undefined;
  private recheck = true;
  /** The next offset of a slice whose EndTxn failed: whether it committed is known at the next offset read. */
  private inDoubt: bigint | undefined;
  /** The first transaction, opened by prepare() (the producer connected and fenced), for the next begin(). */
  private preparing: Promise<Transaction | undefined> | undefined;

  constructor(private readonly options: TransactionalWriterOptions) {}

  markRecheck(): void {
    this.recheck = true;
  }

  prepare(): void {
    if (this.producer || this.preparing) return;
    this.preparing = this.openTransaction().catch(() => undefined);
  }

  async begin(): Promise<SliceSession> {
    const prepared = await this.preparing;
    this.preparing = undefined;
    // Opened now or by prepare(): either way the fence comes before the committed offset is read below.
    const transaction = prepared ?? (await this.openTransaction());
    let committedOffset: string | undefined;
    if (this.recheck) {
      try {
        const { admin, groupId, topic, partition } = this.options;
        committedOffset = await committedOffsetOf(admin, groupId, topic, partition);
      } catch (error) {
        await this.abortQuietly(transaction);
        throw error;
      }
      this.recheck = false;
      this.settleInDoubt(committedOffset);
    }
    return {
      committedOffset,
      commit: (records, nextOffset) => this.commit(transaction, records, nextOffset),
      abort: () => this.abortQuietly(transaction),
    };
  }

  async close(): Promise<void> {
    // A preparation under way would connect a producer after the discard: let it finish first.
    await this.preparing;
    this.preparing = undefined;
    await this.discard();
    if (this.inDoubt !== undefined) {
      const { admin, groupId, topic, partition } = this.options;
      const committed = await committedOffsetOf(admin, groupId, topic, partition).catch(() => undefined);
      this.settleInDoubt(committed);
    }
  }

  private async commit(
    transaction: Transaction,
    records: ProducedRecord[],
    nextOffset: string,
  ): Promise<void> {
    const { groupId, topic, partition, journal } = this.options;
    let ending = false;
    let rejected = false;
    try {
      if (records.length > 0) await this.send(transaction, records);
      await transaction.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }],
      });
      // The journal orders its records across partitions (a changelog appended in claim order): only what comes
      // after its turn is serialized with the other partitions' transactions, the outputs and offsets are not.
      if (journal) {
        let state: ProducedRecord[];
        try {
          state = await journal.recordsFor(partition);
        } catch (error) {
          // Its claims were taken back: only this transaction ends; the producer stays as it is.
          rejected = true;
          await this.abortQuietly(transaction);
          throw error;
        }
        if (state.length > 0) await this.send(transaction, state);
      }
      ending = true;
      await transaction.commit();
    } catch (error) {
      if (rejected) throw error;
      // Whether the commit landed is unknown (a timeout on EndTxn) or it was fenced: start over with a new
      // producer, whose init fences any older one and whose first slice re-reads the committed offset. The
      // journal learns the outcome from that read when EndTxn itself failed; before EndTxn, nothing committed.
      if (ending && journal) this.inDoubt = BigInt(nextOffset);
      await this.abortQuietly(transaction);
      await this.discard();
      throw error;
    }
    journal?.committed(partition);
  }

  private async send(transaction: Transaction, records: ProducedRecord[]): Promise<void> {
    await transaction.sendBatch({
      topicMessages: toTopicMessages(records),
      acks: -1,
      compression: this.options.compression,
    });
  }

  private settleInDoubt(committedOffset: string | undefined): void {
    if (this.inDoubt === undefined) return;
    const landed = committedOffset !== undefined && BigInt(committedOffset) >= this.inDoubt;
    this.inDoubt = undefined;
    if (landed) this.options.journal?.committed(this.options.partition);
    else this.options.journal?.aborted(this.options.partition);
  }

  private async abortQuietly(transaction: Transaction): Promise<void> {
    if (this.inDoubt === undefined) this.options.journal?.aborted(this.options.partition);
    try {
      if (transaction.isActive()) await transaction.abort();
    } catch {
      // A failed abort leaves the transaction to the next init of this id (or the broker's timeout).
      await this.discard();
    }
  }

  private async openTransaction(): Promise<Transaction> {
    const producer = await this.connectedProducer();
    try {
      // The first transaction of a producer runs InitProducerId: this is the fence.
      return await producer.transaction();
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.options.kafka.producer({
      transactionalId: this.options.transactionalId,
      transactionTimeout: this.options.transactionTimeoutMs,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Back-to-back transactions of one producer meet CONCURRENT_TRANSACTIONS while the broker still writes the
      // previous commit markers (a few ms). kafkajs' default first retry waits 300 ms, which capped a partition
      // at about three transactions per second; retry quickly instead, growing as usual.
      retry: { initialRetryTime: 10, maxRetryTime: 5_000, retries: 10 },
    });
    await producer.connect();
    this.producer = producer;
    this.recheck = true;
    return producer;
  }

  private async discard(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.recheck = true;
    if (producer) await quietlyDisconnect(producer);
  }
}
