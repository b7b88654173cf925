import type { ReadinessSource } from './readiness-source';

/** One part of a health answer, as terminus reports it: up or down, with what was seen. */
export interface CheckResult {
  up: boolean;
  data: Record<string, unknown>;
}

// A Redis that does not answer within this bound counts as down: a probe must answer before its timeout.
const REDIS_TIMEOUT_MS = 1000;

/**
 * The checks behind GET /health/live and /health/ready, free of any framework: the Nest controller and the
 * bare server that answers before Nest has loaded (early-health.ts) give the same answers from them.
 */
export async function eventLoopCheck(source: ReadinessSource | undefined): Promise<CheckResult> {
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const delayMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (source?.live && !source.live())
    return { up: false, data: { delayMs, message: 'worker reports it cannot recover' } };
  return { up: true, data: { delayMs: Math.round(delayMs * 1000) / 1000 } };
}

/** Ready for Kafka: connected and a member of the group with an assignment. */
export function kafkaCheck(source: ReadinessSource | undefined): CheckResult {
  if (!source) return { up: false, data: { message: 'no ReadinessSource provided by the worker' } };
  const kafka = source.kafka();
  const data = {
    connected: kafka.connected,
    groupJoined: kafka.groupJoined,
    ...(kafka.detail ? { detail: kafka.detail } : {}),
  };
  return { up: kafka.connected && kafka.groupJoined, data };
}

/** Redis answers PING within REDIS_TIMEOUT_MS, when it is the dedup store; up and not configured otherwise. */
export async function redisCheck(source: ReadinessSource | undefined): Promise<CheckResult> {
  if (!source?.redis) return { up: true, data: { configured: false } };
  const reachable = await withTimeout(source.redis(), REDIS_TIMEOUT_MS);
  return reachable
    ? { up: true, data: { configured: true } }
    : { up: false, data: { configured: true, message: 'no answer' } };
}

async function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
