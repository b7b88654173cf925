import { type DynamicModule, Module } from '@nestjs/common';
import type { WorkerConfig } from '@news/config';
import { LoggerModule } from 'nestjs-pino';
import { IngestMetrics, ObservabilityModule, READINESS_SOURCE, type ReadinessSource } from './observability';
import type { TransportTelemetry } from './transport-telemetry';

export interface WorkerModuleOptions {
  config: WorkerConfig;
  metrics: IngestMetrics;
  /** The consumer's telemetry, listening since before the consumer started: the readiness answer. */
  telemetry: TransportTelemetry;
  /** Answers true when the dedup store's backend is reachable; only for a remote store (Redis). */
  dedupStoreReachable?: () => Promise<boolean>;
}

/**
 * The worker's HTTP side (metrics, health, status), built by main.ts from the validated configuration once the
 * consumer runs: the instances it reports on come in as values, so nothing here reads the environment.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    const { config, telemetry } = options;
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
      providers: [
        {
          provide: READINESS_SOURCE,
          useValue: {
            kafka: () => telemetry.kafka(),
            live: () => telemetry.live(),
            ...(options.dedupStoreReachable ? { redis: options.dedupStoreReachable } : {}),
          } satisfies ReadinessSource,
        },
      ],
    };
  }
}
