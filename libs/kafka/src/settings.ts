// The Kafka settings the configuration reads, without kafkajs: '@news/config' imports this entry, so that
// loading the configuration loads no Kafka client (the worker starts its pipeline threads before kafkajs loads).
export { CODEC_NAMES, type CodecName } from './transport/codec-names';
export {
  DELIVERY_MODES,
  type ConsumerSettings,
  type DeliveryMode,
  type RetrySettings,
} from './transport/batch-transport.types';
export {
  describeKafkaConnection,
  readKafkaConnection,
  type KafkaConnection,
} from './kafka-connection.config';
