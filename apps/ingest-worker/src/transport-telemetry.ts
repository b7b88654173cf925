import { HEADERS } from '@news/contracts';
import type { BatchTransportEvents, CommittedSlice } from '@news/kafka';
import type { Logger } from 'pino';
import type { IngestMetrics } from './observability/ingest-metrics';
import type { KafkaReadiness, ReadinessSource } from './observability/readiness-source';

/** What the telemetry listens to: the worker's consumer (KafkaBatchConsumer), or the Nest transport around it. */
export interface TransportEventSource {
  on<K extends keyof BatchTransportEvents>(event: K, listener: BatchTransportEvents[K]): unknown;
}

const OUTCOME_OF_EVENT_TYPE = {
  enriched: 'enriched',
  duplicate: 'duplicate',
  'dead-letter': 'rejected',
} as const;

/**
 * Turns what the transport reports into the operator's view: one log line per event worth acting on
 * (assignment, rebalance, retry, dead letter, crash), metrics counted only once a slice is committed (so that
 * consumed = enriched + duplicates + dead-lettered holds at every scrape), and the readiness answer. Built before
 * the consumer starts, so that the readiness answer has seen every event when the HTTP side comes up later.
 */
export class TransportTelemetry implements Pick<ReadinessSource, 'kafka' | 'live'> {
  private connected = false;
  private joined = false;
  private detail = 'starting';
  private fatal = false;

  constructor(
    transport: TransportEventSource,
    private readonly metrics: IngestMetrics,
    private readonly logger: Logger,
  ) {
    transport.on('connected', () => {
      this.connected = true;
      this.logger.info('consumer running');
    });
    transport.on('assigned', (partitions) => {
      // An assignment comes from a live group session, also after a consumer was restarted following a crash.
      this.connected = true;
      this.joined = true;
      this.detail = 'consuming';
      this.logger.info({ partitions }, `partitions assigned: ${partitions.join(',') || 'none'}`);
    });
    transport.on('rebalancing', () => {
      this.joined = false;
      this.detail = 'rebalancing';
      this.metrics.rebalanced();
      this.logger.info('group rebalancing');
    });
    transport.on('committed', (slice) => this.onCommitted(slice));
    transport.on('retrying', (info) => {
      this.metrics.retried(info.transient ? 'transient' : 'handler-failure');
      this.logger.warn(
        { partition: info.partition, offset: info.offset, attempt: info.attempt, delayMs: info.delayMs },
        `slice retried later: ${info.reason}`,
      );
    });
    transport.on('isolating', (info) =>
      this.logger.warn(info, 'slice keeps failing: processing its inputs one by one'),
    );
    transport.on('poison', (info) =>
      this.logger.error(info, 'input makes the pipeline fail: dead-lettered as internal-error'),
    );
    transport.on('fenced', (info) => this.logger.warn(info, 'partition writer found newer committed state'));
    transport.on('crashed', ({ error, restarting }) => {
      // Not ready until a new consumer has connected and been assigned partitions again.
      this.connected = false;
      this.joined = false;
      this.detail = 'consumer crashed';
      this.logger.error({ err: error, restarting }, 'kafka consumer crashed');
    });
    transport.on('disconnected', () => {
      this.connected = false;
      this.joined = false;
      this.detail = 'stopped';
    });
    transport.on('fatal', () => {
      this.fatal = true;
    });
  }

  kafka(): KafkaReadiness {
    return { connected: this.connected, groupJoined: this.joined, detail: this.detail };
  }

  live(): boolean {
    return !this.fatal;
  }

  private onCommitted(slice: CommittedSlice): void {
    const now = Date.now();
    this.metrics.consumed(slice.topic, slice.inputs);
    this.metrics.observeBatch(slice.inputs);
    this.metrics.observeStage('publish', slice.publishSeconds, slice.inputs);
    this.metrics.setLag(slice.topic, slice.partition, slice.lag);
    this.metrics.committed(slice.records);
    for (const timestamp of slice.timestamps) {
      if (Number.isFinite(timestamp)) this.metrics.observeEndToEnd(Math.max(0, now - timestamp) / 1000);
    }
    const produced = new Map<string, { outcome: keyof typeof OUTCOME_OF_EVENT_TYPE; count: number }>();
    for (const record of slice.records) {
      const type = record.headers[HEADERS.eventType] as keyof typeof OUTCOME_OF_EVENT_TYPE;
      if (!(type in OUTCOME_OF_EVENT_TYPE)) continue;
      const key = `${record.topic}\u0000${type}`;
      const entry = produced.get(key) ?? { outcome: type, count: 0 };
      entry.count += 1;
      produced.set(key, entry);
      if (type === 'dead-letter') {
        const code = record.headers[HEADERS.errorCode] ?? 'unknown';
        this.metrics.deadLettered(code, 1);
        this.logger.info(
          {
            topic: slice.topic,
            partition: Number(record.headers[HEADERS.sourcePartition]),
            offset: record.headers[HEADERS.sourceOffset],
            code,
            traceId: record.headers[HEADERS.traceparent]?.split('-')[1],
          },
          `dead-lettered: ${code}`,
        );
      }
    }
    for (const [key, { outcome, count }] of produced)
      this.metrics.produced(key.split('\u0000')[0], OUTCOME_OF_EVENT_TYPE[outcome], count);
  }
}
