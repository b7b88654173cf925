import { Worker } from 'node:worker_threads';
import type { ArticleClaim, DedupPolicy, DedupStore } from '@news/dedup';
import { sharedLanguageModelSnapshot } from '@news/normalize';
import type { PublishableOutcome, RawEnvelope } from '@news/pipeline';
import { sharedGazetteerSnapshot } from '@news/tagging';
import {
  pack,
  type FromThread,
  type OutcomeDetail,
  type PipelineThreadOptions,
  type ToThread,
} from './thread-protocol';
import { decodeWireError, encodeWireError } from './wire-error';
import { THREAD_ENTRY, threadExecArgv } from './threaded-pipeline';

export interface OrderedThreadedPipelineOptions extends Omit<PipelineThreadOptions, 'shared' | 'details'> {
  threads: number;
  /** The one dedup store every thread claims through, on this thread. */
  dedupStore: DedupStore;
  execArgv?: string[];
}

export interface OrderedBatchResult {
  outcomes: PublishableOutcome[];
  details: OutcomeDetail[];
}

interface BatchState {
  id: number;
  thread: ThreadState;
  /** waiting: the thread has not reached dedup yet; claimed: its claims are here; none: it had nothing to claim. */
  claim: 'waiting' | 'claimed' | 'none';
  claimId?: number;
  claims?: ArticleClaim[];
  policy?: DedupPolicy;
  resolve(result: OrderedBatchResult): void;
  reject(error: Error): void;
}

interface ThreadState {
  worker: Worker;
  /** Its batches in the order it received them (it reaches their dedup steps in that order). */
  inFlight: BatchState[];
}

/**
 * The pipeline on worker threads, with the outcome of the same input the same as on one thread: the pipeline's
 * only state between batches is the dedup index, so the threads' claims are decided in the order the batches were
 * submitted, one batch after another, exactly as one pipeline would decide them. Everything else (parsing,
 * normalizing, fingerprinting, tagging, serializing) runs on the threads in parallel. For offline runs (`enrich`):
 * a thread that fails fails the run, it is not replaced.
 *
 * A thread reaches the dedup step of its batches in the order it received them, and sends at most one claim per
 * batch, before that batch's result; so a claim belongs to the thread's earliest batch that has neither claimed
 * nor finished.
 */
export class OrderedThreadedPipeline {
  private readonly threads: ThreadState[] = [];
  /** Batches whose claims are not decided yet, in submission order. */
  private readonly undecided: BatchState[] = [];
  private nextId = 1;
  private deciding = false;
  private failure: Error | undefined;

  private constructor(private readonly options: OrderedThreadedPipelineOptions) {}

  /** Starts the threads and resolves once each has loaded its data. */
  static async start(options: OrderedThreadedPipelineOptions): Promise<OrderedThreadedPipeline> {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`threads must be a positive integer, got ${options.threads}`);
    const pipeline = new OrderedThreadedPipeline(options);
    const shared = {
      gazetteer: sharedGazetteerSnapshot(),
      languageModel: sharedLanguageModelSnapshot() ?? undefined,
    };
    const { threads: count, dedupStore: _store, execArgv, ...threadOptions } = options;
    const workerData: PipelineThreadOptions = { ...threadOptions, shared, details: true };
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(`require(${JSON.stringify(THREAD_ENTRY)});`, {
          eval: true,
          workerData,
          execArgv: execArgv ?? threadExecArgv(process.execArgv),
          stdout: false,
          stderr: false,
        });
        const thread: ThreadState = { worker, inFlight: [] };
        pipeline.threads.push(thread);
        return new Promise<void>((resolve, reject) => {
          worker.on('message', (message: FromThread) => {
            if (message.type === 'ready') resolve();
            else pipeline.receive(thread, message);
          });
          worker.on('error', (error) => {
            reject(error);
            pipeline.fail(new Error(`pipeline thread failed: ${error.message}`));
          });
          worker.on('exit', (code) => {
            const error = new Error(`pipeline thread exited (exit code ${code})`);
            reject(error);
            if (thread.inFlight.length > 0) pipeline.fail(error);
          });
        });
      }),
    );
    return pipeline;
  }

  processBatch(batch: RawEnvelope[]): Promise<OrderedBatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (batch.length === 0) return Promise.resolve({ outcomes: [], details: [] });
    let thread = this.threads[0];
    for (const t of this.threads) if (t.inFlight.length < thread.inFlight.length) thread = t;
    return new Promise<OrderedBatchResult>((resolve, reject) => {
      const state: BatchState = { id: this.nextId++, thread, claim: 'waiting', resolve, reject };
      thread.inFlight.push(state);
      this.undecided.push(state);
      const { envelopes, bytes } = pack(batch);
      const message: ToThread = { type: 'batch', id: state.id, batch: envelopes, bytes, observe: false };
      thread.worker.postMessage(message, [bytes]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private receive(thread: ThreadState, message: FromThread): void {
    if (message.type === 'claim') {
      const state = thread.inFlight.find((s) => s.claim === 'waiting');
      if (!state) return this.fail(new Error('a pipeline thread claimed for no batch'));
      state.claim = 'claimed';
      state.claimId = message.id;
      state.claims = message.claims;
      state.policy = message.policy;
      void this.decide();
      return;
    }
    if (message.type !== 'done') return;
    const at = thread.inFlight.findIndex((s) => s.id === message.id);
    if (at < 0) return;
    const [state] = thread.inFlight.splice(at, 1);
    if (state.claim === 'waiting') state.claim = 'none';
    void this.decide();
    if (message.error) {
      state.reject(decodeWireError(message.error));
      return;
    }
    state.resolve({ outcomes: message.outcomes ?? [], details: message.details ?? [] });
  }

  /** Decides the claims of the earliest undecided batches, one batch at a time, in submission order. */
  private async decide(): Promise<void> {
    if (this.deciding) return;
    this.deciding = true;
    try {
      while (this.undecided.length > 0 && this.undecided[0].claim !== 'waiting') {
        const state = this.undecided.shift()!;
        if (state.claim !== 'claimed') continue;
        let reply: ToThread;
        try {
          const verdicts = await this.options.dedupStore.claimBatch(state.claims!, state.policy!);
          reply = { type: 'claimed', id: state.claimId!, verdicts };
        } catch (error) {
          reply = { type: 'claimed', id: state.claimId!, error: encodeWireError(error) };
        }
        state.thread.worker.postMessage(reply);
      }
    } finally {
      this.deciding = false;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const thread of this.threads) {
      for (const state of thread.inFlight) state.reject(error);
      thread.inFlight.length = 0;
    }
    this.undecided.length = 0;
  }
}
