// kafkajs with the read_committed fix first, before anything else here can load kafkajs (the codecs do).
import { Kafka, logLevel, READ_COMMITTED_INSTALL } from '@news/kafkajs';
import { assertReadCommittedFilter, ReadCommittedFilterError } from '@news/kafkajs/read-committed-filter';
import { registerCompressionCodecs } from '@news/kafka/compression-codecs';
import { DEFAULT_TOPICS, type DeadLetter, type DuplicateNotice, type EnrichedArticle } from '@news/contracts';
import type { Consumer, ConsumerConfig, KafkaConfig, LogEntry } from 'kafkajs';
import type { EventKind } from './event-decoder';
import { EventRouter, type BadEvent, type EventContext } from './event-router';
import type { StoryFilter } from './story-filter';

type Handler<E> = (event: E, context: EventContext) => void | Promise<void>;

/** One handler per kind of event; topics without a handler are not subscribed to. */
export interface SubscriberHandlers {
  enriched?: Handler<EnrichedArticle>;
  duplicate?: Handler<DuplicateNotice>;
  deadLetter?: Handler<DeadLetter>;
  /** Values that are not valid events of their topic. Default: one JSON line on stderr. Never stops the consumer. */
  error?: (problem: BadEvent) => void | Promise<void>;
}

export interface SubscriberOptions {
  brokers: string[];
  groupId: string;
  clientId?: string;
  /** Topic names, when the worker's are not the defaults (TOPIC_ENRICHED, TOPIC_DUPLICATES, TOPIC_DLQ). */
  topics?: { enriched?: string; duplicates?: string; deadLetter?: string };
  /** Enriched articles to hand over; the others are skipped on their routing headers, unparsed. */
  filter?: StoryFilter;
  /** A new consumer group starts at the beginning of the topics instead of their end. */
  fromBeginning?: boolean;
  /** TLS, SASL, timeouts, retry: passed to kafkajs as they are. */
  kafka?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logCreator'>;
  /** kafkajs consumer settings; isolation is always read_committed. */
  consumer?: Omit<ConsumerConfig, 'groupId' | 'readUncommitted'>;
  /** Where kafkajs' own log lines go (warnings and errors by default). Default: JSON lines on stderr. */
  log?: (entry: { level: string; namespace: string; message: string; [field: string]: unknown }) => void;
}

/** Counts since run(): what was handed over, skipped by the filter, and refused as bad. */
export interface SubscriberStats {
  delivered: number;
  filtered: number;
  bad: number;
}

export class SubscriberStartError extends Error {
  override readonly name = 'SubscriberStartError';
}

const HANDLER_OF: Record<EventKind, 'enriched' | 'duplicate' | 'deadLetter'> = {
  enriched: 'enriched',
  duplicate: 'duplicate',
  'dead-letter': 'deadLetter',
};

/**
 * A read_committed subscriber to news-ingest's outputs. `run` refuses to start when the kafkajs it runs would hand
 * over records of aborted transactions, or when the zstd codec (the worker's default) cannot load here.
 */
export class NewsSubscriber {
  readonly stats: SubscriberStats = { delivered: 0, filtered: 0, bad: 0 };
  private consumer: Consumer | undefined;

  constructor(private readonly options: SubscriberOptions) {}

  async run(handlers: SubscriberHandlers): Promise<void> {
    if (this.consumer) throw new SubscriberStartError('this subscriber is already running');
    assertReadCommittedInForce();
    const codecs = registerCompressionCodecs();
    const zstd = codecs.unavailable.find((entry) => entry.codec === 'zstd');
    if (zstd)
      throw new SubscriberStartError(
        `the zstd codec does not load here (${zstd.reason}); news-ingest writes zstd batches`,
      );

    const names = { ...DEFAULT_TOPICS, ...this.options.topics };
    const kindOfTopic = new Map<string, EventKind>();
    if (handlers.enriched) kindOfTopic.set(names.enriched, 'enriched');
    if (handlers.duplicate) kindOfTopic.set(names.duplicates, 'duplicate');
    if (handlers.deadLetter) kindOfTopic.set(names.deadLetter, 'dead-letter');
    if (kindOfTopic.size === 0)
      throw new SubscriberStartError('give at least one of the enriched, duplicate or deadLetter handlers');
    const router = new EventRouter(kindOfTopic, this.options.filter);
    const onError =
      handlers.error ??
      ((problem: BadEvent) =>
        void process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'bad event', ...problem })}\n`));
    const log = this.options.log ?? ((entry) => void process.stderr.write(`${JSON.stringify(entry)}\n`));

    const kafka = new Kafka({
      logLevel: logLevel.WARN,
      ...this.options.kafka,
      brokers: this.options.brokers,
      clientId: this.options.clientId ?? `news-subscriber-${this.options.groupId}`,
      logCreator: () => (entry: LogEntry) =>
        log({
          ...entry.log,
          level: logLevel[entry.level],
          namespace: entry.namespace,
          message: entry.log.message,
        }),
    });
    const consumer = kafka.consumer({
      ...this.options.consumer,
      groupId: this.options.groupId,
      readUncommitted: false,
    });
    await consumer.connect();
    this.consumer = consumer;
    try {
      await consumer.subscribe({
        topics: [...kindOfTopic.keys()],
        fromBeginning: this.options.fromBeginning ?? false,
      });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const routed = router.route(topic, partition, message);
          switch (routed.action) {
            case 'skip':
              this.stats.filtered += 1;
              return;
            case 'reject':
              this.stats.bad += 1;
              try {
                await onError(routed.problem);
              } catch (error) {
                log({
                  level: 'ERROR',
                  namespace: 'news-subscriber',
                  message: `the error handler threw: ${(error as Error).message}`,
                });
              }
              return;
            case 'deliver':
              // A throwing handler is retried by kafkajs (the offset is not committed): at-least-once handling.
              await (handlers[HANDLER_OF[routed.kind]] as Handler<unknown>)(routed.event, routed.context);
              this.stats.delivered += 1;
              return;
          }
        },
      });
    } catch (error) {
      this.consumer = undefined;
      await consumer.disconnect();
      throw error;
    }
  }

  /** Leaves the group and disconnects; handlers in flight finish first. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) await consumer.disconnect();
  }
}

/** Creates a subscriber; nothing connects until `run`. */
export function createSubscriber(options: SubscriberOptions): NewsSubscriber {
  return new NewsSubscriber(options);
}

function assertReadCommittedInForce(): void {
  try {
    assertReadCommittedFilter();
  } catch (error) {
    if (!(error instanceof ReadCommittedFilterError)) throw error;
    const cause =
      READ_COMMITTED_INSTALL instanceof Error
        ? ' (kafkajs was already loaded when @news-ingest/consumer was)'
        : '';
    throw new ReadCommittedFilterError(
      `refusing to start: the kafkajs loaded here would hand over records of aborted transactions${cause}. ` +
        'Load @news-ingest/consumer before anything that loads kafkajs.',
    );
  }
}
