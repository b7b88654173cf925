export { type Env } from './env-reader';
export {
  ConfigError,
  DEDUP_STORES,
  DELIVERY_MODES,
  LOG_LEVELS,
  describeWorkerConfig,
  loadWorkerConfig,
  type DedupStoreKind,
  type DeliveryMode,
  type LogLevel,
  type TopicSettings,
  type WorkerConfig,
} from './worker-config';
