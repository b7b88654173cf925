import type {
  DeadLetter,
  DuplicateNotice,
  EnrichedArticle,
  ErrorCode,
  OutputRecord,
  PipelineStage,
} from '@news/contracts';

// The envelope and record shapes live in @news/contracts (the transport shares them); re-exported so the
// pipeline's own modules and its users keep one import for everything a pipeline call takes and gives.
export type { OutputRecord, RawEnvelope } from '@news/contracts';

export type PipelineOutcome =
  | { kind: 'enriched'; record: OutputRecord; event: EnrichedArticle }
  | { kind: 'duplicate'; record: OutputRecord; event: DuplicateNotice }
  | { kind: 'rejected'; record: OutputRecord; event: DeadLetter; code: ErrorCode };

export type OutcomeKind = PipelineOutcome['kind'];

/** Receives stage timings; the worker turns them into latency histograms. */
export interface StageObserver {
  observe(stage: PipelineStage, seconds: number, count: number): void;
}
