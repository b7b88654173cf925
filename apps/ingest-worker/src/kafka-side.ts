import type { WorkerConfig } from '@news/config';
import {
  KAFKAJS_FIXES,
  createKafkaClient,
  ensureTopics,
  missingTopics,
  registerCompressionCodecs,
  type CodecReport,
  type KafkajsFixes,
} from '@news/kafka';
import type { Kafka } from 'kafkajs';
import type pino from 'pino';
import { restoreDedupIndex } from './dedup-changelog.restore';
import type { WorkerDedupStore } from './dedup-store.factory';
import { StartupError } from './startup-error';
import { workerTopicSpecs } from './worker-topics';

export { KafkaBatchConsumer } from '@news/kafka';
export { batchTransportOptions } from './batch-transport.factory';

/**
 * What the worker does on Kafka before it consumes: registers the codecs, checks (or creates) its topics and
 * restores the dedup index from its changelog. Loaded by main.ts once the pipeline threads are on their way.
 */
export async function prepareKafka(
  config: WorkerConfig,
  log: pino.Logger,
  dedup: WorkerDedupStore,
  platformReport?: object,
): Promise<{ kafka: Kafka; codecs: CodecReport; fixes: KafkajsFixes }> {
  const codecs = registerCompressionCodecs(platformReport);
  const kafka = createKafkaClient(config.kafka, { logSink: log.child({ context: 'kafkajs' }) });
  await prepareTopics(config, kafka, log);
  // Before anything consumes: a worker that started with half an index would publish re-scrapes as new stories.
  if (dedup.changelog)
    await restoreDedupIndex(config, kafka, dedup.changelog, log.child({ context: 'dedup' }));
  return { kafka, codecs, fixes: KAFKAJS_FIXES };
}

/** Creates the topics that are missing, or (TOPICS_CREATE=false) refuses to start naming them. */
async function prepareTopics(config: WorkerConfig, kafka: Kafka, log: pino.Logger): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (config.topics.create) {
      const topics = await ensureTopics(admin, workerTopicSpecs(config), {
        logger: log.child({ context: 'topics' }),
      });
      if (topics.created.length > 0) log.info({ topics: topics.created }, 'created missing topics');
    } else {
      // Said now, by name: otherwise a missing input topic fails the consumer with kafkajs' "This server does not
      // host this topic-partition", and a missing output topic only shows as retries of every transaction.
      const needed = Object.values(config.topics.names);
      if (config.dedup.changelog) needed.push(config.dedup.changelog.topic);
      const missing = await missingTopics(admin, needed);
      if (missing.length > 0) {
        throw new StartupError(
          `TOPICS_CREATE=false and ${missing.length === 1 ? 'this topic does' : 'these topics do'} not exist: ` +
            `${missing.join(', ')}. Create them with the settings in docs/operations.md, or set TOPICS_CREATE=true.`,
        );
      }
    }
  } finally {
    await admin.disconnect();
  }
}
