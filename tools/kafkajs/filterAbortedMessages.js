// news-ingest: read_committed filter for kafkajs 2.2.4 (installed over kafkajs/src/consumer/filterAbortedMessages.js
// by tools/patch-kafkajs.js; see that file for why).
'use strict';

const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]); // control record key: version 0, type 0 (ABORT)

const isAbortMarker = (message) =>
  Boolean(message.isControlRecord) &&
  message.key != null &&
  Buffer.from(message.key).equals(ABORT_MARKER_KEY);

const compareOffsets = (a, b) => {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
};

/**
 * Drops the records of aborted transactions from one partition's fetched messages (in offset order).
 *
 * The broker lists the aborted transactions that overlap the fetched range in the order they were aborted, not in
 * the order they began, and several may have begun before the first fetched record. So: sort them by first
 * offset, and before each record activate every aborted transaction that began at or before it; a producer's
 * records are dropped from there until its ABORT marker.
 */
module.exports = ({ messages, abortedTransactions }) => {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;

  const pending = [...abortedTransactions].sort((a, b) => compareOffsets(a.firstOffset, b.firstOffset));
  const aborting = new Set();
  let next = 0;

  return messages.filter((message) => {
    while (next < pending.length && compareOffsets(pending[next].firstOffset, message.offset) <= 0) {
      aborting.add(String(pending[next].producerId));
      next += 1;
    }
    const { producerId, inTransaction } = message.batchContext || {};
    const producer = String(producerId);
    if (isAbortMarker(message)) {
      aborting.delete(producer);
      return true; // control records are dropped by the caller
    }
    return !(inTransaction && aborting.has(producer));
  });
};
