import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TransientError } from '@news/contracts';
import type { DedupStore } from '@news/dedup';
import { sharedLanguageModelSnapshot } from '@news/normalize';
import { sharedGazetteerSnapshot } from '@news/tagging';
import {
  PIPELINE_VERSION,
  type BatchPipeline,
  type PublishableOutcome,
  type RawEnvelope,
  type StageObserver,
} from '@news/pipeline';
import { pack, type FromThread, type PipelineThreadOptions, type ToThread } from './thread-protocol';
import { decodeWireError, encodeWireError } from './wire-error';

export interface ThreadedPipelineOptions extends PipelineThreadOptions {
  /** How many pipeline threads (≥ 1). */
  threads: number;
  /** The one dedup store all threads claim through (it stays on this thread). */
  dedupStore: DedupStore;
  /** Node options for the threads; default: this process's own (e.g. a TypeScript loader in development). */
  execArgv?: string[];
  /** A thread died (it is replaced at once; its in-flight batches fail and the transport retries them). */
  onThreadExit?: (thread: number, reason: string) => void;
  /** How long a thread may take to load its data before start() gives up. */
  startTimeoutMs?: number;
  /**
   * Young-generation size of each thread's heap, in MiB (default 256). The pipeline allocates ~50-70 KB per
   * article, and a slice's articles live until the slice is done: each young-generation collection copies the
   * slices in flight, so its cost is nearly fixed and the number of collections is what to cut. With 64 MiB
   * the two threads of a 20,000-article drain spent ~1 s in 43 collections; with 256 MiB, ~0.2 s in 10. It costs
   * memory: ~1.1 GB against ~1.4 GB at the peak of a 60,000-article backlog, two threads.
   */
  youngGenerationMb?: number;
  /**
   * Growth of a thread's heap since it was ready that makes it worth replacing by a fresh one when the caller
   * calls releaseMemory() (default 64 MiB).
   */
  recycleGrowthMb?: number;
  /** An idle thread was replaced by a fresh one (releaseMemory); `heapMb`: the heap it had grown to. */
  onThreadRecycled?: (thread: number, heapMb: number) => void;
}

interface Pending {
  resolve(outcomes: PublishableOutcome[]): void;
  reject(error: Error): void;
  observer?: StageObserver;
}

interface PipelineThread {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<number, Pending>;
  /** The thread's committed heap when it was ready, and as its last message said. */
  readyHeapBytes: number;
  heapBytes: number;
  /** Replaced by a fresh thread: its exit is expected. */
  retired: boolean;
}

const DEFAULT_YOUNG_GENERATION_MB = 256;
const DEFAULT_RECYCLE_GROWTH_MB = 64;

/** This module's compiled or source sibling: pipeline-thread.js in dist, pipeline-thread.ts under a TS loader. */
export const THREAD_ENTRY = join(__dirname, `pipeline-thread${extname(__filename)}`);

/**
 * The pipeline spread over worker threads. Parsing, normalizing, fingerprinting, tagging and serializing are pure
 * CPU work, and on the event loop they compete with kafkajs for one core; on threads they use the others while
 * the event loop fetches, publishes and commits. The dedup store stays here: threads send their claims to it, so
 * claims are decided one batch at a time against one index, as in-process.
 *
 * Each slice goes whole to the least busy thread, so order within a slice is kept, and the transport keeps
 * partition order (one slice of a partition in flight at a time). Which thread takes a slice does not change its
 * outputs: normalizing and tagging keep no state between articles.
 */
export class ThreadedPipeline implements BatchPipeline {
  private readonly threads: PipelineThread[] = [];
  private nextBatchId = 1;
  private closing = false;
  private readonly shared: PipelineThreadOptions['shared'];

  constructor(private readonly options: ThreadedPipelineOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`threads must be a positive integer, got ${options.threads}`);
    // Loaded once here, into shared memory: each thread uses these bytes instead of loading its own copy.
    this.shared = {
      gazetteer: sharedGazetteerSnapshot(),
      languageModel: sharedLanguageModelSnapshot() ?? undefined,
    };
    for (let index = 0; index < options.threads; index++) this.threads.push(this.spawn(index));
  }

  get version(): string {
    return PIPELINE_VERSION;
  }

  /** Resolves once every thread has loaded its data (the language model, the gazetteer). */
  async start(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`pipeline threads not ready after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all(this.threads.map((thread) => thread.ready)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  processBatch(batch: RawEnvelope[], observer?: StageObserver): Promise<PublishableOutcome[]> {
    if (this.closing) return Promise.reject(new TransientError('pipeline is shutting down'));
    if (batch.length === 0) return Promise.resolve([]);
    const thread = this.leastBusy();
    const id = this.nextBatchId++;
    return new Promise<PublishableOutcome[]>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject, observer });
      // A slice in flight keeps the process alive, as a socket with a request outstanding would: a caller
      // awaiting it must get its answer. An idle thread does not (see spawn).
      if (thread.pending.size === 1) thread.worker.ref();
      const { envelopes, bytes } = pack(batch);
      const message: ToThread = {
        type: 'batch',
        id,
        batch: envelopes,
        bytes,
        observe: observer !== undefined,
      };
      thread.worker.postMessage(message, [bytes]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private leastBusy(): PipelineThread {
    let best = this.threads[0];
    for (const thread of this.threads) if (thread.pending.size < best.pending.size) best = thread;
    return best;
  }

  /**
   * Replaces each thread that has nothing in flight and whose heap has grown by more than `recycleGrowthMb`
   * since it was ready by a fresh thread. V8 keeps a heap at the size it grew to during a backlog (the young
   * generation above all) and a worker thread has no way to give it back; a fresh thread starts small. The cost
   * is the new thread's start (~0.5 s of CPU) and cold code for the next slices: the caller calls this when it has
   * caught up, not between slices.
   */
  releaseMemory(): void {
    if (this.closing) return;
    const growthBytes = (this.options.recycleGrowthMb ?? DEFAULT_RECYCLE_GROWTH_MB) * 2 ** 20;
    this.threads.forEach((thread, index) => {
      if (thread.pending.size > 0 || thread.readyHeapBytes === 0) return;
      if (thread.heapBytes - thread.readyHeapBytes <= growthBytes) return;
      // Nothing is in flight on it (checked above, on the thread that hands out slices): the next slice goes to
      // the fresh thread and waits in its queue while it loads.
      thread.retired = true;
      this.threads[index] = this.spawn(index);
      void thread.worker.terminate();
      this.options.onThreadRecycled?.(index, Math.round(thread.heapBytes / 2 ** 20));
    });
  }

  private spawn(index: number): PipelineThread {
    const { topics, maxPayloadBytes, dedupWindowMs } = this.options;
    const workerData: PipelineThreadOptions = { topics, maxPayloadBytes, dedupWindowMs, shared: this.shared };
    const worker = new Worker(`require(${JSON.stringify(THREAD_ENTRY)});`, {
      eval: true,
      workerData,
      execArgv: this.options.execArgv ?? threadExecArgv(process.execArgv),
      resourceLimits: {
        maxYoungGenerationSizeMb: this.options.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB,
      },
      // An idle thread must not keep a process alive that is otherwise done (it is ref'd while slices are in flight).
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const pending = new Map<number, Pending>();
    let markReady: () => void = () => undefined;
    let failStart: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => undefined); // observed through start(); a replacement thread has nobody waiting on it
    const thread: PipelineThread = {
      worker,
      ready,
      pending,
      readyHeapBytes: 0,
      heapBytes: 0,
      retired: false,
    };

    worker.on('message', (message: FromThread) => {
      switch (message.type) {
        case 'ready':
          thread.readyHeapBytes = thread.heapBytes = message.heapBytes;
          markReady();
          return;
        case 'claim':
          void this.claim(worker, message);
          return;
        case 'done':
          thread.heapBytes = message.heapBytes;
          this.settle(pending, message);
          if (pending.size === 0) worker.unref();
          return;
      }
    });
    let exitReason = 'exited';
    worker.on('error', (error) => {
      exitReason = `failed: ${error.message}`;
    });
    worker.on('exit', (code) => {
      const reason = `pipeline thread ${index} ${exitReason} (exit code ${code})`;
      failStart(new Error(reason));
      for (const waiter of pending.values()) waiter.reject(new Error(reason));
      pending.clear();
      if (this.closing || thread.retired) return;
      this.options.onThreadExit?.(index, reason);
      this.threads[this.threads.indexOf(thread)] = this.spawn(index);
    });
    return thread;
  }

  private async claim(worker: Worker, message: FromThread & { type: 'claim' }): Promise<void> {
    let reply: ToThread;
    try {
      const verdicts = await this.options.dedupStore.claimBatch(message.claims, message.policy);
      reply = { type: 'claimed', id: message.id, verdicts };
    } catch (error) {
      reply = { type: 'claimed', id: message.id, error: encodeWireError(error) };
    }
    worker.postMessage(reply);
  }

  private settle(pending: Map<number, Pending>, message: FromThread & { type: 'done' }): void {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) {
      waiter.reject(decodeWireError(message.error));
      return;
    }
    for (const [stage, seconds, count] of message.stages ?? [])
      waiter.observer?.observe(stage, seconds, count);
    waiter.resolve(message.outcomes ?? []);
  }
}

/**
 * The process's own Node options that a worker thread accepts: module loaders (a TypeScript loader in development)
 * and diagnostics. Heap and other V8 flags (--max-old-space-size, --max-semi-space-size) make the Worker
 * constructor throw; threads get their heap limits through resourceLimits instead.
 */
export function threadExecArgv(execArgv: readonly string[]): string[] {
  const withValue = new Set([
    '-r',
    '--require',
    '--import',
    '--loader',
    '--experimental-loader',
    '-C',
    '--conditions',
    '--cpu-prof-dir',
    '--cpu-prof-interval',
  ]);
  // --cpu-prof profiles every thread, each to its own file: the pipeline threads are where a drain spends most.
  const alone = new Set([
    '--enable-source-maps',
    '--no-warnings',
    '--no-deprecation',
    '--trace-warnings',
    '--cpu-prof',
  ]);
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    const name = arg.split('=')[0];
    if (withValue.has(arg) && i + 1 < execArgv.length) kept.push(arg, execArgv[++i]);
    else if (withValue.has(name) || alone.has(arg)) kept.push(arg);
  }
  return kept;
}
