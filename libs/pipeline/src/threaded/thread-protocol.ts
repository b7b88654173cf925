import { isTransientError, type PipelineStage, type TopicNames } from '@news/contracts';
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

export function toWireError(error: unknown): WireError {
  return {
    message: error instanceof Error ? error.message : String(error),
    transient: isTransientError(error),
  };
}

/**
 * An envelope on its way to a thread. Byte values travel packed in the batch's one transferred buffer: a kafkajs
 * value is a view into the whole fetch response, and structured clone would copy that whole response per message.
 */
export type WireEnvelope = Omit<RawEnvelope, 'value'> & {
  value: string | null;
  /** [start, end) of the value's bytes in the batch's `bytes` buffer, when the value was bytes. */
  bytesAt?: [number, number];
};

/** Main thread → pipeline thread. */
export type ToThread =
  | { type: 'batch'; id: number; batch: WireEnvelope[]; bytes: ArrayBuffer; observe: boolean }
  | { type: 'claimed'; id: number; verdicts?: DedupVerdict[]; error?: WireError };

/** Pipeline thread → main thread. */
export type FromThread =
  | { type: 'ready' }
  | { type: 'claim'; id: number; claims: ArticleClaim[]; policy: DedupPolicy }
  | {
      type: 'done';
      id: number;
      outcomes?: PublishableOutcome[];
      stages?: [PipelineStage, number, number][];
      error?: WireError;
    };
