/**
 * kafkajs 2.2.4 hands read_committed consumers records of aborted transactions when aborted transactions overlap
 * (it expects the broker's list sorted by first offset; the broker sorts it by abort order). The worker fences and
 * aborts transactions routinely (restarts, rebalances), so its own outputs produce exactly that overlap.
 * `npm install` replaces the filter (tools/patch-kafkajs.js); this module checks, at start-up, that the installed
 * kafkajs filters correctly, so that a build that skipped install scripts fails loudly instead of duplicating.
 */

interface FilterInput {
  messages: FilterMessage[];
  abortedTransactions: { producerId: string; firstOffset: string }[];
}
interface FilterMessage {
  offset: string;
  key: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}
type AbortedFilter = (input: FilterInput) => FilterMessage[];

const ABORT_KEY = Buffer.from([0, 0, 0, 0]);

export class ReadCommittedFilterError extends Error {
  override readonly name = 'ReadCommittedFilterError';
}

/** Records a read_committed kafkajs consumer keeps from the given fetch (control records included). */
export function installedAbortedFilter(): AbortedFilter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal kafkajs module, on purpose
  return require('kafkajs/src/consumer/filterAbortedMessages') as AbortedFilter;
}

/** Throws ReadCommittedFilterError when the installed kafkajs would deliver records of aborted transactions. */
export function assertReadCommittedFilter(filter: AbortedFilter = installedAbortedFilter()): void {
  const record = (offset: number, producerId: string, abortMarker = false): FilterMessage => ({
    offset: String(offset),
    key: abortMarker ? ABORT_KEY : null,
    isControlRecord: abortMarker,
    batchContext: { producerId, inTransaction: true },
  });
  // Producer 2's transaction began first but was aborted last: the broker lists it second.
  const kept = filter({
    messages: [record(10, '2'), record(11, '1'), record(12, '1', true), record(13, '2', true)],
    abortedTransactions: [
      { producerId: '1', firstOffset: '11' },
      { producerId: '2', firstOffset: '10' },
    ],
  });
  if (kept.some((message) => !message.isControlRecord)) {
    throw new ReadCommittedFilterError(
      'the installed kafkajs delivers records of aborted transactions to read_committed consumers; ' +
        'run `node tools/patch-kafkajs.js` (npm install runs it as postinstall) before starting',
    );
  }
}
