import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { isTransientError } from '@news/contracts';
import { RAW_BATCH_PATTERN, type BatchResult, type ConsumedMessage } from '@news/kafka';
import type { BatchPipeline, StageObserver } from '@news/pipeline';
import { IngestMetrics } from './observability';
import { ARTICLE_PIPELINE } from './worker.tokens';

/**
 * The one place where a slice of raw events meets the pipeline. Outcomes come back as values: the records to
 * publish, or why not (transient: retry later; failed: an unexpected bug, isolated by the transport).
 */
@Controller()
export class IngestController {
  private readonly stages: StageObserver;

  constructor(
    @Inject(ARTICLE_PIPELINE) private readonly pipeline: BatchPipeline,
    private readonly metrics: IngestMetrics,
  ) {
    this.stages = { observe: (stage, seconds, count) => this.metrics.observeStage(stage, seconds, count) };
  }

  @MessagePattern(RAW_BATCH_PATTERN)
  async handle(@Payload() messages: ConsumedMessage[]): Promise<BatchResult> {
    try {
      const outcomes = await this.pipeline.processBatch(messages, this.stages);
      // Counted when the slice commits (TransportTelemetry), like every other metric.
      for (const outcome of outcomes) {
        if (outcome.kind === 'enriched')
          this.metrics.noteTags(outcome.record, outcome.countries, outcome.topics);
      }
      return { kind: 'processed', records: outcomes.map((outcome) => outcome.record) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return isTransientError(error) ? { kind: 'transient', message } : { kind: 'failed', message };
    }
  }
}
