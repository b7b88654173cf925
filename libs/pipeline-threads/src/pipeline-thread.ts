import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { PipelineStage } from '@news/contracts';
import type { ArticleClaim, DedupPolicy, DedupStore, DedupVerdict } from '@news/dedup';
import { useLanguageModel } from '@news/normalize';
import { createPipeline, publishable, type ArticlePipeline, type PipelineOutcome } from '@news/pipeline';
import { useGazetteerSnapshot } from '@news/tagging';
import {
  unpack,
  type FromThread,
  type OutcomeDetail,
  type PipelineThreadOptions,
  type ToThread,
} from './thread-protocol';
import { decodeWireError, encodeWireError } from './wire-error';

/**
 * The body of one pipeline thread: a whole ArticlePipeline (parse, normalize, fingerprint, tag, serialize) whose
 * dedup store is the main thread's, reached by message. The store stays single (one in-memory index, or one
 * Redis client) and decides claims in arrival order, exactly as when the pipeline runs on the event loop.
 */
class MainThreadDedupStore implements DedupStore {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: ToThread & { type: 'claimed' }): void }>();

  constructor(private readonly send: (message: FromThread) => void) {}

  async claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]> {
    const reply = await this.ask((id) => ({ type: 'claim', id, claims, policy }));
    return reply.verdicts ?? [];
  }

  /** The pipeline never asks; operators read the size from the store itself, on the main thread. */
  size(): Promise<number> {
    return Promise.reject(new Error('the dedup store size is read on the main thread'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  answer(reply: ToThread & { type: 'claimed' }): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    waiter?.resolve(reply);
  }

  private async ask(message: (id: number) => FromThread): Promise<ToThread & { type: 'claimed' }> {
    const id = this.nextId++;
    const reply = await new Promise<ToThread & { type: 'claimed' }>((resolve) => {
      this.waiting.set(id, { resolve });
      this.send(message(id));
    });
    if (reply.error) throw decodeWireError(reply.error);
    return reply;
  }
}

function detailOf(outcome: PipelineOutcome): OutcomeDetail {
  if (outcome.kind === 'rejected') return { updated: false, code: outcome.code };
  return { updated: outcome.kind === 'enriched' && outcome.event.dedup.status === 'updated' };
}

async function runBatch(
  pipeline: ArticlePipeline,
  message: ToThread & { type: 'batch' },
  details: boolean,
): Promise<FromThread> {
  const stages: [PipelineStage, number, number][] = [];
  const observer = message.observe
    ? {
        observe: (stage: PipelineStage, seconds: number, count: number) =>
          stages.push([stage, seconds, count]),
      }
    : undefined;
  try {
    const outcomes = await pipeline.processBatch(unpack(message.batch, message.bytes), observer);
    return {
      type: 'done',
      id: message.id,
      outcomes: outcomes.map(publishable),
      details: details ? outcomes.map(detailOf) : undefined,
      stages,
      heapBytes: heapBytes(),
    };
  } catch (error) {
    return { type: 'done', id: message.id, error: encodeWireError(error), heapBytes: heapBytes() };
  }
}

function heapBytes(): number {
  return getHeapStatistics().total_heap_size;
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('pipeline-thread must run in a worker thread');
  const send = (message: FromThread) => port.postMessage(message);
  const store = new MainThreadDedupStore(send);
  const { shared, details, ...options } = workerData as PipelineThreadOptions;
  if (shared?.gazetteer) useGazetteerSnapshot(shared.gazetteer);
  if (shared?.languageModel) useLanguageModel(shared.languageModel);
  const pipeline = createPipeline({
    ...options,
    dedupStore: store,
  });
  port.on('message', (message: ToThread) => {
    if (message.type === 'claimed') store.answer(message);
    else void runBatch(pipeline, message, details === true).then(send);
  });
  send({ type: 'ready', heapBytes: heapBytes() });
}

main();
