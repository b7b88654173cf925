import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import { ConfigError, describeWorkerConfig, loadWorkerConfig, type WorkerConfig } from '@news/config';
import {
  KAFKAJS_FIXES,
  createKafkaClient,
  ensureTopics,
  missingTopics,
  registerCompressionCodecs,
} from '@news/kafka';
import type { Kafka } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { batchTransportFor } from './batch-transport.factory';
import { restoreDedupIndex } from './dedup-changelog.restore';
import { createDedupStore, inMemoryStoreWarning } from './dedup-store.factory';
import { pipelineFor } from './pipeline.factory';
import { IngestMetrics, MeasuredDedupStore } from './observability';
import { WorkerModule } from './worker.module';
import { workerTopicSpecs } from './worker-topics';

/**
 * Start-up order matters: configuration (fail fast), codecs, the dedup store and the pipeline threads (loading
 * meanwhile), topics, the dedup index restored, then Nest with the HTTP side (metrics, health) and the Kafka
 * transport. SIGTERM/SIGINT stop it within SHUTDOWN_TIMEOUT_MS.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logLevel, base: { instance: config.instanceId } });
  const codecs = registerCompressionCodecs();
  const kafka = createKafkaClient(config.kafka, { logSink: log.child({ context: 'kafkajs' }) });

  const metrics = new IngestMetrics();
  // V8's heap limit here: the old-generation ceiling (each pipeline thread has the same one, docs/worker.md,
  // Memory) plus this thread's young generation.
  const heapLimitBytes = getHeapStatistics().heap_size_limit;
  const storeWarning = inMemoryStoreWarning(config, heapLimitBytes);
  if (storeWarning) log.warn({ maxEntries: config.dedup.maxEntries }, storeWarning);
  const dedup = createDedupStore(config);
  // Measured: dedup store latency and size are operators' first question when the worker slows down.
  const dedupStore = new MeasuredDedupStore(dedup.store, metrics);
  // The pipeline threads load their data on the other cores while this thread checks the topics and restores
  // the dedup index: they get no slice before the transport starts, after both.
  const starting = pipelineFor(config, dedupStore, {
    onThreadExit: (thread, reason) =>
      log.error({ thread, reason }, 'pipeline thread died: replaced; its slices are retried'),
  });
  starting.catch(() => undefined); // awaited below; a failure before then must not go unhandled

  await prepareTopics(config, kafka, log);
  // Before anything consumes: a worker that started with half an index would publish re-scrapes as new stories.
  if (dedup.changelog)
    await restoreDedupIndex(config, kafka, dedup.changelog, log.child({ context: 'dedup' }));
  const pipeline = await starting;
  const transport = batchTransportFor(config, kafka, dedup.changelog);

  const app = await NestFactory.create(
    WorkerModule.forRoot({
      config,
      transport,
      pipeline,
      metrics,
      dedupStoreReachable: dedup.reachable,
    }),
    { bufferLogs: true },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });

  const stop = stopWithin(config.shutdownTimeoutMs, log, [app, pipeline, dedup]);
  process.once('SIGTERM', () => stop('SIGTERM', 0));
  process.once('SIGINT', () => stop('SIGINT', 0));
  transport.on('fatal', (error) => {
    log.fatal(
      { err: error },
      'kafka consumer cannot be restarted: exiting so that the orchestrator restarts the worker',
    );
    stop('fatal consumer crash', 1);
  });

  await app.startAllMicroservices();
  await app.listen(config.httpPort, '0.0.0.0');
  const port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
  logStarted(log, config, codecs, { heapLimitBytes, port });
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

/**
 * The stop of the process, once, whatever asks for it: closes `parts` in order (HTTP and transport, pipeline,
 * dedup store) and exits with `exitCode`, or gives up after `boundMs`.
 */
function stopWithin(
  boundMs: number,
  log: pino.Logger,
  parts: ReadonlyArray<{ close(): Promise<unknown> }>,
): (reason: string, exitCode: number) => void {
  let stopping = false;
  return (reason, exitCode) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason, boundMs }, 'shutting down');
    const deadline = setTimeout(() => {
      // Nothing is lost by giving up here: whatever was not committed is re-read by the next owner.
      log.error({ boundMs }, 'shutdown bound exceeded: exiting with work in flight aborted');
      process.exit(exitCode || 1);
    }, boundMs);
    void (async () => {
      try {
        for (const part of parts) await part.close();
        log.info('stopped cleanly');
      } catch (error) {
        log.error({ err: error }, 'error while stopping');
        exitCode = exitCode || 1;
      }
      clearTimeout(deadline);
      process.exit(exitCode);
    })();
  };
}

/** The start-up line: what the worker consumes and how, with what it could and could not load. */
function logStarted(
  log: pino.Logger,
  config: WorkerConfig,
  codecs: ReturnType<typeof registerCompressionCodecs>,
  { heapLimitBytes, port }: { heapLimitBytes: number; port: number },
): void {
  log.info(
    {
      config: describeWorkerConfig(config),
      codecs: codecs.available,
      unsupportedCodecs: codecs.unavailable,
      crc32c: KAFKAJS_FIXES.crc32c,
      kafkaEncoder: KAFKAJS_FIXES.encoder,
      heapLimitMb: Math.round(heapLimitBytes / 2 ** 20),
      httpPort: port,
    },
    `worker started: consuming ${config.topics.names.raw} as ${config.groupId} (${config.deliveryMode}); http on :${port}`,
  );
  for (const { codec, reason } of codecs.unavailable)
    log.warn({ codec, reason }, `compression codec ${codec} unavailable: batches using it cannot be read`);
}

/** A start-up failure the operator can fix from its message alone: printed without a stack. */
class StartupError extends Error {}

function loadConfigOrExit(): WorkerConfig {
  try {
    return loadWorkerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`news-ingest worker: ${error.message}\n`);
    process.exit(78); // EX_CONFIG: the orchestrator should not restart-loop on a configuration error
  }
}

bootstrap().catch((error: unknown) => {
  const text =
    error instanceof StartupError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`news-ingest worker failed to start: ${text}\n`);
  process.exit(1);
});
