import { isTransientError } from '@news/contracts';
import type { BatchResult, ConsumedMessage, SliceHandler } from '@news/kafka';
import type { BatchPipeline, StageObserver } from '@news/pipeline';
import type { IngestMetrics } from './observability/ingest-metrics';

/**
 * The one place where a slice of raw events meets the pipeline. Outcomes come back as values: the records to
 * publish, or why not (transient: retry later; failed: an unexpected bug, isolated by the transport). The worker
 * hands it to its consumer directly; IngestController serves it under Nest.
 */
export function ingestHandler(pipeline: BatchPipeline, metrics: IngestMetrics): SliceHandler {
  const stages: StageObserver = {
    observe: (stage, seconds, count) => metrics.observeStage(stage, seconds, count),
  };
  return async (messages: ConsumedMessage[]): Promise<BatchResult> => {
    try {
      const outcomes = await pipeline.processBatch(messages, stages);
      // Counted when the slice commits (TransportTelemetry), like every other metric.
      for (const outcome of outcomes) {
        if (outcome.kind === 'enriched') metrics.noteTags(outcome.record, outcome.countries, outcome.topics);
      }
      return { kind: 'processed', records: outcomes.map((outcome) => outcome.record) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return isTransientError(error) ? { kind: 'transient', message } : { kind: 'failed', message };
    }
  };
}
