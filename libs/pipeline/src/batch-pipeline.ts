import type { ArticlePipeline } from './article-pipeline';
import type { OutcomeKind, OutputRecord, PipelineOutcome, RawEnvelope, StageObserver } from './raw-envelope';

/** What the worker needs of one outcome: the record to publish and the tags its metrics count. */
export interface PublishableOutcome {
  kind: OutcomeKind;
  record: OutputRecord;
  /** Country codes of an enriched article; empty for duplicates and dead letters. */
  countries: string[];
  /** Topic ids of an enriched article; empty for duplicates and dead letters. */
  topics: string[];
}

/**
 * The pipeline as the worker drives it, whether it runs on the event loop (InProcessPipeline) or on worker
 * threads (ThreadedPipeline). Same contract as ArticlePipeline.processBatch: one outcome per input, in order;
 * only a failing dependency rejects, with TransientError.
 */
export interface BatchPipeline {
  readonly version: string;
  processBatch(batch: RawEnvelope[], observer?: StageObserver): Promise<PublishableOutcome[]>;
  close(): Promise<void>;
  /** Gives back memory that a burst of work grew, when the caller knows that it has caught up (optional). */
  releaseMemory?(): void;
}

export function publishable(outcome: PipelineOutcome): PublishableOutcome {
  if (outcome.kind !== 'enriched')
    return { kind: outcome.kind, record: outcome.record, countries: [], topics: [] };
  return {
    kind: 'enriched',
    record: outcome.record,
    countries: outcome.event.countries.map((country) => country.code),
    topics: outcome.event.topics.map((topic) => topic.id),
  };
}

/** The pipeline on the caller's own thread (PIPELINE_THREADS=0, the CLI, tests). */
export class InProcessPipeline implements BatchPipeline {
  constructor(private readonly pipeline: ArticlePipeline) {}

  get version(): string {
    return this.pipeline.version;
  }

  async processBatch(batch: RawEnvelope[], observer?: StageObserver): Promise<PublishableOutcome[]> {
    const outcomes = await this.pipeline.processBatch(batch, observer);
    return outcomes.map(publishable);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
