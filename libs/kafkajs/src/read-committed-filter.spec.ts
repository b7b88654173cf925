import { inPlainNode } from '../../../test/support/plain-node';
import { filterAbortedMessages } from './filter-aborted-messages';
import { assertReadCommittedFilter, ReadCommittedFilterError } from './read-committed-filter';

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

type Aborted = { producerId: string; firstOffset: string }[];

/** Offsets of the data records a read_committed consumer is handed: by the fix, and the same through kafkajs. */
function delivered(messages: Fetched[], abortedTransactions: Aborted): string[] {
  const offsets = filterAbortedMessages({ messages, abortedTransactions })
    .filter((message) => !message.isControlRecord)
    .map((message) => message.offset);
  expect(deliveredByKafkajs(messages, abortedTransactions)).toEqual(offsets);
  return offsets;
}

/** The same, through the consumer Batch of the kafkajs that jest loads (jest-setup.ts maps the fix in). */
function deliveredByKafkajs(messages: Fetched[], abortedTransactions: Aborted): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' internal Batch, on purpose
  const Batch = require('kafkajs/src/consumer/batch') as new (
    topic: string,
    fetchedOffset: string,
    data: object,
  ) => { messages: Fetched[] };
  const batch = new Batch('t', messages[0].offset, {
    partition: 0,
    highWatermark: '1000',
    messages,
    abortedTransactions,
  });
  return batch.messages.map((message) => message.offset);
}

describe('kafkajs read_committed filter fix', () => {
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

  it('is the filter kafkajs’ consumer Batch uses here', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module slot kafkajs' Batch requires
    expect(require('kafkajs/src/consumer/filterAbortedMessages.js')).toBe(filterAbortedMessages);
  });

  it('passes the start-up check, which rejects the upstream kafkajs 2.2.4 logic', () => {
    expect(() => assertReadCommittedFilter()).not.toThrow();
    // kafkajs 2.2.4's own approach: activate at most the head of the list, in the broker's order.
    const upstream = ({
      messages,
      abortedTransactions,
    }: {
      messages: Fetched[];
      abortedTransactions: Aborted;
    }) => {
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
    // A Batch as kafkajs builds it, with the upstream filter inside.
    class UpstreamBatch {
      readonly messages: Fetched[];
      constructor(
        _topic: string,
        _offset: string,
        data: { messages: Fetched[]; abortedTransactions: Aborted },
      ) {
        this.messages = upstream(data).filter((message) => !message.isControlRecord);
      }
    }
    const asKafkajsBatch = UpstreamBatch as unknown as Parameters<typeof assertReadCommittedFilter>[0];
    expect(() => assertReadCommittedFilter(asKafkajsBatch)).toThrow(ReadCommittedFilterError);
  });

  it('is installed in a plain Node process when @news/kafkajs loads, before kafkajs', () => {
    const report = inPlainNode(`
      const { KAFKAJS_FIXES, assertReadCommittedFilter, filterAbortedMessages } = require('@news/kafkajs');
      assertReadCommittedFilter();
      const used = require.cache[require.resolve('kafkajs/src/consumer/filterAbortedMessages.js')].exports;
      process.stdout.write(JSON.stringify({ ...KAFKAJS_FIXES, ours: used === filterAbortedMessages }));
    `);
    expect(report).toEqual({
      readCommittedFilter: 'installed',
      crc32c: 'native',
      encoder: 'pooled',
      murmur2: 'int32',
      ours: true,
    });
  });

  it('refuses loudly when kafkajs was loaded first', () => {
    const report = inPlainNode(`
      require('kafkajs');
      try {
        require('@news/kafkajs');
        process.stdout.write(JSON.stringify({ loaded: true }));
      } catch (error) {
        process.stdout.write(JSON.stringify({ error: error.name }));
      }
    `);
    expect(report).toEqual({ error: 'ReadCommittedFilterError' });
  });
});
