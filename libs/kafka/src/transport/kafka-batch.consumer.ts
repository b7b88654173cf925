import { EventEmitter } from 'node:events';
import { Partitioners, type Admin, type Consumer, type EachBatchPayload, type Producer } from '@news/kafkajs';
import { AtLeastOnceWriter } from './at-least-once.writer';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { BatchTransportEvents, BatchTransportOptions } from './batch-transport.types';
import { PartitionBatchProcessor, type SliceHandler } from './partition-batch.processor';
import { quietlyDisconnect, type PartitionWriter } from './partition-writer';
import { TransactionalPartitionWriter } from './transactional-partition.writer';

export type ConsumerStatus = 'connecting' | 'connected' | 'rebalancing' | 'disconnected' | 'crashed';

/** Waits before building a fresh consumer after a crash: 1, 2, 4, … s, at most 30 s. */
const CONSUMER_RESTART_BACKOFF: BackoffPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000 };
/** One consumer per process restarts: nothing to spread out, so the delay is the cap itself. */
const NO_JITTER = () => 1;

/**
 * Consume-transform-produce over kafkajs, without any framework: consumes with eachBatch (one handler call per
 * slice of a partition, not per message), runs partitions concurrently while keeping each partition's order,
 * publishes outputs and offsets in one transaction per slice, pauses a failing partition instead of blocking or
 * dead-lettering, and survives consumer crashes. The worker runs it directly, so that it consumes before any
 * HTTP framework has loaded; KafkaBatchTransport (./kafka-batch.transport) puts it under Nest as a transport
 * strategy.
 */
export class KafkaBatchConsumer {
  private readonly events = new EventEmitter();
  private readonly writers = new Map<number, PartitionWriter>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly processor: PartitionBatchProcessor;
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;
  private sharedProducer: Producer | undefined;
  private generationCounter = 0;
  private restarts = 0;
  private closing = false;
  private assignment: number[] = [];

  constructor(
    private readonly options: BatchTransportOptions,
    handle: SliceHandler,
    private readonly onStatus: (status: ConsumerStatus) => void = () => undefined,
  ) {
    if (options.journal && options.deliveryMode !== 'exactly-once')
      throw new Error('a transaction journal (dedup changelog) needs exactly-once delivery');
    this.processor = new PartitionBatchProcessor({
      options,
      handle,
      writerFor: (partition) => this.writerFor(partition),
      emit: (event, ...args) => this.emit(event, ...args),
      resumeLater: (resume, delayMs) => this.resumeLater(resume, delayMs),
      generation: () => this.generationCounter,
    });
  }

  async start(): Promise<void> {
    this.onStatus('connecting');
    this.admin = this.options.kafka.admin();
    await this.admin.connect();
    // kafkajs' admin knows only its seed broker until its first metadata request. Without this, the first slices
    // of a start re-read their committed offsets concurrently, find no broker to ask for the group coordinator,
    // and each waits out a retry (~300 ms) before its first transaction.
    try {
      await this.admin.fetchTopicMetadata({ topics: [this.options.topic] });
    } catch (error) {
      if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      throw new Error(`input topic ${this.options.topic} does not exist on the cluster`, { cause: error });
    }
    if (this.options.deliveryMode === 'at-least-once') {
      this.sharedProducer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.sharedProducer.connect();
    }
    await this.startConsumer();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // stop() lets the slice in flight finish (and commit) and leaves the group, so that the partitions move
    // to the other members at once instead of after a session timeout.
    if (this.consumer) {
      await this.consumer.stop().catch(() => undefined);
      await this.consumer.disconnect().catch(() => undefined);
    }
    await Promise.all([...this.writers.values()].map((writer) => writer.close()));
    this.writers.clear();
    if (this.sharedProducer) await quietlyDisconnect(this.sharedProducer);
    if (this.admin) await this.admin.disconnect().catch(() => undefined);
    this.onStatus('disconnected');
    this.emit('disconnected');
  }

  on<K extends keyof BatchTransportEvents, L extends BatchTransportEvents[K] = BatchTransportEvents[K]>(
    event: K,
    listener: L,
  ): this {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<K extends keyof BatchTransportEvents, L extends BatchTransportEvents[K] = BatchTransportEvents[K]>(
    event: K,
    listener: L,
  ): this {
    this.events.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** The kafkajs consumer of the moment (a new one after a crash). */
  unwrap(): Consumer | undefined {
    return this.consumer;
  }

  /** Whether a fetched batch is being processed (sliced, run through the handler, published) right now. */
  busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Partitions of the input topic this instance holds since the last rebalance. */
  assignedPartitions(): readonly number[] {
    return this.assignment;
  }

  private async startConsumer(): Promise<void> {
    const o = this.options;
    const consumer = this.options.kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs,
      heartbeatInterval: o.heartbeatIntervalMs,
      rebalanceTimeout: o.rebalanceTimeoutMs,
      maxBytesPerPartition: o.maxBytesPerPartition,
      maxBytes: o.maxBytes,
      maxWaitTimeInMs: o.maxWaitTimeMs,
      readUncommitted: false,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.onAssignment(payload.memberAssignment[o.topic] ?? []),
    );
    consumer.on(consumer.events.REBALANCING, () => {
      this.generationCounter += 1;
      this.onStatus('rebalancing');
      this.emit('rebalancing');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.onCrash(consumer, payload.error, payload.restart),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [o.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitionConcurrency,
      eachBatch: (payload) => this.track(payload),
    });
    this.onStatus('connected');
    this.emit('connected');
  }

  private track(payload: EachBatchPayload): Promise<void> {
    const work = this.processor.process(payload);
    const partition = payload.batch.partition;
    this.inFlight.set(partition, work);
    return work.finally(() => {
      if (this.inFlight.get(partition) === work) this.inFlight.delete(partition);
    });
  }

  private onAssignment(partitions: number[]): void {
    this.generationCounter += 1;
    this.assignment = [...partitions].sort((a, b) => a - b);
    for (const [partition, writer] of this.writers) {
      if (partitions.includes(partition)) {
        // Kept through the rebalance, but someone else may have owned it meanwhile.
        writer.markRecheck();
        continue;
      }
      // Revoked: its producer would only hold a transactional id that the new owner now fences.
      this.writers.delete(partition);
      const pending = this.inFlight.get(partition) ?? Promise.resolve();
      void pending.catch(() => undefined).then(() => writer.close());
    }
    // The writers of new partitions connect and fence now, while the first fetch is under way: otherwise the
    // first slice of each partition waits for its producer's connection and InitProducerId before it starts.
    if (!this.closing) for (const partition of this.assignment) this.writerFor(partition).prepare();
    this.onStatus('connected');
    this.emit('assigned', this.assignment);
  }

  /**
   * kafkajs restarts the consumer by itself after retriable failures (`restart: true`). A non-retriable crash
   * leaves a process that no longer consumes: build a fresh consumer, and give up (fatal, the process exits
   * non-zero and the orchestrator restarts it) when that keeps failing.
   */
  private onCrash(consumer: Consumer, error: Error, restarting: boolean): void {
    this.onStatus('crashed');
    this.emit('crashed', { error, restarting });
    if (restarting || this.closing || consumer !== this.consumer) return;
    this.restarts += 1;
    if (this.restarts > (this.options.maxRestarts ?? 5)) {
      this.emit('fatal', error);
      return;
    }
    const delayMs = backoffDelay(CONSUMER_RESTART_BACKOFF, this.restarts, NO_JITTER);
    this.resumeLater(() => {
      void (async () => {
        await consumer.disconnect().catch(() => undefined);
        if (this.closing) return;
        try {
          await this.startConsumer();
        } catch (restartError) {
          this.onCrash(this.consumer ?? consumer, restartError as Error, false);
        }
      })();
    }, delayMs);
  }

  private writerFor(partition: number): PartitionWriter {
    let writer = this.writers.get(partition);
    if (writer) return writer;
    const o = this.options;
    if (o.deliveryMode === 'exactly-once') {
      writer = new TransactionalPartitionWriter({
        kafka: o.kafka,
        admin: this.admin as Admin,
        groupId: o.groupId,
        topic: o.topic,
        partition,
        transactionalId: `${o.transactionalIdPrefix}.${o.topic}.${partition}`,
        transactionTimeoutMs: o.transactionTimeoutMs,
        compression: o.compression,
        journal: o.journal,
      });
    } else {
      writer = new AtLeastOnceWriter(
        this.sharedProducer as Producer,
        partition,
        (p, offset) => (this.consumer as Consumer).commitOffsets([{ topic: o.topic, partition: p, offset }]),
        o.compression,
      );
    }
    this.writers.set(partition, writer);
    return writer;
  }

  private resumeLater(action: () => void, delayMs: number): void {
    if (this.closing) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closing) action();
    }, delayMs);
    this.timers.add(timer);
  }

  private emit<K extends keyof BatchTransportEvents>(
    event: K,
    ...args: Parameters<BatchTransportEvents[K]>
  ): void {
    try {
      this.events.emit(event, ...args);
    } catch {
      // A listener (logging, metrics) must never break consumption.
    }
  }
}
