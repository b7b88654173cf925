/** Injection tokens of the worker's own providers. */
export const ARTICLE_PIPELINE = Symbol.for('news-ingest.ArticlePipeline');
