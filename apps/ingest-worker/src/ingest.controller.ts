import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RAW_BATCH_PATTERN, type BatchResult, type ConsumedMessage, type SliceHandler } from '@news/kafka';
import type { BatchPipeline } from '@news/pipeline';
import { ingestHandler } from './ingest.handler';
import { IngestMetrics } from './observability';
import { ARTICLE_PIPELINE } from './worker.tokens';

/**
 * The ingest handler (./ingest.handler) under Nest, for KafkaBatchTransport: the worker benchmark runs the
 * pipeline this way, next to the stock Nest Kafka transport.
 */
@Controller()
export class IngestController {
  private readonly handler: SliceHandler;

  constructor(@Inject(ARTICLE_PIPELINE) pipeline: BatchPipeline, metrics: IngestMetrics) {
    this.handler = ingestHandler(pipeline, metrics);
  }

  @MessagePattern(RAW_BATCH_PATTERN)
  handle(@Payload() messages: ConsumedMessage[]): Promise<BatchResult> {
    return this.handler(messages);
  }
}
