/**
 * Exponential backoff with "full jitter": the delay is drawn uniformly below an exponentially growing cap,
 * so that many partitions (or many workers) retrying against the same broken dependency spread out instead
 * of hammering it in lockstep.
 */
export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  // Never below half the initial delay: a zero delay would turn a retry loop into a busy loop.
  const floor = Math.min(cap, policy.initialDelayMs / 2);
  return Math.round(floor + random() * (cap - floor));
}
