export { ConfigError, EnvReader, type Env } from './env-reader';
