import type { ErrorCode, PipelineStage } from './error-codes';

/**
 * A dependency failed in a way that may pass (broker unavailable, Redis down, timeout). The caller must
 * retry the whole unit of work later; such failures are never dead-lettered.
 */
export class TransientError extends Error {
  readonly retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** A permanent rejection of one input: it ends as a dead letter with this code. */
export class RejectionError extends Error {
  readonly retriable = false;
  constructor(
    readonly code: ErrorCode,
    readonly stage: PipelineStage,
    message: string,
  ) {
    super(message);
    this.name = 'RejectionError';
  }
}

export function isTransientError(error: unknown): error is TransientError {
  return (
    error instanceof TransientError ||
    (typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true)
  );
}
