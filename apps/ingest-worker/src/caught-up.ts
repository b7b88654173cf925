import type { TransportEventSource } from './transport-telemetry';

/** What the watch needs of the consumer (KafkaBatchConsumer): its events, and whether a batch is in flight. */
export interface WatchedConsumer extends TransportEventSource {
  busy(): boolean;
}

/**
 * Calls `caughtUp` once after each burst of work, when the consumer has caught up: its last slice of every
 * partition left no lag, nothing is in flight, and nothing has committed for `quietMs`. The worker then lets its
 * pipeline threads give back the memory the burst grew (ThreadedPipeline.releaseMemory). Returns a stop function.
 */
export function onCaughtUp(
  consumer: WatchedConsumer,
  caughtUp: () => void,
  { quietMs = 1_000, pollMs = 250 }: { quietMs?: number; pollMs?: number } = {},
): () => void {
  const lags = new Map<number, number>();
  let lastCommit = 0;
  let pending = false;
  consumer.on('assigned', () => lags.clear());
  consumer.on('committed', (slice) => {
    lags.set(slice.partition, slice.lag);
    lastCommit = performance.now();
    pending = true;
  });
  const timer = setInterval(() => {
    if (!pending || consumer.busy() || performance.now() - lastCommit < quietMs) return;
    for (const lag of lags.values()) if (lag > 0) return;
    pending = false;
    caughtUp();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
