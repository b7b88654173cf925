import { TransientError, isTransientError } from '@news/contracts';

/**
 * An error crossing the thread boundary (either way): structured clone keeps neither an Error's class nor its
 * own fields, so what the other side needs travels as data: the message, and whether a retry may succeed (the
 * transport retries a transient failure later and never dead-letters it).
 */
export interface WireError {
  message: string;
  transient: boolean;
}

/** The wire form of anything thrown: an Error's message, or the thrown value as text. */
export function encodeWireError(error: unknown): WireError {
  return {
    message: error instanceof Error ? error.message : String(error),
    transient: isTransientError(error),
  };
}

/**
 * The error to throw on the receiving side: a TransientError when a retry may succeed, a plain Error otherwise.
 * A value of another shape (a peer of another version, a corrupted message) becomes a plain Error that says so,
 * never a transient one: retrying what cannot be understood would retry forever.
 */
export function decodeWireError(wire: unknown): Error {
  if (typeof wire !== 'object' || wire === null || typeof (wire as WireError).message !== 'string')
    return new Error(`malformed error from a pipeline thread: ${describe(wire)}`);
  const { message, transient } = wire as WireError;
  return transient === true ? new TransientError(message) : new Error(message);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
