import type { DeadLetter, DuplicateNotice, EnrichedArticle, ErrorCode, PipelineStage } from '@news/contracts';

/** One input event as the transport hands it over: the payload plus where it came from. */
export interface RawEnvelope {
  value: Buffer | string | null;
  key: string | null;
  headers: Record<string, string>;
  topic: string;
  partition: number;
  offset: string;
  /** Broker timestamp (ms since epoch, as a string, the way kafkajs gives it). */
  timestamp?: string;
}

/** What the transport publishes for one input: exactly one record per input. */
export interface OutputRecord {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  value: string;
}

export type PipelineOutcome =
  | { kind: 'enriched'; record: OutputRecord; event: EnrichedArticle }
  | { kind: 'duplicate'; record: OutputRecord; event: DuplicateNotice }
  | { kind: 'rejected'; record: OutputRecord; event: DeadLetter; code: ErrorCode };

export type OutcomeKind = PipelineOutcome['kind'];

/** Receives stage timings; the worker turns them into latency histograms. */
export interface StageObserver {
  observe(stage: PipelineStage, seconds: number, count: number): void;
}
