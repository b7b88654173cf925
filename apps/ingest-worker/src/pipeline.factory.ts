import type { WorkerConfig } from '@news/config';
import type { DedupStore } from '@news/dedup';
import { InProcessPipeline, createPipeline, type BatchPipeline } from '@news/pipeline';
import { ThreadedPipeline } from '@news/pipeline-threads';

/**
 * The worker's pipeline as the configuration describes it: on PIPELINE_THREADS worker threads (the event loop
 * keeps kafkajs' fetches, publishes and commits), or on the event loop itself when it is 0. Resolves once the
 * threads have loaded their data. The benchmark builds it the same way.
 */
export async function pipelineFor(
  config: WorkerConfig,
  dedupStore: DedupStore,
  options: {
    threads?: number;
    onThreadExit?: (thread: number, reason: string) => void;
    onThreadRecycled?: (thread: number, heapMb: number) => void;
  } = {},
): Promise<BatchPipeline> {
  const settings = {
    topics: config.topics.names,
    maxPayloadBytes: config.maxPayloadBytes,
    dedupWindowMs: config.dedup.windowMs,
  };
  const threads = options.threads ?? config.pipelineThreads;
  if (threads === 0) return new InProcessPipeline(createPipeline({ ...settings, dedupStore }));
  const pipeline = new ThreadedPipeline({
    ...settings,
    threads,
    dedupStore,
    youngGenerationMb: config.pipelineYoungGenerationMb,
    onThreadExit: options.onThreadExit,
    onThreadRecycled: options.onThreadRecycled,
  });
  await pipeline.start();
  return pipeline;
}
