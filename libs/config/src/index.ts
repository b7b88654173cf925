export { type Env } from './env-reader';
export {
  ConfigError,
  DEDUP_STORES,
  LOG_LEVELS,
  describeWorkerConfig,
  loadWorkerConfig,
  type DedupStoreKind,
  type LogLevel,
  type TopicSettings,
  type WorkerConfig,
} from './worker-config';
