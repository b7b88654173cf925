/**
 * Injection token of the pipeline for IngestController: the worker as a Nest microservice (KafkaBatchTransport),
 * as the worker bench runs it.
 */
export const ARTICLE_PIPELINE = Symbol.for('news-ingest.ArticlePipeline');
