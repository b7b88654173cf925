export { ConfigError, type Env } from '@news/env';
export {
  DEDUP_STORES,
  LOG_LEVELS,
  describeWorkerConfig,
  loadWorkerConfig,
  type DedupStoreKind,
  type LogLevel,
  type TopicSettings,
  type WorkerConfig,
} from './worker-config';
