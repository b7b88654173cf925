import type { Kafka } from '@news/kafkajs';
import { RAW_BATCH_PATTERN, type BatchTransportOptions } from './batch-transport.types';
import { KafkaBatchTransport } from './kafka-batch.transport';

/**
 * The transport's own reactions to what kafkajs reports about its consumer: a crash (restart or give up) and a
 * new assignment. The broker side of both is covered by the integration tests (test/worker); here a scripted
 * client stands in for kafkajs so that each event can be sent exactly when the spec wants it.
 */
const EVENTS = {
  GROUP_JOIN: 'consumer.group_join',
  REBALANCING: 'consumer.rebalancing',
  CRASH: 'consumer.crash',
};

class ScriptedConsumer {
  readonly events = EVENTS;
  readonly listeners = new Map<string, (event: { payload: unknown }) => void>();
  connected = 0;
  disconnected = 0;
  on(event: string, listener: (event: { payload: unknown }) => void): void {
    this.listeners.set(event, listener);
  }
  send(event: string, payload: unknown): void {
    this.listeners.get(event)?.({ payload });
  }
  connect = () => Promise.resolve(void (this.connected += 1));
  subscribe = () => Promise.resolve();
  run = () => Promise.resolve();
  stop = () => Promise.resolve();
  disconnect = () => Promise.resolve(void (this.disconnected += 1));
}

function scriptedKafka() {
  const consumers: ScriptedConsumer[] = [];
  const kafka = {
    admin: () => ({
      connect: () => Promise.resolve(),
      fetchTopicMetadata: () => Promise.resolve({ topics: [] }),
      disconnect: () => Promise.resolve(),
    }),
    consumer: () => {
      const consumer = new ScriptedConsumer();
      consumers.push(consumer);
      return consumer;
    },
  } as unknown as Kafka;
  return { kafka, consumers };
}

function transportWith(kafka: Kafka, maxRestarts = 2): KafkaBatchTransport {
  const options: BatchTransportOptions = {
    kafka,
    groupId: 'g',
    topic: 'raw',
    deliveryMode: 'exactly-once',
    transactionalIdPrefix: 'g',
    transactionTimeoutMs: 10_000,
    sessionTimeoutMs: 30_000,
    heartbeatIntervalMs: 3_000,
    rebalanceTimeoutMs: 60_000,
    maxBytesPerPartition: 1_048_576,
    maxBytes: 10_485_760,
    maxWaitTimeMs: 100,
    batchMaxMessages: 100,
    partitionConcurrency: 2,
    retry: { initialDelayMs: 100, maxDelayMs: 1_000, poisonAttempts: 2 },
    maxRestarts,
    deadLetterFor: () => ({ topic: 'dlq', key: null, headers: {}, value: '{}' }),
  };
  const transport = new KafkaBatchTransport(options);
  transport.addHandler(RAW_BATCH_PATTERN, () => Promise.resolve({ kind: 'processed', records: [] }));
  return transport;
}

async function listening(transport: KafkaBatchTransport): Promise<void> {
  const failure = await new Promise<unknown>((resolve) => transport.listen(resolve));
  if (failure) throw new Error('the transport did not start', { cause: failure });
}

describe('KafkaBatchTransport: consumer crashes and reassignment', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('builds a fresh consumer after a non-retriable crash, after 1 s, then 2 s, and gives up past maxRestarts', async () => {
    const { kafka, consumers } = scriptedKafka();
    const transport = transportWith(kafka, 2);
    const seen: string[] = [];
    transport.on('crashed', ({ restarting }) => seen.push(`crashed restarting=${restarting}`));
    transport.on('connected', () => seen.push('connected'));
    transport.on('fatal', (error) => seen.push(`fatal: ${error.message}`));
    await listening(transport);
    expect(consumers).toHaveLength(1);

    consumers[0].send(EVENTS.CRASH, { error: new Error('boom 1'), restart: false });
    await jest.advanceTimersByTimeAsync(999);
    expect(consumers).toHaveLength(1); // still waiting out the first delay
    await jest.advanceTimersByTimeAsync(1);
    expect(consumers).toHaveLength(2);
    expect(consumers[0].disconnected).toBe(1);
    expect(consumers[1].connected).toBe(1);

    consumers[1].send(EVENTS.CRASH, { error: new Error('boom 2'), restart: false });
    await jest.advanceTimersByTimeAsync(1_999);
    expect(consumers).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(consumers).toHaveLength(3);

    consumers[2].send(EVENTS.CRASH, { error: new Error('boom 3'), restart: false });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumers).toHaveLength(3);
    expect(seen).toEqual([
      'connected',
      'crashed restarting=false',
      'connected',
      'crashed restarting=false',
      'connected',
      'crashed restarting=false',
      'fatal: boom 3',
    ]);
    await transport.close();
  });

  it('leaves a crash kafkajs restarts by itself to kafkajs, and ignores one from a consumer it replaced', async () => {
    const { kafka, consumers } = scriptedKafka();
    const transport = transportWith(kafka);
    let fatal = false;
    transport.on('fatal', () => (fatal = true));
    await listening(transport);

    consumers[0].send(EVENTS.CRASH, { error: new Error('retriable'), restart: true });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumers).toHaveLength(1);

    consumers[0].send(EVENTS.CRASH, { error: new Error('fatal for this one'), restart: false });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumers).toHaveLength(2);
    // The replaced consumer reports again: nothing more is built for it.
    consumers[0].send(EVENTS.CRASH, { error: new Error('late'), restart: false });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumers).toHaveLength(2);
    expect(fatal).toBe(false);
    await transport.close();
  });

  it('reports each assignment of the input topic, sorted, and forgets the old one', async () => {
    const { kafka, consumers } = scriptedKafka();
    const transport = transportWith(kafka);
    const assigned: number[][] = [];
    let rebalances = 0;
    transport.on('assigned', (partitions) => assigned.push([...partitions]));
    transport.on('rebalancing', () => (rebalances += 1));
    await listening(transport);

    consumers[0].send(EVENTS.GROUP_JOIN, { memberAssignment: { raw: [3, 0, 1] } });
    expect(transport.assignedPartitions()).toEqual([0, 1, 3]);
    consumers[0].send(EVENTS.REBALANCING, {});
    consumers[0].send(EVENTS.GROUP_JOIN, { memberAssignment: { raw: [2], other: [0] } });
    expect(transport.assignedPartitions()).toEqual([2]);
    consumers[0].send(EVENTS.GROUP_JOIN, { memberAssignment: { other: [1] } });
    expect(transport.assignedPartitions()).toEqual([]);
    expect(assigned).toEqual([[0, 1, 3], [2], []]);
    expect(rebalances).toBe(1);
    await transport.close();
  });
});
