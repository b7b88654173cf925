export * from './raw-envelope';
export { decodeRawArticle, type DecodeOptions } from './decode-raw-article';
export {
  ArticlePipeline,
  createPipeline,
  rejectionOutcome,
  DEFAULT_MAX_PAYLOAD_BYTES,
  TAG_TEXT_CHARS,
  type PipelineOptions,
} from './article-pipeline';
export { inputTime, UNKNOWN_INPUT_TIME } from './event-builders';
export { traceContextFor, type TraceContext } from './trace-context';
export { PIPELINE_VERSION } from './version';
export {
  InProcessPipeline,
  publishable,
  type BatchPipeline,
  type PublishableOutcome,
} from './batch-pipeline';
