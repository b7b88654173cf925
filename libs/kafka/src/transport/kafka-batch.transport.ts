import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import {
  RAW_BATCH_PATTERN,
  type BatchResult,
  type BatchTransportEvents,
  type BatchTransportOptions,
  type ConsumedMessage,
} from './batch-transport.types';
import { KafkaBatchConsumer, type ConsumerStatus } from './kafka-batch.consumer';

/** What a `@MessagePattern(RAW_BATCH_PATTERN)` handler receives as context: the batch's topic and partition. */
export class KafkaBatchContext extends BaseRpcContext<[string, number]> {
  get topic(): string {
    return this.args[0];
  }
  get partition(): number {
    return this.args[1];
  }
}

/**
 * KafkaBatchConsumer as a Nest transport strategy: each slice goes to the `@MessagePattern(RAW_BATCH_PATTERN)`
 * handler. Unlike the stock ServerKafka it consumes slices of batches, not single messages, and publishes
 * outputs and offsets in one transaction per slice (see KafkaBatchConsumer).
 */
export class KafkaBatchTransport
  extends Server<BatchTransportEvents, ConsumerStatus>
  implements CustomTransportStrategy
{
  private readonly consumer: KafkaBatchConsumer;

  constructor(options: BatchTransportOptions) {
    super();
    this.consumer = new KafkaBatchConsumer(
      options,
      (messages) => this.dispatch(messages),
      (status) => this._status$.next(status),
    );
  }

  listen(callback: (error?: unknown) => void): void {
    if (!this.getHandlerByPattern(RAW_BATCH_PATTERN)) {
      callback(
        new Error(`no handler for ${RAW_BATCH_PATTERN}: add a @MessagePattern(RAW_BATCH_PATTERN) method`),
      );
      return;
    }
    this.consumer.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  close(): Promise<void> {
    return this.consumer.close();
  }

  on<K extends keyof BatchTransportEvents, L extends BatchTransportEvents[K] = BatchTransportEvents[K]>(
    event: K,
    listener: L,
  ): this {
    this.consumer.on(event, listener);
    return this;
  }

  unwrap<T>(): T {
    return this.consumer.unwrap() as T;
  }

  /** Partitions of the input topic this instance holds since the last rebalance. */
  assignedPartitions(): readonly number[] {
    return this.consumer.assignedPartitions();
  }

  private async dispatch(messages: ConsumedMessage[]): Promise<BatchResult> {
    const handler = this.getHandlerByPattern(RAW_BATCH_PATTERN);
    if (!handler) return { kind: 'failed', message: `no handler for ${RAW_BATCH_PATTERN}` };
    const context = new KafkaBatchContext([messages[0].topic, messages[0].partition]);
    const result: unknown = await lastValueFrom(this.transformToObservable(await handler(messages, context)));
    if (!isBatchResult(result)) return { kind: 'failed', message: 'handler returned no BatchResult' };
    return result;
  }
}

function isBatchResult(value: unknown): value is BatchResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['processed', 'transient', 'failed'].includes((value as { kind?: string }).kind ?? '')
  );
}
