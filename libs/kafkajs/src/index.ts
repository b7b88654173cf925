// kafkajs as this project needs it (README.md). The first export installs the fixes into kafkajs' module slots;
// only then is kafkajs loaded (the second): import kafkajs' values from here, never from 'kafkajs' itself.
export { KAFKAJS_FIXES } from './installed';
export * from 'kafkajs';

export { installKafkajsFixes, type KafkajsFixes, type KafkajsFixOptions } from './install';
export {
  assertReadCommittedFilter,
  installReadCommittedFilter,
  ReadCommittedFilterError,
  type FilterInstall,
} from './read-committed-filter';
export { filterAbortedMessages } from './filter-aborted-messages';
export type { Crc32cSource } from './native-crc32c';
export type { EncoderSource } from './pooled-encoder';
export type { Murmur2Source } from './int32-murmur2';
