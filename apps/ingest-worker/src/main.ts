import { getHeapStatistics } from 'node:v8';
import { ConfigError, describeWorkerConfig, loadWorkerConfig, type WorkerConfig } from '@news/config';
import type { CodecReport, KafkaBatchConsumer, KafkajsFixes } from '@news/kafka';
import pino from 'pino';
import { createDedupStore, inMemoryStoreWarning } from './dedup-store.factory';
import { listenEarly } from './early-health';
import type { HttpSide } from './http-side';
import { startHttpSideGently } from './http-side.loader';
import { allocatorDeviations } from './allocator-env';
import { onCaughtUp } from './caught-up';
import { MainHeapRelease } from './main-heap';
import { ingestHandler } from './ingest.handler';
import { IngestMetrics } from './observability/ingest-metrics';
import { MeasuredDedupStore } from './observability/measured-dedup-store';
import type { ReadinessSource } from './observability/readiness-source';
import { pipelineFor } from './pipeline.factory';
import { StartupError } from './startup-error';
import { TransportTelemetry } from './transport-telemetry';

/**
 * Start-up order matters: configuration (fail fast), the dedup store and the pipeline threads (loading on the
 * other cores from here on), then kafkajs with the topics and the dedup index restored, the health probes on
 * a bare server, the consumer, and only once its first slice has committed, Nest with the rest of the HTTP
 * side (metrics, status page). SIGTERM/SIGINT stop it within SHUTDOWN_TIMEOUT_MS.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logLevel, base: { instance: config.instanceId } });
  const metrics = new IngestMetrics();
  // V8's heap limit here: the old-generation ceiling (each pipeline thread has the same one, docs/worker.md,
  // Memory) plus this thread's young generation.
  const heapLimitBytes = getHeapStatistics().heap_size_limit;
  const storeWarning = inMemoryStoreWarning(config, heapLimitBytes);
  if (storeWarning) log.warn({ maxEntries: config.dedup.maxEntries }, storeWarning);
  // Taken before the pipeline threads exist, for the compression codecs' loaders (registerCompressionCodecs).
  const platformReport = process.report?.getReport?.();
  const dedup = await createDedupStore(config);
  // Measured: dedup store latency and size are operators' first question when the worker slows down.
  const dedupStore = new MeasuredDedupStore(dedup.store, metrics);
  // The pipeline threads load their data on the other cores while this thread loads kafkajs, checks the
  // topics and restores the dedup index: they get no slice before the consumer starts, after all of that.
  const starting = pipelineFor(config, dedupStore, {
    onThreadExit: (thread, reason) =>
      log.error({ thread, reason }, 'pipeline thread died: replaced; its slices are retried'),
    onThreadRecycled: (thread, heapMb) =>
      log.info({ thread, heapMb }, 'idle pipeline thread replaced by a fresh one to give its heap back'),
  });
  starting.catch(() => undefined); // awaited below; a failure before then must not go unhandled

  const kafkaSide = await import('./kafka-side');
  const { kafka, ...loaded } = await kafkaSide.prepareKafka(config, log, dedup, platformReport);
  const pipeline = await starting;
  const consumer = new kafkaSide.KafkaBatchConsumer(
    kafkaSide.batchTransportOptions(config, kafka, dedup.changelog),
    ingestHandler(pipeline, metrics),
  );
  // Listening before the consumer starts: the readiness answer has seen every event when HTTP comes up.
  const telemetry = new TransportTelemetry(consumer, metrics, log.child({ context: 'KafkaBatchTransport' }));
  const readiness: ReadinessSource = {
    kafka: () => telemetry.kafka(),
    live: () => telemetry.live(),
    ...(dedup.reachable ? { redis: dedup.reachable } : {}),
  };

  // After a backlog or a burst, the pipeline threads and this thread give back the heap it grew.
  const mainHeap = new MainHeapRelease();
  const stopWatch = onCaughtUp(consumer, () => {
    pipeline.releaseMemory?.();
    mainHeap.release();
  });

  // A port taken or refused fails the start here, before the consumer joins its group.
  const server = await listenEarly(config.httpPort, readiness);
  const started: { http?: HttpSide } = {};
  const stop = stopWithin(config.shutdownTimeoutMs, log, [
    { close: () => started.http?.close() ?? server.close() },
    {
      close: () => {
        stopWatch();
        mainHeap.stop();
        return Promise.resolve();
      },
    },
    consumer,
    pipeline,
    dedup,
  ]);
  process.once('SIGTERM', () => stop('SIGTERM', 0));
  process.once('SIGINT', () => stop('SIGINT', 0));
  consumer.on('fatal', (error) => {
    log.fatal(
      { err: error },
      'kafka consumer cannot be restarted: exiting so that the orchestrator restarts the worker',
    );
    stop('fatal consumer crash', 1);
  });

  await consumer.start();
  logStarted(log, config, loaded, { heapLimitBytes, port: server.port });
  // Nest, Express and terminus load once the first slice has committed (or the topic stayed quiet for a
  // while), a package at a time: on a backlog they would otherwise compete with the first slices for the
  // event loop.
  await firstCommitOrQuiet(consumer, NEST_LOAD_QUIET_MS);
  try {
    started.http = await startHttpSideGently({ config, metrics, readiness }, server);
  } catch (error) {
    // The consumer already runs: leave the group cleanly rather than make it wait a session timeout.
    log.fatal({ err: error }, 'http side failed to start (metrics, status page): stopping');
    stop('http side failed to start', 1);
    return;
  }
  log.info({ port: server.port }, 'http side loaded: metrics and status page served');
}

/** How long a worker with nothing to consume waits before it loads the rest of its HTTP side anyway. */
const NEST_LOAD_QUIET_MS = 2_000;

/** Resolves at the consumer's first committed slice, or after `quietMs` without one. */
function firstCommitOrQuiet(
  consumer: Pick<KafkaBatchConsumer, 'on' | 'off'>,
  quietMs: number,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      consumer.off('committed', done);
      resolve();
    };
    const timer = setTimeout(done, quietMs);
    consumer.on('committed', done);
  });
}

/**
 * The stop of the process, once, whatever asks for it: closes `parts` in order (HTTP, consumer, pipeline,
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
  { codecs, fixes }: { codecs: CodecReport; fixes: KafkajsFixes },
  { heapLimitBytes, port }: { heapLimitBytes: number; port: number },
): void {
  log.info(
    {
      config: describeWorkerConfig(config),
      codecs: codecs.available,
      unsupportedCodecs: codecs.unavailable,
      crc32c: fixes.crc32c,
      kafkaEncoder: fixes.encoder,
      kafkaMurmur2: fixes.murmur2,
      heapLimitMb: Math.round(heapLimitBytes / 2 ** 20),
      httpPort: port,
    },
    `worker started: consuming ${config.topics.names.raw} as ${config.groupId} (${config.deliveryMode}); http on :${port}`,
  );
  for (const { codec, reason } of codecs.unavailable)
    log.warn({ codec, reason }, `compression codec ${codec} unavailable: batches using it cannot be read`);
  const allocator = process.platform === 'linux' ? allocatorDeviations(process.env) : [];
  if (allocator.length > 0)
    log.warn(
      { allocator },
      'malloc settings differ from the image (apps/ingest-worker/src/allocator-env.ts): after a backlog, ' +
        'resident memory may stay near its peak',
    );
}

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
