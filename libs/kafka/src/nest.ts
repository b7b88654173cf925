// The batch consumer as a Nest transport strategy. Its own entry point, so that what imports '@news/kafka' (the
// worker before it consumes, the configuration) loads no Nest.
export { KafkaBatchContext, KafkaBatchTransport } from './transport/kafka-batch.transport';
