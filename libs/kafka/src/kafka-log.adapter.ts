import { logLevel, type LogEntry, type logCreator } from '@news/kafkajs';
import type { KafkaLogLevelName } from './kafka-connection.config';

/**
 * The part of a logger kafkajs output is routed to. A pino logger fits as it is; so does anything with
 * the same `(fields, message)` methods, which keeps NestJS and pino out of this library's contract.
 */
export interface KafkaLogSink {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export function toKafkajsLogLevel(name: KafkaLogLevelName): logLevel {
  switch (name) {
    case 'nothing':
      return logLevel.NOTHING;
    case 'error':
      return logLevel.ERROR;
    case 'warn':
      return logLevel.WARN;
    case 'info':
      return logLevel.INFO;
    case 'debug':
      return logLevel.DEBUG;
  }
}

type SinkLevel = keyof KafkaLogSink;

// Routine events kafkajs reports louder than an operator needs: a rebalance is normal life for a consumer
// group; the v2 partitioner notice is printed once per process whatever the producer uses.
// kafkajs warns about bounded retries on every idempotent producer; for the worker's transactional producers a
// send that runs out of retries aborts the whole transaction, so nothing is half-written and the warning is noise.
const DEMOTED: ReadonlyArray<{ match: (message: string) => boolean; level: SinkLevel }> = [
  { match: (m) => m.startsWith('The group is rebalancing, re-joining'), level: 'info' },
  { match: (m) => m.startsWith('KafkaJS v2.0.0 switched default partitioner'), level: 'debug' },
  { match: (m) => m.startsWith('Limiting retries for the idempotent producer'), level: 'debug' },
  // The same CONCURRENT_TRANSACTIONS text when kafkajs logs it as the message itself (not as a response's error).
  {
    match: (m) => m.includes('another concurrent operation on the same transaction was ongoing'),
    level: 'debug',
  },
];

interface KafkaProtocolError {
  type: string;
  message: string;
  retriable: boolean;
}

/**
 * kafkajs' Connection logs every error response at error level ("Response AddPartitionsToTxn(key: 24, ...)" with
 * the broker's error text in `error`), before its retrier retries it. For a retriable error that is routine: a
 * broker answers CONCURRENT_TRANSACTIONS when a transaction starts while the previous one's commit markers are
 * still being written (most back-to-back transactions), and the retry ~10 ms later succeeds. Such responses go to
 * debug with a running count per error; a request that runs out of retries still fails, and that failure is what
 * the transport reports (a slice retried, a consumer crash).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' own table of protocol errors
const PROTOCOL_ERRORS = (require('kafkajs/src/protocol/error') as { errorCodes: KafkaProtocolError[] })
  .errorCodes;
const RETRIED_BY_KAFKAJS = new Map<string, string>(
  PROTOCOL_ERRORS.filter((e) => e.retriable || e.type === 'CONCURRENT_TRANSACTIONS').map((e) => [
    e.message,
    e.type,
  ]),
);

function sinkLevel(level: logLevel, message: string): SinkLevel | undefined {
  const demoted = DEMOTED.find((rule) => rule.match(message));
  if (demoted) return demoted.level;
  switch (level) {
    case logLevel.ERROR:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    case logLevel.DEBUG:
      return 'debug';
    case logLevel.NOTHING:
      return undefined;
  }
}

/**
 * A kafkajs logCreator writing one structured line per entry to `sink`: the kafkajs namespace (Consumer,
 * Producer, Connection…) and the entry's own fields become log fields, its message the log message.
 */
export function kafkaLogCreator(sink: KafkaLogSink): logCreator {
  const retried = new Map<string, number>();
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const {
        message,
        timestamp: _timestamp,
        logger: _logger,
        ...fields
      } = log as { message: string; [key: string]: unknown };
      const retriedType =
        message.startsWith('Response ') && typeof fields.error === 'string'
          ? RETRIED_BY_KAFKAJS.get(fields.error)
          : undefined;
      if (retriedType !== undefined) {
        const count = (retried.get(retriedType) ?? 0) + 1;
        retried.set(retriedType, count);
        sink.debug(
          { kafkajs: namespace, ...fields, errorType: retriedType, retriedResponses: count },
          `${message}: ${retriedType}, retried by kafkajs`,
        );
        return;
      }
      const target = sinkLevel(level, message);
      if (target === undefined) return;
      sink[target]({ kafkajs: namespace, ...fields }, message);
    };
}
