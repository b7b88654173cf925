import type { OutputRecord, RawEnvelope } from '@news/contracts';
import type { CompressionTypes, Kafka } from 'kafkajs';

/**
 * The message pattern under which the transport hands a batch of one partition to the application.
 * The handler (a `@MessagePattern(RAW_BATCH_PATTERN)` method) returns a BatchResult as a value: Nest's RPC
 * exception layer would turn a thrown error into an anonymous object, and the transport must tell transient
 * failures (retry later) from bugs (poison isolation) apart.
 */
export const RAW_BATCH_PATTERN = 'news.raw-batch';

/** One consumed input: the shared RawEnvelope as Kafka delivers it (bytes or no value at all). */
export type ConsumedMessage = RawEnvelope & { value: Buffer | null };

/** One record to publish: exactly what the pipeline produces (the shared OutputRecord). */
export type ProducedRecord = OutputRecord;

export type BatchResult =
  /** Every input has its outputs; they are published with the input offsets. */
  | { kind: 'processed'; records: ProducedRecord[] }
  /** A dependency is down (Redis, a timeout): retry the same inputs after a backoff, never dead-letter. */
  | { kind: 'transient'; message: string }
  /** The handler itself failed unexpectedly: retried a few times, then the batch is split to isolate the culprit. */
  | { kind: 'failed'; message: string };

export const DELIVERY_MODES = ['exactly-once', 'at-least-once'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/**
 * State that must be committed with a partition's outputs (a state store's changelog): its records join the
 * partition's transaction, and it learns how the transaction ended. Exactly-once only.
 */
export interface TransactionJournal {
  /** Records to add to the partition's open transaction; may wait (ordering); a rejection aborts the slice. */
  recordsFor(partition: number): Promise<ProducedRecord[]>;
  committed(partition: number): void;
  aborted(partition: number): void;
}

export interface ConsumerSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  maxBytesPerPartition: number;
  maxBytes: number;
  maxWaitTimeMs: number;
  /** Largest slice of a fetched batch that goes through the pipeline and one transaction. */
  batchMaxMessages: number;
  /** Partitions processed at the same time; order inside a partition is always kept. */
  partitionConcurrency: number;
}

export interface RetrySettings {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Attempts of a batch whose processing throws unexpectedly before it is split to find the poison message. */
  poisonAttempts: number;
}

export interface BatchTransportOptions extends ConsumerSettings {
  kafka: Kafka;
  groupId: string;
  topic: string;
  deliveryMode: DeliveryMode;
  /** kafkajs compression of the produced batches (None when absent); its codec must be registered. */
  compression?: CompressionTypes;
  /** Per-partition transactional ids are `${prefix}.${topic}.${partition}` (docs/worker.md explains why). */
  transactionalIdPrefix: string;
  transactionTimeoutMs: number;
  /** State committed with every slice (the in-memory dedup index's changelog); exactly-once only. */
  journal?: TransactionJournal;
  retry: RetrySettings;
  /** Consumer restarts after a non-retriable crash before the transport gives up and reports `fatal`. */
  maxRestarts?: number;
  /** The output for an input that made the handler fail on its own (poison): a dead letter with internal-error. */
  deadLetterFor(message: ConsumedMessage, reason: string): ProducedRecord;
}

/** What the transport reports, for logs, metrics and health; listeners must not throw. */
export type BatchTransportEvents = {
  /** Joined the group with this assignment (partitions of the input topic). */
  assigned: (partitions: number[]) => void;
  rebalancing: () => void;
  /** One slice of a batch is published and its offsets committed. */
  committed: (info: CommittedSlice) => void;
  /** A slice will be retried after `delayMs`; the partition is paused meanwhile. */
  retrying: (info: {
    partition: number;
    offset: string;
    attempt: number;
    delayMs: number;
    reason: string;
    transient: boolean;
  }) => void;
  /** The handler kept failing on a slice: it is now processed one input at a time. */
  isolating: (info: { partition: number; offset: string; size: number; reason: string }) => void;
  poison: (info: { partition: number; offset: string; reason: string }) => void;
  /** A writer found another owner's fence or committed offsets: zombie protection at work. */
  fenced: (info: { partition: number; reason: string }) => void;
  connected: () => void;
  disconnected: () => void;
  crashed: (info: { error: Error; restarting: boolean }) => void;
  /** The transport cannot recover by itself: the process should exit non-zero so the orchestrator restarts it. */
  fatal: (error: Error) => void;
};

export interface CommittedSlice {
  topic: string;
  partition: number;
  firstOffset: string;
  nextOffset: string;
  inputs: number;
  outputs: number;
  /** Whole slice, from fetch hand-over to commit. */
  seconds: number;
  /** The publish part: sending outputs, offsets and the commit. */
  publishSeconds: number;
  /** Messages between this slice and the partition's high watermark. */
  lag: number;
  /** Broker timestamps (ms) of the inputs, for end-to-end latency. */
  timestamps: number[];
  /** What was published (outcome kinds are in the records' headers). */
  records: ProducedRecord[];
}
