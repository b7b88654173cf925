import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { backoffDelay } from './backoff';
import type {
  BatchResult,
  BatchTransportEvents,
  BatchTransportOptions,
  ConsumedMessage,
  ProducedRecord,
} from './batch-transport.types';
import type { PartitionWriter } from './partition-writer';

export type SliceHandler = (messages: ConsumedMessage[]) => Promise<BatchResult>;
type Emit = <K extends keyof BatchTransportEvents>(
  event: K,
  ...args: Parameters<BatchTransportEvents[K]>
) => void;

export interface ProcessorDeps {
  options: BatchTransportOptions;
  handle: SliceHandler;
  writerFor(partition: number): PartitionWriter;
  emit: Emit;
  /** Resume the paused partition after the delay (the transport owns the timers, to clear them on shutdown). */
  resumeLater(resume: () => void, delayMs: number): void;
  /** Bumped by the transport on every rebalance: a batch started in an older generation stops at the next slice. */
  generation(): number;
}

interface FailureState {
  offset: string;
  attempts: number;
  handlerFailures: number;
}

/** The first slice of each partition in a process holds at most this many messages (see `process`). */
const FIRST_SLICE_MESSAGES = 50;

/**
 * Consumes one kafkajs batch of one partition: slices it, runs each slice through the handler and publishes it
 * with its offset through the partition's writer. Order is kept because slices of one partition run one after
 * the other and the next kafkajs batch of that partition only comes once this one returns.
 * On any failure the partition is paused, nothing of the slice is resolved, and kafkajs fetches it again from
 * the last resolved offset once the backoff has passed.
 */
export class PartitionBatchProcessor {
  private readonly failures = new Map<number, FailureState>();
  /** Partitions that have published a slice in this process: the ones that have not start with a short one. */
  private readonly published = new Set<number>();
  /** Per partition: the committed offset a fenced writer re-read, while the consumer is still below it. */
  private readonly floors = new Map<number, bigint>();

  constructor(private readonly deps: ProcessorDeps) {}

  async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const generation = this.deps.generation();
    const messages = batch.messages.map((message) => toConsumed(batch.topic, batch.partition, message));
    const sliceSize = this.deps.options.batchMaxMessages;
    // A long batch must not cost the group membership: heartbeat on a timer while it runs. A failing heartbeat
    // means a rebalance is under way; the batch then stops at the next slice boundary so kafkajs can rejoin.
    let rebalancing = false;
    const heartbeats = setInterval(() => {
      payload.heartbeat().catch(() => {
        rebalancing = true;
      });
    }, this.deps.options.heartbeatIntervalMs);
    try {
      for (let start = 0; start < messages.length;) {
        if (!payload.isRunning() || payload.isStale() || rebalancing || generation !== this.deps.generation())
          return;
        // A process started on a backlog runs its first slices on cold code, one per partition at once: short
        // first slices commit the first outputs within a fraction of the time that full ones take.
        const size = this.published.has(batch.partition)
          ? sliceSize
          : Math.min(sliceSize, FIRST_SLICE_MESSAGES);
        const slice = messages.slice(start, start + size);
        start += size;
        const isLast = start >= messages.length;
        // The last slice commits past the batch's last offset, which may be a transaction marker of the input.
        const lastOffset = isLast ? batch.lastOffset() : slice[slice.length - 1].offset;
        const done = await this.processSlice(payload, slice, lastOffset, Number(batch.highWatermark));
        if (!done) return;
        this.published.add(batch.partition);
      }
    } finally {
      clearInterval(heartbeats);
    }
  }

  private async processSlice(
    payload: EachBatchPayload,
    slice: ConsumedMessage[],
    lastOffset: string,
    highWatermark: number,
  ): Promise<boolean> {
    const started = performance.now();
    const partition = payload.batch.partition;
    const writer = this.deps.writerFor(partition);
    const nextOffset = (BigInt(lastOffset) + 1n).toString();
    const resolveSlice = () => payload.resolveOffset(slice[slice.length - 1].offset);

    let session;
    try {
      session = await writer.begin();
    } catch (error) {
      this.retryLater(payload, slice[0].offset, describe(error), true);
      return false;
    }

    // The re-read committed offset is a floor for every later slice and batch too, until the partition has passed
    // it: the consumer may have started more than one slice behind the previous owner's last commit.
    if (session.committedOffset !== undefined) this.floors.set(partition, BigInt(session.committedOffset));
    let inputs = slice;
    const floor = this.floors.get(partition);
    if (floor !== undefined) {
      inputs = slice.filter((message) => BigInt(message.offset) >= floor);
      if (inputs.length < slice.length) {
        this.deps.emit('fenced', {
          partition,
          reason: `${slice.length - inputs.length} input(s) below committed offset ${floor} were already published`,
        });
      }
      if (BigInt(lastOffset) + 1n >= floor) this.floors.delete(partition);
    }
    if (inputs.length === 0) {
      await session.abort();
      resolveSlice();
      return true;
    }

    const result = await this.runHandler(partition, inputs);
    if (result.kind !== 'processed') {
      await session.abort();
      this.retryLater(payload, inputs[0].offset, result.message, result.kind === 'transient');
      return false;
    }

    const publishStarted = performance.now();
    try {
      await session.commit(result.records, nextOffset);
    } catch (error) {
      this.retryLater(payload, inputs[0].offset, `publish failed: ${describe(error)}`, true);
      return false;
    }
    resolveSlice();
    this.failures.delete(partition);
    this.deps.emit('committed', {
      topic: payload.batch.topic,
      partition,
      firstOffset: inputs[0].offset,
      nextOffset,
      inputs: inputs.length,
      outputs: result.records.length,
      seconds: (performance.now() - started) / 1000,
      publishSeconds: (performance.now() - publishStarted) / 1000,
      lag: Math.max(0, highWatermark - Number(nextOffset)),
      timestamps: inputs.map((message) => Number(message.timestamp)),
      records: result.records,
    });
    return true;
  }

  /** The handler's verdict; after repeated unexpected failures, one input at a time to dead-letter the culprit. */
  private async runHandler(partition: number, inputs: ConsumedMessage[]): Promise<BatchResult> {
    const state = this.failures.get(partition);
    const failuresHere = state && state.offset === inputs[0].offset ? state.handlerFailures : 0;
    if (failuresHere < this.deps.options.retry.poisonAttempts) return this.safeHandle(inputs);

    this.deps.emit('isolating', {
      partition,
      offset: inputs[0].offset,
      size: inputs.length,
      reason: 'handler failed repeatedly',
    });
    const records: ProducedRecord[] = [];
    for (const input of inputs) {
      const single = await this.safeHandle([input]);
      if (single.kind === 'transient') return single;
      if (single.kind === 'processed') {
        records.push(...single.records);
      } else {
        this.deps.emit('poison', { partition, offset: input.offset, reason: single.message });
        records.push(this.deps.options.deadLetterFor(input, single.message));
      }
    }
    return { kind: 'processed', records };
  }

  private async safeHandle(inputs: ConsumedMessage[]): Promise<BatchResult> {
    try {
      return await this.deps.handle(inputs);
    } catch (error) {
      return { kind: 'failed', message: describe(error) };
    }
  }

  private retryLater(payload: EachBatchPayload, offset: string, reason: string, transient: boolean): void {
    const partition = payload.batch.partition;
    const previous = this.failures.get(partition);
    const state: FailureState =
      previous && previous.offset === offset ? previous : { offset, attempts: 0, handlerFailures: 0 };
    state.attempts += 1;
    if (!transient) state.handlerFailures += 1;
    this.failures.set(partition, state);
    const delayMs = backoffDelay(this.deps.options.retry, state.attempts);
    this.deps.emit('retrying', { partition, offset, attempt: state.attempts, delayMs, reason, transient });
    const resume = payload.pause();
    this.deps.resumeLater(resume, delayMs);
  }
}

function toConsumed(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    // A header repeated by the producer arrives as an array: the last value wins, as with HTTP-style lookups.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) headers[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return {
    value: message.value,
    key: message.key === null ? null : message.key.toString('utf8'),
    headers,
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
