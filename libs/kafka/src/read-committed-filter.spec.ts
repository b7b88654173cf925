import {
  assertReadCommittedFilter,
  installedAbortedFilter,
  ReadCommittedFilterError,
} from './read-committed-filter';

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);

interface Fetched {
  offset: string;
  key: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

const data = (offset: number, producerId: string, inTransaction = true): Fetched => ({
  offset: String(offset),
  key: null,
  isControlRecord: false,
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string, key: Buffer): Fetched => ({
  offset: String(offset),
  key,
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});

/** Offsets of the data records a read_committed consumer is handed. */
function delivered(
  messages: Fetched[],
  abortedTransactions: { producerId: string; firstOffset: string }[],
): string[] {
  return installedAbortedFilter()({ messages, abortedTransactions })
    .filter((message) => !message.isControlRecord)
    .map((message) => message.offset);
}

describe('kafkajs read_committed filter (installed by tools/patch-kafkajs.js)', () => {
  it('drops an aborted transaction that began before another one aborted earlier (broker lists abort order)', () => {
    // What a fence produces: the zombie's transaction (producer 9) spans another producer's aborted one.
    const messages = [
      data(262, '9'),
      data(263, '9'),
      data(268, '6'),
      marker(270, '6', ABORT),
      data(271, '7'),
      marker(272, '7', COMMIT),
      marker(358, '9', ABORT),
      data(359, '9'),
    ];
    const aborted = [
      { producerId: '6', firstOffset: '268' },
      { producerId: '9', firstOffset: '262' },
    ];
    expect(delivered(messages, aborted)).toEqual(['271', '359']);
  });

  it('drops every aborted transaction that began before the first fetched record', () => {
    const messages = [
      data(20, 'a'),
      data(21, 'b'),
      marker(22, 'a', ABORT),
      marker(23, 'b', ABORT),
      data(24, 'c'),
    ];
    const aborted = [
      { producerId: 'a', firstOffset: '10' },
      { producerId: 'b', firstOffset: '12' },
    ];
    expect(delivered(messages, aborted)).toEqual(['24']);
  });

  it('keeps the same producer’s committed transaction after its aborted one, and non-transactional records', () => {
    const messages = [
      data(1, 'p'),
      marker(2, 'p', ABORT),
      data(3, 'p'),
      marker(4, 'p', COMMIT),
      data(5, 'q', false),
    ];
    expect(delivered(messages, [{ producerId: 'p', firstOffset: '1' }])).toEqual(['3', '5']);
  });

  it('does not take a data record whose key looks like a marker for the end of an aborted transaction', () => {
    const lookalike = { ...data(2, 'p'), key: ABORT };
    const messages = [data(1, 'p'), lookalike, data(3, 'p'), marker(4, 'p', ABORT)];
    expect(delivered(messages, [{ producerId: 'p', firstOffset: '1' }])).toEqual([]);
  });

  it('passes the start-up check, which rejects the upstream kafkajs 2.2.4 logic', () => {
    expect(() => assertReadCommittedFilter()).not.toThrow();
    // kafkajs 2.2.4's own approach: activate at most the head of the list, in the broker's order.
    const upstream = ({
      messages,
      abortedTransactions,
    }: Parameters<ReturnType<typeof installedAbortedFilter>>[0]) => {
      const remaining = [...abortedTransactions];
      const current = new Set<string>();
      return messages.filter((message) => {
        if (remaining.length > 0 && BigInt(message.offset) >= BigInt(remaining[0].firstOffset)) {
          current.add(remaining.shift()!.producerId);
        }
        if (message.key?.equals(ABORT)) current.delete(message.batchContext.producerId);
        else if (current.has(message.batchContext.producerId) && message.batchContext.inTransaction)
          return false;
        return true;
      });
    };
    expect(() => assertReadCommittedFilter(upstream)).toThrow(ReadCommittedFilterError);
  });
});
