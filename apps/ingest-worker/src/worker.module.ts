import { type DynamicModule, Module } from '@nestjs/common';
import type { WorkerConfig } from '@news/config';
import type { KafkaBatchTransport } from '@news/kafka';
import type { BatchPipeline } from '@news/pipeline';
import { LoggerModule } from 'nestjs-pino';
import { IngestController } from './ingest.controller';
import { IngestMetrics, ObservabilityModule, READINESS_SOURCE, type ReadinessSource } from './observability';
import { TransportTelemetry } from './transport-telemetry';
import { ARTICLE_PIPELINE, BATCH_TRANSPORT } from './worker.tokens';

export interface WorkerModuleOptions {
  config: WorkerConfig;
  transport: KafkaBatchTransport;
  pipeline: BatchPipeline;
  metrics: IngestMetrics;
  /** Answers true when the dedup store's backend is reachable; only for a remote store (Redis). */
  dedupStoreReachable?: () => Promise<boolean>;
}

/**
 * The worker's wiring, built by main.ts from the validated configuration: the instances that must exist
 * before Nest starts (transport, pipeline, metrics) come in as values, so nothing here reads the environment.
 * Only what a provider here injects is provided.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    const { config } = options;
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
      controllers: [IngestController],
      providers: [
        { provide: ARTICLE_PIPELINE, useValue: options.pipeline },
        { provide: BATCH_TRANSPORT, useValue: options.transport },
        TransportTelemetry,
        {
          provide: READINESS_SOURCE,
          inject: [TransportTelemetry],
          useFactory: (telemetry: TransportTelemetry): ReadinessSource => ({
            kafka: () => telemetry.kafka(),
            live: () => telemetry.live(),
            ...(options.dedupStoreReachable ? { redis: options.dedupStoreReachable } : {}),
          }),
        },
      ],
    };
  }
}
