// kafkajs as a news-ingest subscriber needs it: the read_committed filter fix is put in place of kafkajs' own
// (libs/kafkajs/src/read-committed-filter.ts), and only then is kafkajs loaded. Everything in this package takes
// kafkajs' values from here. The producer-side replacements of libs/kafkajs (encoder, CRC-32C) are left out: a
// subscriber only reads.
import { installReadCommittedFilter, type FilterInstall } from '@news/kafkajs/read-committed-filter';

/**
 * What installing the fix did, or why it could not (kafkajs was loaded before this package): the subscriber
 * reports it when it refuses to start; importing this package never throws.
 */
export const READ_COMMITTED_INSTALL: FilterInstall | Error = (() => {
  try {
    return installReadCommittedFilter();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
})();

export * from 'kafkajs';
