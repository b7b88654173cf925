import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One full collection of this thread's heap. */
export type Collector = () => void;

/**
 * V8's collector for this thread, through its gc extension. The extension is switched on here rather than by
 * a `--expose-gc` flag, so that the worker's command line stays `node main.js` in every manifest; jest's leak
 * detector reaches the collector the same way.
 */
export function mainThreadCollector(): Collector {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collector;
}

/**
 * Gives back the heap that the main thread grew for a burst (kafkajs' fetch and produce buffers, the slices
 * in flight) once the worker has caught up. V8 keeps a grown heap until allocation makes it collect again,
 * and an idle worker hardly allocates: measured with the backlog bench, the worker's resident memory 30 s
 * after draining 15,584 events was 412–458 MB without these collections and 316–327 MB with them. Collections
 * at `delaysMs` after `release()`: right away, then again once the pipeline threads replaced at the same
 * moment have loaded and the old ones have exited. An idle worker pauses for them, never one at work:
 * `release()` is called when nothing is in flight.
 */
export class MainHeapRelease {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly collect: Collector = mainThreadCollector(),
    private readonly delaysMs: readonly number[] = [0, 5_000, 10_000],
  ) {}

  release(): void {
    this.stop();
    for (const delay of this.delaysMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.collect();
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
