import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { READINESS_SOURCE, type ReadinessSource } from './readiness-source';

// A Redis that does not answer within this bound counts as down: a probe must answer before its timeout.
const REDIS_TIMEOUT_MS = 1000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Alive when the event loop answers; a blocked loop never gets here and the probe times out. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      async () => {
        const check = this.indicators.check('eventLoop');
        const started = process.hrtime.bigint();
        await new Promise<void>((resolve) => setImmediate(resolve));
        const delayMs = Number(process.hrtime.bigint() - started) / 1e6;
        const source = this.source();
        if (source?.live && !source.live())
          return check.down({ delayMs, message: 'worker reports it cannot recover' });
        return check.up({ delayMs: Math.round(delayMs * 1000) / 1000 });
      },
    ]);
  }

  /** Ready when Kafka is connected and the group joined, and Redis answers when it is configured. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const source = this.source();
    return this.health.check([
      () => {
        const check = this.indicators.check('kafka');
        if (!source) return check.down({ message: 'no ReadinessSource provided by the worker' });
        const kafka = source.kafka();
        const data = {
          connected: kafka.connected,
          groupJoined: kafka.groupJoined,
          ...(kafka.detail ? { detail: kafka.detail } : {}),
        };
        return kafka.connected && kafka.groupJoined ? check.up(data) : check.down(data);
      },
      async () => {
        const check = this.indicators.check('redis');
        if (!source?.redis) return check.up({ configured: false });
        const reachable = await withTimeout(source.redis(), REDIS_TIMEOUT_MS);
        return reachable
          ? check.up({ configured: true })
          : check.down({ configured: true, message: 'no answer' });
      },
    ]);
  }

  private source(): ReadinessSource | undefined {
    try {
      return this.moduleRef.get<ReadinessSource>(READINESS_SOURCE, { strict: false });
    } catch {
      return undefined;
    }
  }
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
