export { ThreadedPipeline, threadExecArgv, type ThreadedPipelineOptions } from './threaded-pipeline';
export {
  OrderedThreadedPipeline,
  type OrderedBatchResult,
  type OrderedThreadedPipelineOptions,
} from './ordered-threaded-pipeline';
export type { OutcomeDetail } from './thread-protocol';
