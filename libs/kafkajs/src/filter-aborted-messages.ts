/**
 * The read_committed filter kafkajs 2.2.4 should have: drops the records of aborted transactions from one
 * partition's fetched messages (in offset order). kafkajs calls it from `consumer/batch.js` as the whole module
 * (`filterAbortedMessages({ messages, abortedTransactions })`), so the installer puts this function itself in place
 * of that module's exports.
 *
 * kafkajs' own version assumes the broker lists the aborted transactions in the order they began and activates at
 * most one per record. The broker lists the ones overlapping the fetched range in the order they were aborted, and
 * several may have begun before the first fetched record: when a fenced writer's transaction is aborted after
 * another producer's, kafkajs hands read_committed readers records of the aborted one. So: sort them by first
 * offset, and before each record activate every aborted transaction that began at or before it; a producer's
 * records are dropped from there until its ABORT marker.
 *
 * No imports, on purpose: the consumer package compiles this file into its own build.
 */

export interface FetchedMessage {
  offset: string;
  key: Buffer | Uint8Array | null;
  isControlRecord?: boolean;
  batchContext?: { producerId: string | number; inTransaction: boolean };
}

export interface AbortedTransaction {
  producerId: string | number;
  firstOffset: string;
}

export interface FilterInput<M extends FetchedMessage> {
  messages: M[];
  abortedTransactions?: AbortedTransaction[] | null;
}

/** Control record key of an ABORT marker: version 0, type 0. */
const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);

function isAbortMarker(message: FetchedMessage): boolean {
  return (
    Boolean(message.isControlRecord) &&
    message.key != null &&
    Buffer.from(message.key).equals(ABORT_MARKER_KEY)
  );
}

function compareOffsets(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Keeps the committed and non-transactional records and every control record (kafkajs drops those itself). */
export function filterAbortedMessages<M extends FetchedMessage>({
  messages,
  abortedTransactions,
}: FilterInput<M>): M[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;

  const pending = [...abortedTransactions].sort((a, b) => compareOffsets(a.firstOffset, b.firstOffset));
  const aborting = new Set<string>();
  let next = 0;

  return messages.filter((message) => {
    while (next < pending.length && compareOffsets(pending[next].firstOffset, message.offset) <= 0) {
      aborting.add(String(pending[next].producerId));
      next += 1;
    }
    const producer = String(message.batchContext?.producerId);
    if (isAbortMarker(message)) {
      aborting.delete(producer);
      return true;
    }
    return !(message.batchContext?.inTransaction && aborting.has(producer));
  });
}
