import type { EachBatchPayload } from 'kafkajs';
import type {
  BatchResult,
  BatchTransportOptions,
  ConsumedMessage,
  ProducedRecord,
} from './batch-transport.types';
import { PartitionBatchProcessor, type SliceHandler } from './partition-batch.processor';
import type { PartitionWriter, SliceSession } from './partition-writer';

/** An in-memory writer: what a slice commits is what a read_committed reader would see. */
class MemoryWriter implements PartitionWriter {
  committed: { records: ProducedRecord[]; nextOffset: string }[] = [];
  committedOffset: string | undefined;
  failNextCommit = false;
  prepare(): void {
    // nothing to connect
  }
  begin(): Promise<SliceSession> {
    const committedOffset = this.committedOffset;
    this.committedOffset = undefined;
    return Promise.resolve({
      committedOffset,
      commit: (records: ProducedRecord[], nextOffset: string) => {
        if (this.failNextCommit) {
          this.failNextCommit = false;
          return Promise.reject(new Error('broker went away'));
        }
        this.committed.push({ records, nextOffset });
        return Promise.resolve();
      },
      abort: () => Promise.resolve(),
    });
  }
  markRecheck(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function payloadFor(offsets: number[]) {
  const resolved: string[] = [];
  let paused = 0;
  const messages = offsets.map((o) => ({
    offset: String(o),
    key: null,
    value: Buffer.from(`m${o}`),
    headers: {},
    timestamp: '0',
    attributes: 0,
  }));
  const payload = {
    batch: {
      topic: 'raw',
      partition: 0,
      highWatermark: String(offsets[offsets.length - 1] + 1),
      messages,
      lastOffset: () => String(offsets[offsets.length - 1]),
    },
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: () => Promise.resolve(),
    pause: () => {
      paused += 1;
      return () => undefined;
    },
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, resolved, paused: () => paused };
}

const record = (m: ConsumedMessage, topic = 'enriched'): ProducedRecord => ({
  topic,
  key: null,
  headers: { 'x-source-offset': m.offset },
  value: m.value?.toString() ?? '',
});

function processorWith(handle: SliceHandler, writer: MemoryWriter, batchMaxMessages = 2) {
  const options = {
    batchMaxMessages,
    heartbeatIntervalMs: 1_000,
    retry: { initialDelayMs: 1, maxDelayMs: 2, poisonAttempts: 2 },
    deadLetterFor: (m: ConsumedMessage, reason: string) => ({ ...record(m, 'dlq'), value: reason }),
  } as unknown as BatchTransportOptions;
  return new PartitionBatchProcessor({
    options,
    handle,
    writerFor: () => writer,
    emit: () => undefined,
    resumeLater: () => undefined,
    generation: () => 0,
  });
}

describe('PartitionBatchProcessor', () => {
  it('commits each slice with the offset after it and resolves it', async () => {
    const writer = new MemoryWriter();
    const processor = processorWith(
      (ms) => Promise.resolve<BatchResult>({ kind: 'processed', records: ms.map((m) => record(m)) }),
      writer,
    );
    const { payload, resolved } = payloadFor([10, 11, 12]);
    await processor.process(payload);
    expect(writer.committed.map((c) => [c.records.length, c.nextOffset])).toEqual([
      [2, '12'],
      [1, '13'],
    ]);
    expect(resolved).toEqual(['11', '12']);
  });

  it('pauses on a transient failure without committing or resolving anything', async () => {
    const writer = new MemoryWriter();
    const processor = processorWith(
      () => Promise.resolve<BatchResult>({ kind: 'transient', message: 'redis down' }),
      writer,
    );
    const run = payloadFor([0, 1]);
    await processor.process(run.payload);
    expect(writer.committed).toEqual([]);
    expect(run.resolved).toEqual([]);
    expect(run.paused()).toBe(1);
  });

  it('retries a failed commit instead of resolving the slice', async () => {
    const writer = new MemoryWriter();
    writer.failNextCommit = true;
    const processor = processorWith(
      (ms) => Promise.resolve<BatchResult>({ kind: 'processed', records: ms.map((m) => record(m)) }),
      writer,
    );
    const run = payloadFor([0, 1]);
    await processor.process(run.payload);
    expect(run.resolved).toEqual([]);
    expect(run.paused()).toBe(1);
  });

  it('after repeated handler failures, dead-letters only the input that makes the handler throw', async () => {
    const writer = new MemoryWriter();
    const handle: SliceHandler = (ms) => {
      if (ms.some((m) => m.offset === '5')) return Promise.reject(new Error('boom on 5'));
      return Promise.resolve({ kind: 'processed', records: ms.map((m) => record(m)) });
    };
    const processor = processorWith(handle, writer, 10);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const run = payloadFor([4, 5, 6]);
      await processor.process(run.payload);
      expect(writer.committed).toEqual([]);
    }
    const run = payloadFor([4, 5, 6]);
    await processor.process(run.payload);
    expect(writer.committed).toHaveLength(1);
    expect(writer.committed[0].records.map((r) => `${r.topic}:${r.headers['x-source-offset']}`)).toEqual([
      'enriched:4',
      'dlq:5',
      'enriched:6',
    ]);
    expect(writer.committed[0].records[1].value).toContain('boom on 5');
    expect(run.resolved).toEqual(['6']);
  });

  it('skips inputs below the committed offset a fenced writer re-read', async () => {
    const writer = new MemoryWriter();
    writer.committedOffset = '21';
    const seen: string[] = [];
    const processor = processorWith(
      (ms) => {
        seen.push(...ms.map((m) => m.offset));
        return Promise.resolve<BatchResult>({ kind: 'processed', records: ms.map((m) => record(m)) });
      },
      writer,
      10,
    );
    const run = payloadFor([20, 21, 22]);
    await processor.process(run.payload);
    expect(seen).toEqual(['21', '22']);
    expect(writer.committed[0].nextOffset).toBe('23');
  });

  it('keeps skipping below the re-read committed offset in later slices and batches, not only the first slice', async () => {
    // The consumer may start several slices behind the offset the previous owner committed at its last moment.
    const writer = new MemoryWriter();
    writer.committedOffset = '25';
    const seen: string[] = [];
    const processor = processorWith(
      (ms) => {
        seen.push(...ms.map((m) => m.offset));
        return Promise.resolve<BatchResult>({ kind: 'processed', records: ms.map((m) => record(m)) });
      },
      writer,
      2,
    );
    await processor.process(payloadFor([20, 21, 22, 23]).payload);
    await processor.process(payloadFor([24, 25, 26]).payload);
    expect(seen).toEqual(['25', '26']);
    expect(writer.committed.map((c) => c.nextOffset)).toEqual(['26', '27']);
  });
});
