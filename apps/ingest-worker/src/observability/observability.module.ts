import { hostname } from 'node:os';
import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { IngestMetrics, type IngestMetricsOptions } from './ingest-metrics';
import { MetricsController } from './metrics.controller';
import { STATUS_INSTANCE, StatusController } from './status.controller';

export interface ObservabilityOptions {
  /** An existing instance (the worker may create it before Nest starts); otherwise one is made. */
  metrics?: IngestMetrics;
  /** Used only when `metrics` is not given. */
  metricsOptions?: IngestMetricsOptions;
  /** Shown on the status page; defaults to the host name (the pod name in Kubernetes). */
  instance?: string;
}

/**
 * HTTP side of the worker: GET /metrics, /health/live, /health/ready, / and /status (page), /status.json.
 * Global so the worker injects IngestMetrics anywhere; the worker provides READINESS_SOURCE.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions = {}): DynamicModule {
    const metrics = options.metrics ?? new IngestMetrics(options.metricsOptions);
    return {
      module: ObservabilityModule,
      global: true,
      // Failed probes are expected while a broker restarts; the worker logs the cause once, not every 5 s.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [MetricsController, HealthController, StatusController],
      providers: [
        { provide: IngestMetrics, useValue: metrics },
        { provide: STATUS_INSTANCE, useValue: options.instance ?? hostname() },
      ],
      exports: [IngestMetrics],
    };
  }
}
