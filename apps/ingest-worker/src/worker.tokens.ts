/** Injection tokens of the worker's own providers. */
export const ARTICLE_PIPELINE = Symbol.for('news-ingest.ArticlePipeline');
export const WORKER_CONFIG = Symbol.for('news-ingest.WorkerConfig');
export const BATCH_TRANSPORT = Symbol.for('news-ingest.KafkaBatchTransport');
export const DEDUP_STORE = Symbol.for('news-ingest.DedupStore');
