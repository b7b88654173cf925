import { assertReadCommittedFilter, Kafka, type RetryOptions } from '@news/kafkajs';
import pino from 'pino';
import type { KafkaConnection, KafkaLogLevelName } from './kafka-connection.config';
import { kafkaLogCreator, toKafkajsLogLevel, type KafkaLogSink } from './kafka-log.adapter';
import { registerCompressionCodecs } from './transport/compression-codecs';

export interface KafkaClientOptions {
  /** Where kafkajs logs go; default: a JSON (pino) logger named "kafkajs" on stderr. */
  logSink?: KafkaLogSink;
  /** Overrides the connection's clientId (a process with several roles may name each). */
  clientId?: string;
  /** kafkajs client retry policy for requests; kafkajs defaults otherwise. */
  retry?: RetryOptions;
}

const fallbackSinks = new Map<KafkaLogLevelName, KafkaLogSink>();

// stderr keeps stdout free for commands whose output is data (the CLI prints events there). The pino level
// follows KAFKA_LOG_LEVEL so that entries the adapter demotes below it stay quiet.
function fallbackSink(level: KafkaLogLevelName): KafkaLogSink {
  let sink = fallbackSinks.get(level);
  if (!sink) {
    sink = pino({ name: 'kafkajs', level: level === 'nothing' ? 'silent' : level }, pino.destination(2));
    fallbackSinks.set(level, sink);
  }
  return sink;
}

/** The project's kafkajs client: brokers, TLS, SASL and timeouts from `connection`, logs through a sink. */
export function createKafkaClient(connection: KafkaConnection, options: KafkaClientOptions = {}): Kafka {
  // Every reader here is read_committed: refuse to run on a kafkajs that would deliver aborted records.
  assertReadCommittedFilter();
  // Any of our clients may read compressed batches (scrapers' input, the worker's own outputs, dead letters).
  registerCompressionCodecs();
  return new Kafka({
    clientId: options.clientId ?? connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl === false ? false : { ...connection.ssl },
    sasl: connection.sasl,
    connectionTimeout: connection.connectionTimeoutMs,
    requestTimeout: connection.requestTimeoutMs,
    retry: options.retry,
    logLevel: toKafkajsLogLevel(connection.logLevel),
    logCreator: kafkaLogCreator(options.logSink ?? fallbackSink(connection.logLevel)),
  });
}
