/**
 * What the health endpoints ask the worker. The worker implements it and provides it under
 * READINESS_SOURCE anywhere in its module tree; the observability module looks it up lazily so that
 * neither module imports the other.
 */
export interface KafkaReadiness {
  /** Producer and consumer hold broker connections. */
  connected: boolean;
  /** The consumer is a member of its group with an assignment (possibly empty). */
  groupJoined: boolean;
  /** Optional human detail shown in the readiness body, e.g. "rebalancing". */
  detail?: string;
}

export interface ReadinessSource {
  kafka(): KafkaReadiness;
  /** Present only when the Redis dedup store is configured: resolves true when Redis answers PING. */
  redis?(): Promise<boolean>;
  /**
   * Liveness beyond "the event loop answers": return false only when the process cannot recover by
   * itself (for instance a consumer that crashed and will not be restarted), so Kubernetes restarts it.
   */
  live?(): boolean;
}

export const READINESS_SOURCE = Symbol.for('news-ingest.ReadinessSource');
