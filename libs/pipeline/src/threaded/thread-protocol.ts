import type { PipelineStage, TopicNames } from '@news/contracts';
import type { ArticleClaim, DedupPolicy, DedupVerdict } from '@news/dedup';
import type { PublishableOutcome } from '../batch-pipeline';
import type { RawEnvelope } from '../raw-envelope';

/** How a pipeline thread builds its ArticlePipeline (structured-clone safe: no functions, no store). */
export interface PipelineThreadOptions {
  topics?: TopicNames;
  maxPayloadBytes?: number;
  dedupWindowMs?: number;
}

/** An error crossing the thread boundary: its message, and whether a retry may succeed. */
export interface WireError {
  message: string;
  transient: boolean;
}

/** Main thread → pipeline thread. */
export type ToThread =
  | { type: 'batch'; id: number; batch: RawEnvelope[]; observe: boolean }
  | { type: 'claimed'; id: number; verdicts?: DedupVerdict[]; size?: number; error?: WireError };

/** Pipeline thread → main thread. */
export type FromThread =
  | { type: 'ready' }
  | { type: 'claim'; id: number; claims: ArticleClaim[]; policy: DedupPolicy }
  | { type: 'size'; id: number }
  | {
      type: 'done';
      id: number;
      outcomes?: PublishableOutcome[];
      stages?: [PipelineStage, number, number][];
      error?: WireError;
    };
