import { MainHeapRelease, mainThreadCollector } from './main-heap';

describe('MainHeapRelease', () => {
  afterEach(() => jest.useRealTimers());

  it('collects at each delay after a release, and a new release or stop cancels what is pending', async () => {
    jest.useFakeTimers();
    let collections = 0;
    const heap = new MainHeapRelease(() => (collections += 1), [0, 5_000, 10_000]);
    heap.release();
    await jest.advanceTimersByTimeAsync(6_000);
    expect(collections).toBe(2);
    heap.release(); // a second burst ended: its own schedule, not the rest of the first one's
    await jest.advanceTimersByTimeAsync(20_000);
    expect(collections).toBe(5);
    heap.release();
    heap.stop();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(collections).toBe(5); // the immediate one had not run yet either: stop cancels it too
  });

  it("reaches V8's collector without a command-line flag", () => {
    const collect = mainThreadCollector();
    let garbage: number[][] | undefined = Array.from({ length: 2_000 }, () =>
      new Array<number>(2_000).fill(1),
    );
    const before = process.memoryUsage().heapUsed;
    garbage = undefined;
    collect();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 20e6);
  });
});
