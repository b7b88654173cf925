import { Kafka, type RetryOptions } from 'kafkajs';
import pino from 'pino';
import type { KafkaConnection } from './kafka-connection.config';
import { kafkaLogCreator, toKafkajsLogLevel, type KafkaLogSink } from './kafka-log.adapter';

export interface KafkaClientOptions {
  /** Where kafkajs logs go; default: a JSON (pino) logger named "kafkajs" on stderr. */
  logSink?: KafkaLogSink;
  /** Overrides the connection's clientId (a process with several roles may name each). */
  clientId?: string;
  /** kafkajs client retry policy for requests; kafkajs defaults otherwise. */
  retry?: RetryOptions;
}

let defaultSink: KafkaLogSink | undefined;

// stderr keeps stdout free for commands whose output is data (the CLI prints events there).
function fallbackSink(): KafkaLogSink {
  defaultSink ??= pino({ name: 'kafkajs', level: 'debug' }, pino.destination(2));
  return defaultSink;
}

/** The project's kafkajs client: brokers, TLS, SASL and timeouts from `connection`, logs through a sink. */
export function createKafkaClient(connection: KafkaConnection, options: KafkaClientOptions = {}): Kafka {
  return new Kafka({
    clientId: options.clientId ?? connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl === false ? false : { ...connection.ssl },
    sasl: connection.sasl,
    connectionTimeout: connection.connectionTimeoutMs,
    requestTimeout: connection.requestTimeoutMs,
    retry: options.retry,
    logLevel: toKafkajsLogLevel(connection.logLevel),
    logCreator: kafkaLogCreator(options.logSink ?? fallbackSink()),
  });
}
