import { PIPELINE_STAGES, isErrorCode } from '@news/contracts';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { LabelGuard, countryName, isIdentifier, isIsoCountry } from './label-guard';
import { StreamWindow, type Outcome, type WindowSnapshot } from './stream-window';
import { WeightedHistogram } from './weighted-histogram';

export type { Outcome } from './stream-window';

/**
 * Every metric the worker exports, with one name used in code, dashboards, alerts and docs
 * (docs/operations.md lists them). Counts are meant to be reported when a batch's transaction has
 * committed, so that at every scrape:
 *
 *   sum(news_ingest_events_consumed_total) == sum(news_ingest_events_produced_total)
 *   sum(news_ingest_events_produced_total{outcome="rejected"}) == sum(news_ingest_dead_letters_total)
 *
 * i.e. consumed = enriched + duplicates + dead-lettered; news_ingest_events_unaccounted shows the difference.
 */
export const METRIC = {
  consumed: 'news_ingest_events_consumed_total',
  produced: 'news_ingest_events_produced_total',
  unaccounted: 'news_ingest_events_unaccounted',
  deadLetters: 'news_ingest_dead_letters_total',
  stageSeconds: 'news_ingest_stage_duration_seconds',
  batchSize: 'news_ingest_batch_size',
  endToEndSeconds: 'news_ingest_end_to_end_seconds',
  lag: 'news_ingest_consumer_lag',
  dedupStoreSeconds: 'news_ingest_dedup_store_duration_seconds',
  dedupStoreEntries: 'news_ingest_dedup_store_entries',
  taggedCountries: 'news_ingest_tagged_countries_total',
  taggedTopics: 'news_ingest_tagged_topics_total',
  retries: 'news_ingest_retries_total',
  rebalances: 'news_ingest_rebalances_total',
} as const;

export const OUTCOMES: readonly Outcome[] = ['enriched', 'duplicate', 'rejected'];

export interface IngestMetricsOptions {
  /** Clock for the status window; tests pass a fake one. */
  now?: () => number;
  /** Process metrics (CPU, memory, event loop, GC) on the same registry; on by default. */
  processMetrics?: boolean;
  /** Taxonomy ids the tagger can emit; without it any identifier is accepted up to a cap. */
  topicIds?: readonly string[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export interface StatusSnapshot extends WindowSnapshot {
  startedAt: string;
  uptimeSeconds: number;
  lag: { total: number; partitions: PartitionLag[] };
  dedupStoreEntries: number | null;
  sinceStart: { consumed: number; produced: Record<Outcome, number>; retries: number; rebalances: number };
  topCountries: Array<{ id: string; count: number; name: string }>;
}

// Per-event latencies of in-process stages are microseconds to milliseconds; publish can take longer.
const STAGE_BUCKETS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];
// End to end starts at the scraper's timestamp, so backlogs of minutes to an hour must stay readable.
const E2E_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** The per-event histograms: time in each pipeline stage, batch sizes, and raw timestamp to commit. */
function eventHistograms(registry: Registry) {
  return {
    stageSeconds: new WeightedHistogram(
      METRIC.stageSeconds,
      'Time one event spends in a pipeline stage (parse, normalize, dedup, tag, publish, ...).',
      STAGE_BUCKETS,
      'stage',
      registry,
    ),
    batchSize: new WeightedHistogram(
      METRIC.batchSize,
      'Events per processed batch.',
      BATCH_BUCKETS,
      undefined,
      registry,
    ),
    endToEnd: new WeightedHistogram(
      METRIC.endToEndSeconds,
      "Seconds from the raw event's Kafka timestamp to the commit of its output.",
      E2E_BUCKETS,
      undefined,
      registry,
    ),
  };
}

/** The tag counters: fed from `countries` and `topics`, the sums pending since the last scrape. */
function registerTagCounters(
  registers: Registry[],
  countries: Map<string, number>,
  topics: Map<string, number>,
): void {
  const countryTotal: Counter<'country'> = new Counter({
    name: METRIC.taggedCountries,
    help: 'Enriched events tagged with a country (ISO 3166-1 alpha-2 codes only).',
    labelNames: ['country'],
    registers,
    collect: () => flush(countries, (country, n) => countryTotal.inc({ country }, n)),
  });
  const topicTotal: Counter<'topic_id'> = new Counter({
    name: METRIC.taggedTopics,
    help: 'Enriched events tagged with a taxonomy topic (taxonomy ids only).',
    labelNames: ['topic_id'],
    registers,
    collect: () => flush(topics, (topicId, n) => topicTotal.inc({ topic_id: topicId }, n)),
  });
}

export class IngestMetrics {
  readonly registry = new Registry();
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly window: StreamWindow;

  private readonly consumedTotal: Counter<'topic'>;
  private readonly producedTotal: Counter<'topic' | 'outcome'>;
  private readonly unaccountedGauge: Gauge;
  private readonly deadLetterTotal: Counter<'code'>;
  private readonly stageSeconds: WeightedHistogram;
  private readonly batchSize: WeightedHistogram;
  private readonly endToEnd: WeightedHistogram;
  private readonly lagGauge: Gauge<'topic' | 'partition'>;
  private readonly storeSeconds: WeightedHistogram;
  private readonly storeEntries: Gauge;
  // Tags arrive once per enriched event; they are summed here and handed to the counters at scrape time.
  /** Tags of produced records whose slice has not committed yet; a retried slice's records are never taken. */
  private readonly uncommittedTags = new WeakMap<object, { countries: string[]; topics: string[] }>();
  private readonly pendingCountries = new Map<string, number>();
  private readonly pendingTopics = new Map<string, number>();
  private readonly retryTotal: Counter<'reason'>;
  private readonly rebalanceTotal: Counter;

  // Plain mirrors of the counters: prom-client reads are async, the status page wants them cheaply.
  private consumedCount = 0;
  private readonly producedCount: Record<Outcome, number> = { enriched: 0, duplicate: 0, rejected: 0 };
  private retryCount = 0;
  private rebalanceCount = 0;
  private storeSize: number | null = null;
  private readonly lags = new Map<string, PartitionLag>();

  private readonly kafkaTopics = new LabelGuard(() => true, 32);
  private readonly codes = new LabelGuard(isErrorCode, Number.MAX_SAFE_INTEGER, 'unknown');
  private readonly stages = new LabelGuard((s) => (PIPELINE_STAGES as readonly string[]).includes(s), 32);
  private readonly countries = new LabelGuard(isIsoCountry, 300);
  private readonly topics: LabelGuard;
  private readonly reasons = new LabelGuard(isIdentifier, 20);

  constructor(options: IngestMetricsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.window = new StreamWindow(this.now);
    const known = options.topicIds ? new Set(options.topicIds) : null;
    this.topics = new LabelGuard(
      (id) => (known ? known.has(id) : isIdentifier(id)),
      known ? known.size : 200,
    );
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });

    this.consumedTotal = new Counter({
      name: METRIC.consumed,
      help: 'Raw events whose processing was committed, by input topic.',
      labelNames: ['topic'],
      registers,
    });
    this.producedTotal = new Counter({
      name: METRIC.produced,
      help: 'Committed output events by output topic and outcome (enriched, duplicate, rejected = dead-lettered). Sums to the consumed total.',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.unaccountedGauge = new Gauge({
      name: METRIC.unaccounted,
      help: 'Consumed minus produced events (all outcomes). Zero whenever no batch is between commit and report; anything else is a bug.',
      registers,
      collect: () => {
        const produced = OUTCOMES.reduce((sum, o) => sum + this.producedCount[o], 0);
        this.unaccountedGauge.set(this.consumedCount - produced);
      },
    });
    this.deadLetterTotal = new Counter({
      name: METRIC.deadLetters,
      help: 'Dead letters written, by error code (libs/contracts ERROR_CODES; "unknown" for anything else).',
      labelNames: ['code'],
      registers,
    });
    const histograms = eventHistograms(this.registry);
    this.stageSeconds = histograms.stageSeconds;
    this.batchSize = histograms.batchSize;
    this.endToEnd = histograms.endToEnd;
    this.lagGauge = new Gauge({
      name: METRIC.lag,
      help: 'Messages between the committed offset and the high watermark, per assigned partition.',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.storeSeconds = new WeightedHistogram(
      METRIC.dedupStoreSeconds,
      'Latency of one dedup store round trip (memory or Redis).',
      STORE_BUCKETS,
      undefined,
      this.registry,
    );
    this.storeEntries = new Gauge({
      name: METRIC.dedupStoreEntries,
      help: 'Fingerprints held by the dedup store.',
      registers,
    });
    registerTagCounters(registers, this.pendingCountries, this.pendingTopics);
    this.retryTotal = new Counter({
      name: METRIC.retries,
      help: 'Transient failures retried with backoff, by reason (broker, redis, timeout, ...).',
      labelNames: ['reason'],
      registers,
    });
    this.rebalanceTotal = new Counter({
      name: METRIC.rebalances,
      help: 'Consumer group rebalances this process took part in.',
      registers,
    });
    // Known label values start at zero so rate() and the invariant work from the first scrape.
    for (const stage of PIPELINE_STAGES) this.stageSeconds.zero(stage);
    this.batchSize.zero();
    this.endToEnd.zero();
    this.storeSeconds.zero();
  }

  /** Raw events from `topic` whose batch has committed. */
  consumed(topic: string, count: number): void {
    this.consumedTotal.inc({ topic: this.kafkaTopics.label(topic) }, count);
    this.consumedCount += count;
    this.window.consumed(count);
  }

  /** Committed outputs: one per consumed event, on the enriched, duplicates or dead-letter topic. */
  produced(topic: string, outcome: Outcome, count: number): void {
    this.producedTotal.inc({ topic: this.kafkaTopics.label(topic), outcome }, count);
    this.producedCount[outcome] += count;
    this.window.outcome(outcome, count);
  }

  /** Dead letters by code; call alongside produced(dlqTopic, 'rejected', n). */
  deadLettered(code: string, count: number): void {
    const label = this.codes.label(code);
    this.deadLetterTotal.inc({ code: label }, count);
    this.window.deadLettered(label, count);
  }

  /**
   * `seconds` spent in `stage` on `count` events (default 1). Recorded as `count` observations of the
   * per-event mean, so a batch-level timing still yields per-event percentiles.
   */
  observeStage(stage: string, seconds: number, count = 1): void {
    if (count <= 0) return;
    this.stageSeconds.observe(seconds / count, count, this.stages.label(stage));
  }

  observeBatch(size: number): void {
    this.batchSize.observe(size);
  }

  /** From the raw event's timestamp to the commit of its output. */
  observeEndToEnd(seconds: number): void {
    this.endToEnd.observe(seconds);
    this.window.endToEnd(seconds);
  }

  setLag(topic: string, partition: number, lag: number): void {
    const label = this.kafkaTopics.label(topic);
    this.lagGauge.set({ topic: label, partition: String(partition) }, lag);
    this.lags.set(`${label}\u0000${partition}`, { topic: label, partition, lag });
  }

  observeDedupStore(seconds: number): void {
    this.storeSeconds.observe(seconds);
  }

  setDedupStoreSize(size: number): void {
    this.storeEntries.set(size);
    this.storeSize = size;
  }

  /**
   * Remembers the tags of one produced record until its slice commits (`committed`): counted before the commit,
   * a slice that is retried or split to isolate a poison input would count its tags again.
   */
  noteTags(record: object, countries: string[], topics: string[]): void {
    if (countries.length > 0 || topics.length > 0) this.uncommittedTags.set(record, { countries, topics });
  }

  /** The records of a committed slice: counts the tags noted for them, once. */
  committed(records: readonly object[]): void {
    for (const record of records) {
      const tags = this.uncommittedTags.get(record);
      if (!tags) continue;
      this.uncommittedTags.delete(record);
      this.tagged(tags.countries, tags.topics);
    }
  }

  /** Tags of one enriched event. Unknown codes and ids are counted as "other", never as new series. */
  tagged(countries: string[], topics: string[]): void {
    const c = countries.map((code) => this.countries.label(code));
    const t = topics.map((id) => this.topics.label(id));
    for (const code of c) this.pendingCountries.set(code, (this.pendingCountries.get(code) ?? 0) + 1);
    for (const id of t) this.pendingTopics.set(id, (this.pendingTopics.get(id) ?? 0) + 1);
    this.window.tagged(c, t);
  }

  retried(reason: string): void {
    this.retryTotal.inc({ reason: this.reasons.label(reason) });
    this.retryCount += 1;
  }

  /**
   * A rebalance may move partitions to another process; their lag is no longer ours to report, so the
   * gauge starts over and the worker sets it again for what it now owns.
   */
  rebalanced(): void {
    this.rebalanceTotal.inc();
    this.rebalanceCount += 1;
    this.lagGauge.reset();
    this.lags.clear();
  }

  /** Prometheus text exposition of the whole registry. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** What the status page shows: the last hour plus current lag and totals since start. */
  status(): StatusSnapshot {
    const snap = this.window.snapshot();
    const partitions = [...this.lags.values()].sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
    );
    return {
      ...snap,
      topCountries: snap.topCountries.map((c) => ({
        ...c,
        name: c.id === 'other' ? 'Other' : countryName(c.id),
      })),
      startedAt: new Date(this.startedAt).toISOString(),
      uptimeSeconds: Math.round((this.now() - this.startedAt) / 1000),
      lag: { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions },
      dedupStoreEntries: this.storeSize,
      sinceStart: {
        consumed: this.consumedCount,
        produced: { ...this.producedCount },
        retries: this.retryCount,
        rebalances: this.rebalanceCount,
      },
    };
  }
}

function flush(pending: Map<string, number>, apply: (label: string, count: number) => void): void {
  for (const [label, count] of pending) apply(label, count);
  pending.clear();
}
