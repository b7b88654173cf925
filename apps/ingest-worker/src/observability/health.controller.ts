import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { eventLoopCheck, kafkaCheck, redisCheck, type CheckResult } from './health-checks';
import { READINESS_SOURCE, type ReadinessSource } from './readiness-source';

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
    return this.health.check([async () => this.answer('eventLoop', await eventLoopCheck(this.source()))]);
  }

  /** Ready when Kafka is connected and the group joined, and Redis answers when it is configured. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const source = this.source();
    return this.health.check([
      () => this.answer('kafka', kafkaCheck(source)),
      async () => this.answer('redis', await redisCheck(source)),
    ]);
  }

  private answer(key: string, { up, data }: CheckResult) {
    const check = this.indicators.check(key);
    return up ? check.up(data) : check.down(data);
  }

  private source(): ReadinessSource | undefined {
    try {
      return this.moduleRef.get<ReadinessSource>(READINESS_SOURCE, { strict: false });
    } catch {
      return undefined;
    }
  }
}
