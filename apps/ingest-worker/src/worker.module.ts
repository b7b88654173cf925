import { type DynamicModule, Module } from '@nestjs/common';
import type { WorkerConfig } from '@news/config';
import { LoggerModule } from 'nestjs-pino';
import { IngestMetrics, ObservabilityModule, READINESS_SOURCE, type ReadinessSource } from './observability';

export interface WorkerModuleOptions {
  config: WorkerConfig;
  metrics: IngestMetrics;
  /**
   * The readiness answer: the consumer's telemetry (listening since before the consumer started) and, for a
   * remote dedup store, whether it answers. The early health server answers from the same source.
   */
  readiness: ReadinessSource;
}

/**
 * The worker's HTTP side (metrics, health, status), built by main.ts from the validated configuration once the
 * consumer runs: the instances it reports on come in as values, so nothing here reads the environment.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    const { config, readiness } = options;
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: false,
            base: { instance: config.instanceId },
            redact: {
              paths: ['*.password', '*.sasl', 'req.headers.authorization', '*.redisUrl'],
              censor: '***',
            },
            transport: config.logPretty
              ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
              : undefined,
          },
        }),
        ObservabilityModule.forRoot({ metrics: options.metrics, instance: config.instanceId }),
      ],
      providers: [{ provide: READINESS_SOURCE, useValue: readiness }],
    };
  }
}
