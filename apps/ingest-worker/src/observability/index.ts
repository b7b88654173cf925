export {
  IngestMetrics,
  METRIC,
  OUTCOMES,
  type Outcome,
  type IngestMetricsOptions,
  type StatusSnapshot,
  type PartitionLag,
} from './ingest-metrics';
export { ObservabilityModule, type ObservabilityOptions } from './observability.module';
export { READINESS_SOURCE, type ReadinessSource, type KafkaReadiness } from './readiness-source';
export type { StatusDocument } from './status.controller';
export { MeasuredDedupStore } from './measured-dedup-store';
