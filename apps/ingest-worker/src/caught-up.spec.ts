import { EventEmitter } from 'node:events';
import type { CommittedSlice } from '@news/kafka';
import { onCaughtUp } from './caught-up';

class FakeConsumer extends EventEmitter {
  inFlight = false;
  busy(): boolean {
    return this.inFlight;
  }
  commit(partition: number, lag: number): void {
    const slice: Pick<CommittedSlice, 'partition' | 'lag'> = { partition, lag };
    this.emit('committed', slice);
  }
}

describe('onCaughtUp', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fires once per burst, after the quiet time, when no partition has lag and nothing is in flight', async () => {
    const consumer = new FakeConsumer();
    let calls = 0;
    const stop = onCaughtUp(consumer, () => (calls += 1), { quietMs: 1_000, pollMs: 100 });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(0); // nothing was ever committed: no burst to release

    consumer.commit(0, 500);
    consumer.commit(1, 0);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(0); // partition 0 still has lag

    consumer.inFlight = true;
    consumer.commit(0, 0);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(0); // a batch is in flight

    consumer.inFlight = false;
    await jest.advanceTimersByTimeAsync(500);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(1); // once per burst

    consumer.commit(2, 0);
    await jest.advanceTimersByTimeAsync(900);
    expect(calls).toBe(1); // not before the quiet time
    await jest.advanceTimersByTimeAsync(300);
    expect(calls).toBe(2);
    stop();
  });

  it('forgets the lag of partitions that a rebalance took away', async () => {
    const consumer = new FakeConsumer();
    let calls = 0;
    onCaughtUp(consumer, () => (calls += 1), { quietMs: 100, pollMs: 50 })();
    const again = onCaughtUp(consumer, () => (calls += 1), { quietMs: 100, pollMs: 50 });
    consumer.commit(3, 40);
    consumer.emit('assigned', [0, 1]);
    consumer.commit(0, 0);
    await jest.advanceTimersByTimeAsync(500);
    expect(calls).toBe(1);
    again();
  });
});
