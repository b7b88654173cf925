import Module from 'node:module';
import { filterAbortedMessages, type FetchedMessage } from './filter-aborted-messages';

/**
 * kafkajs 2.2.4 hands read_committed consumers records of aborted transactions when aborted transactions overlap
 * (see ./filter-aborted-messages.ts). The worker fences and aborts transactions routinely (restarts,
 * rebalances), so its own outputs produce exactly that overlap, and every kafkajs reader of them (the worker's
 * consumer of the raw topic, `dlq inspect/replay`, the tests, the consumer package) needs the fix.
 *
 * installReadCommittedFilter puts the fix in place of kafkajs' module before kafkajs loads it;
 * assertReadCommittedFilter checks, through a real kafkajs Batch, that the kafkajs this process runs filters
 * correctly, so that a process where the fix could not be installed refuses to start instead of duplicating.
 *
 * Relative imports only and kafkajs resolved lazily: the consumer package compiles this file into its own build
 * and installs the fix in a downstream process before that process loads kafkajs.
 */

const FILTER_MODULE = 'kafkajs/src/consumer/filterAbortedMessages.js';
const BATCH_MODULE = 'kafkajs/src/consumer/batch.js';

export class ReadCommittedFilterError extends Error {
  override readonly name = 'ReadCommittedFilterError';
}

export type FilterInstall =
  /** The fix is now kafkajs' filter module. */
  | 'installed'
  /** An earlier call (or another copy of this file) installed it already. */
  | 'already-installed'
  /** The module registry ignores require.cache (jest): jest.config.js maps the fix in itself. */
  | 'registry-not-writable';

/**
 * Makes the fix kafkajs' read_committed filter. Throws ReadCommittedFilterError when kafkajs' consumer Batch has
 * already loaded another filter (it holds the function it loaded): install before the first `require('kafkajs')`.
 */
export function installReadCommittedFilter(): FilterInstall {
  const target = require.resolve(FILTER_MODULE);
  if (isOurFilter(require.cache[target]?.exports)) return 'already-installed';
  if (require.cache[require.resolve(BATCH_MODULE)]) {
    throw new ReadCommittedFilterError(
      'kafkajs was loaded before its read_committed filter fix was installed; import kafkajs through ' +
        '@news/kafkajs (or call installReadCommittedFilter before the first require of kafkajs)',
    );
  }
  const replacement = new Module(target);
  replacement.filename = target;
  replacement.loaded = true;
  replacement.exports = filterAbortedMessages;
  require.cache[target] = replacement;
  return isOurFilter(require.cache[target]?.exports) ? 'installed' : 'registry-not-writable';
}

function isOurFilter(exports: unknown): boolean {
  // Compared by name as well as identity: a second compiled copy of this file (the consumer package) is ours too.
  return (
    exports === filterAbortedMessages ||
    (typeof exports === 'function' && exports.name === filterAbortedMessages.name)
  );
}

interface BatchClass {
  new (
    topic: string,
    fetchedOffset: string,
    partitionData: {
      partition: number;
      highWatermark: string;
      messages: FetchedMessage[];
      abortedTransactions: { producerId: string; firstOffset: string }[];
    },
  ): { messages: FetchedMessage[] };
}

const ABORT_KEY = Buffer.from([0, 0, 0, 0]);

/**
 * Throws ReadCommittedFilterError when the kafkajs this process loads would deliver records of aborted
 * transactions. The check goes through kafkajs' own consumer Batch, so it tests the filter kafkajs really calls.
 */
export function assertReadCommittedFilter(batchClass: BatchClass = loadedBatchClass()): void {
  const record = (offset: number, producerId: string, abortMarker = false): FetchedMessage => ({
    offset: String(offset),
    key: abortMarker ? ABORT_KEY : null,
    isControlRecord: abortMarker,
    batchContext: { producerId, inTransaction: true },
  });
  // Producer 2's transaction began first but was aborted last: the broker lists it second.
  const batch = new batchClass('read-committed-self-test', '10', {
    partition: 0,
    highWatermark: '14',
    messages: [record(10, '2'), record(11, '1'), record(12, '1', true), record(13, '2', true)],
    abortedTransactions: [
      { producerId: '1', firstOffset: '11' },
      { producerId: '2', firstOffset: '10' },
    ],
  });
  if (batch.messages.length > 0) {
    throw new ReadCommittedFilterError(
      'the kafkajs loaded here delivers records of aborted transactions to read_committed consumers: ' +
        'its filter fix is not installed (kafkajs must be imported through @news/kafkajs, libs/kafkajs/README.md)',
    );
  }
}

function loadedBatchClass(): BatchClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal kafkajs module, on purpose
  return require(BATCH_MODULE) as BatchClass;
}
