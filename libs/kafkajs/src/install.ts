import { installInt32Murmur2, type Murmur2Source } from './int32-murmur2';
import { installNativeCrc32c, type Crc32cSource } from './native-crc32c';
import { installPooledEncoder, type EncoderSource } from './pooled-encoder';
import { installReadCommittedFilter, type FilterInstall } from './read-committed-filter';

/** What of kafkajs this process runs (the worker logs it at start-up). */
export interface KafkajsFixes {
  readCommittedFilter: FilterInstall;
  crc32c: Crc32cSource;
  encoder: EncoderSource;
  murmur2: Murmur2Source;
}

export interface KafkajsFixOptions {
  /** 'kafkajs' keeps kafkajs' own Encoder (KAFKAJS_ENCODER=kafkajs: an escape hatch and a benchmark baseline). */
  encoder?: EncoderSource;
}

/**
 * Installs the four replacements into kafkajs' module slots. They only take effect when kafkajs has not been
 * loaded yet, which is why nothing in this project imports kafkajs except through @news/kafkajs (lint enforces
 * it). Idempotent: a second call reports what the first installed. Throws ReadCommittedFilterError when kafkajs
 * is already loaded with its own read_committed filter.
 */
export function installKafkajsFixes(options: KafkajsFixOptions = {}): KafkajsFixes {
  const readCommittedFilter = installReadCommittedFilter();
  const crc32c = installNativeCrc32c();
  const encoder = options.encoder === 'kafkajs' ? 'kafkajs' : installPooledEncoder();
  const murmur2 = installInt32Murmur2();
  return { readCommittedFilter, crc32c, encoder, murmur2 };
}
