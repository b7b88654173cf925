import type { Admin, Kafka } from '@news/kafkajs';
import type { ProducedRecord, TransactionJournal } from './batch-transport.types';
import { TransactionalPartitionWriter } from './transactional-partition.writer';

/**
 * The writer's side of a transaction journal (the dedup changelog), against a scripted kafkajs producer: what
 * each transaction sent, in which order, and what the journal was told about its end.
 */
function harness(
  options: { failCommit?: boolean; committedOffset?: () => string | undefined; failConnects?: number } = {},
) {
  const calls: string[] = [];
  /** The broker round trips of the writer's producers and admin, in order. */
  const requests: string[] = [];
  let producers = 0;
  let failCommit = options.failCommit ?? false;
  let failConnects = options.failConnects ?? 0;
  const transaction = () => {
    let active = true;
    return {
      isActive: () => active,
      sendBatch: ({ topicMessages }: { topicMessages: { topic: string; messages: unknown[] }[] }) => {
        calls.push(`send ${topicMessages.map((t) => `${t.topic}x${t.messages.length}`).join(',')}`);
        return Promise.resolve([]);
      },
      sendOffsets: () => (calls.push('offsets'), Promise.resolve()),
      commit: () => {
        active = false;
        if (failCommit) {
          failCommit = false;
          calls.push('commit failed');
          return Promise.reject(new Error('EndTxn timed out'));
        }
        calls.push('commit');
        return Promise.resolve();
      },
      abort: () => ((active = false), calls.push('abort'), Promise.resolve()),
    };
  };
  const kafka = {
    producer: () => {
      producers += 1;
      return {
        connect: () => {
          requests.push('connect');
          return failConnects-- > 0 ? Promise.reject(new Error('broker not there yet')) : Promise.resolve();
        },
        disconnect: () => (requests.push('disconnect'), Promise.resolve()),
        transaction: () => (requests.push('init and begin'), Promise.resolve(transaction())),
      };
    },
  } as unknown as Kafka;
  const admin = {
    fetchOffsets: () => {
      requests.push('read committed offset');
      const offset = options.committedOffset?.() ?? '-1';
      return Promise.resolve([{ topic: 'raw', partitions: [{ partition: 0, offset }] }]);
    },
  } as unknown as Admin;
  const journalRecords: ProducedRecord[] = [{ topic: 'changelog', key: 'i:x', value: '{}', headers: {} }];
  let reject = false;
  const journal: TransactionJournal & { reject(): void } = {
    recordsFor: () => {
      calls.push('journal turn');
      return reject ? Promise.reject(new Error('rolled back')) : Promise.resolve(journalRecords);
    },
    committed: (p) => void calls.push(`journal committed ${p}`),
    aborted: (p) => void calls.push(`journal aborted ${p}`),
    reject: () => (reject = true),
  };
  const writer = new TransactionalPartitionWriter({
    kafka,
    admin,
    groupId: 'g',
    topic: 'raw',
    partition: 0,
    transactionalId: 'g.raw.0',
    transactionTimeoutMs: 10_000,
    journal,
  });
  return { writer, calls, requests, journal, producers: () => producers };
}

const outputs: ProducedRecord[] = [{ topic: 'enriched', key: 'a', value: '{}', headers: {} }];

describe('TransactionalPartitionWriter with a journal', () => {
  it('sends outputs and offsets first, the journal records once it is their turn, then commits and says so', async () => {
    const { writer, calls } = harness();
    await (await writer.begin()).commit(outputs, '10');
    expect(calls).toEqual([
      'send enrichedx1',
      'offsets',
      'journal turn',
      'send changelogx1',
      'commit',
      'journal committed 0',
    ]);
  });

  it('aborts only the transaction when the journal took its claims back', async () => {
    const { writer, calls, journal, producers } = harness();
    journal.reject();
    await expect((await writer.begin()).commit(outputs, '10')).rejects.toThrow('rolled back');
    expect(calls.slice(-2)).toEqual(['journal aborted 0', 'abort']);
    await writer.begin();
    expect(producers()).toBe(1);
  });

  it('tells the journal an aborted slice aborted', async () => {
    const { writer, calls } = harness();
    await (await writer.begin()).abort();
    expect(calls).toEqual(['journal aborted 0', 'abort']);
  });

  it.each([
    ['landed', '10', 'journal committed 0'],
    ['did not land', '5', 'journal aborted 0'],
  ])('settles an EndTxn of unknown outcome at the next offset read: %s', async (_, offset, told) => {
    const group: { offset?: string } = {};
    const { writer, calls } = harness({ failCommit: true, committedOffset: () => group.offset });
    await expect((await writer.begin()).commit(outputs, '10')).rejects.toThrow('EndTxn timed out');
    expect(calls.filter((c) => c.startsWith('journal ') && c !== 'journal turn')).toEqual([]);
    group.offset = offset;
    await writer.begin();
    expect(calls[calls.length - 1]).toBe(told);
  });
});

describe('TransactionalPartitionWriter.prepare', () => {
  it('connects and fences ahead of the first slice, which then reads the committed offset and reuses all of it', async () => {
    const { writer, requests, producers } = harness({ committedOffset: () => '7' });
    writer.prepare();
    writer.prepare(); // once only
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toEqual(['connect', 'init and begin']);
    const session = await writer.begin();
    expect(session.committedOffset).toBe('7');
    await session.commit(outputs, '10');
    expect(requests).toEqual(['connect', 'init and begin', 'read committed offset']);
    expect(producers()).toBe(1);
  });

  it('leaves a failed preparation to the first slice, which connects again', async () => {
    const { writer, requests, producers } = harness({ failConnects: 1 });
    writer.prepare();
    const session = await writer.begin();
    expect(session.committedOffset).toBeUndefined();
    expect(producers()).toBe(2);
    expect(requests.slice(-3)).toEqual(['connect', 'init and begin', 'read committed offset']);
  });

  it('lets a preparation under way finish before it closes, so that no producer outlives the writer', async () => {
    const { writer, requests } = harness();
    writer.prepare();
    await writer.close();
    expect(requests).toEqual(['connect', 'init and begin', 'disconnect']);
  });
});
