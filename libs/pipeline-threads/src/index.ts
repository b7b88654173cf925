export { ThreadedPipeline, threadExecArgv, type ThreadedPipelineOptions } from './threaded-pipeline';
