import { IngestMetrics, METRIC } from './ingest-metrics';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the Prometheus text format the way a scraper would. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`unparseable line: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

function sum(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((acc, s) => acc + s.value, 0);
}

describe('IngestMetrics', () => {
  it('exposes every documented metric with help text, plus process metrics', async () => {
    const metrics = new IngestMetrics();
    metrics.setLag('news.articles.raw.v1', 0, 3);
    const text = await metrics.render();
    for (const name of Object.values(METRIC)) {
      const base = name.replace(/_total$/, '');
      expect(text).toContain(`# HELP ${base === name ? name : base}`);
    }
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('makes consumed = enriched + duplicates + dead-lettered visible at every scrape', async () => {
    const metrics = new IngestMetrics({ processMetrics: false });
    metrics.consumed('news.articles.raw.v1', 10);
    let samples = parse(await metrics.render());
    // Consumed but not yet reported as produced: the gap is what the unaccounted gauge shows.
    expect(sum(samples, METRIC.unaccounted)).toBe(10);

    metrics.produced('news.articles.enriched.v1', 'enriched', 6);
    metrics.produced('news.articles.duplicates.v1', 'duplicate', 2);
    metrics.produced('news.articles.dlq.v1', 'rejected', 2);
    metrics.deadLettered('invalid-json', 1);
    metrics.deadLettered('schema-violation', 1);
    samples = parse(await metrics.render());

    expect(sum(samples, METRIC.consumed)).toBe(10);
    expect(sum(samples, METRIC.produced)).toBe(10);
    expect(sum(samples, METRIC.produced, { outcome: 'enriched' })).toBe(6);
    expect(sum(samples, METRIC.produced, { outcome: 'duplicate' })).toBe(2);
    expect(sum(samples, METRIC.produced, { outcome: 'rejected' })).toBe(sum(samples, METRIC.deadLetters));
    expect(sum(samples, METRIC.deadLetters, { code: 'invalid-json' })).toBe(1);
    expect(sum(samples, METRIC.unaccounted)).toBe(0);
  });

  it('keeps label sets bounded: unknown codes, countries and reasons never become new series', async () => {
    const metrics = new IngestMetrics({ processMetrics: false, topicIds: ['conflict', 'diplomacy'] });
    metrics.deadLettered('made-up-code', 1);
    metrics.tagged(['UA', 'RU', 'XX', 'Ghana'], ['conflict', 'sports', 'conflict']);
    for (let i = 0; i < 50; i++) metrics.retried(`reason-${i}`);
    metrics.retried('free text with spaces');
    const samples = parse(await metrics.render());

    expect(sum(samples, METRIC.deadLetters, { code: 'unknown' })).toBe(1);
    const countries = samples.filter((s) => s.name === METRIC.taggedCountries).map((s) => s.labels.country);
    expect(countries.sort()).toEqual(['RU', 'UA', 'other']);
    expect(sum(samples, METRIC.taggedCountries, { country: 'other' })).toBe(2);
    expect(sum(samples, METRIC.taggedTopics, { topic_id: 'conflict' })).toBe(2);
    expect(sum(samples, METRIC.taggedTopics, { topic_id: 'other' })).toBe(1);
    const reasons = new Set(samples.filter((s) => s.name === METRIC.retries).map((s) => s.labels.reason));
    expect(reasons.size).toBeLessThanOrEqual(21);
    expect(sum(samples, METRIC.retries)).toBe(51);
  });

  it('counts tags once, when the records carrying them commit, not when the handler produces them', async () => {
    const metrics = new IngestMetrics({ processMetrics: false, topicIds: ['conflict'] });
    const first = { value: 'first attempt' };
    const retried = { value: 'the same input, after a retry' };
    metrics.noteTags(first, ['UA'], ['conflict']); // its slice fails and is retried: never committed
    metrics.noteTags(retried, ['UA'], ['conflict']);
    expect(sum(parse(await metrics.render()), METRIC.taggedCountries)).toBe(0);
    metrics.committed([retried, { value: 'a duplicate notice, no tags' }]);
    metrics.committed([retried]); // reported again: counted once all the same
    const samples = parse(await metrics.render());
    expect(sum(samples, METRIC.taggedCountries, { country: 'UA' })).toBe(1);
    expect(sum(samples, METRIC.taggedTopics, { topic_id: 'conflict' })).toBe(1);
  });

  it('records a batch-level stage timing as per-event observations', async () => {
    const metrics = new IngestMetrics({ processMetrics: false });
    metrics.observeStage('normalize', 0.5, 100);
    metrics.observeStage('publish', 0.02);
    metrics.observeBatch(100);
    metrics.observeEndToEnd(1.5);
    const samples = parse(await metrics.render());
    expect(sum(samples, `${METRIC.stageSeconds}_count`, { stage: 'normalize' })).toBe(100);
    expect(sum(samples, `${METRIC.stageSeconds}_sum`, { stage: 'normalize' })).toBeCloseTo(0.5, 6);
    // 5 ms per event lands in the 5 ms bucket, not in the 2.5 ms one.
    expect(sum(samples, `${METRIC.stageSeconds}_bucket`, { stage: 'normalize', le: '0.0025' })).toBe(0);
    expect(sum(samples, `${METRIC.stageSeconds}_bucket`, { stage: 'normalize', le: '0.005' })).toBe(100);
    expect(sum(samples, `${METRIC.stageSeconds}_count`, { stage: 'publish' })).toBe(1);
    expect(sum(samples, `${METRIC.batchSize}_sum`)).toBe(100);
    expect(sum(samples, `${METRIC.endToEndSeconds}_count`)).toBe(1);
  });

  it('forgets partition lag on rebalance, since the partitions may now belong to another process', async () => {
    const metrics = new IngestMetrics({ processMetrics: false });
    metrics.setLag('raw', 0, 40);
    metrics.setLag('raw', 1, 2);
    expect(metrics.status().lag).toEqual({
      total: 42,
      partitions: [
        { topic: 'raw', partition: 0, lag: 40 },
        { topic: 'raw', partition: 1, lag: 2 },
      ],
    });
    metrics.rebalanced();
    metrics.setLag('raw', 1, 5);
    const samples = parse(await metrics.render());
    expect(samples.filter((s) => s.name === METRIC.lag)).toEqual([
      { name: METRIC.lag, labels: { topic: 'raw', partition: '1' }, value: 5 },
    ]);
    expect(sum(samples, METRIC.rebalances)).toBe(1);
    expect(metrics.status().lag.total).toBe(5);
  });

  it('summarises the last hour for the status page and drops what is older', () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 30);
    const metrics = new IngestMetrics({ processMetrics: false, now: () => now });
    metrics.consumed('raw', 120);
    metrics.produced('enriched', 'enriched', 100);
    metrics.produced('duplicates', 'duplicate', 15);
    metrics.produced('dlq', 'rejected', 5);
    metrics.deadLettered('empty-body', 5);
    metrics.tagged(['UA', 'RU'], ['conflict']);
    metrics.tagged(['UA', 'CN'], ['conflict', 'diplomacy']);
    metrics.tagged(['UA'], ['diplomacy']);
    metrics.observeEndToEnd(0.2);
    metrics.observeEndToEnd(0.4);
    metrics.setDedupStoreSize(1234);

    now += 60_000; // next minute: the first one is now the last full minute
    let status = metrics.status();
    expect(status.totals).toEqual({ consumed: 120, enriched: 100, duplicate: 15, rejected: 5 });
    expect(status.throughput.lastMinutePerSecond).toBe(2);
    expect(status.endToEndAvgSeconds).toBeCloseTo(0.3, 6);
    expect(status.perMinute).toHaveLength(60);
    expect(status.perMinute[58]).toEqual({
      at: '2026-01-01T12:00:00.000Z',
      consumed: 120,
      enriched: 100,
      duplicate: 15,
      rejected: 5,
    });
    expect(status.topCountries[0]).toEqual({ id: 'UA', count: 3, name: 'Ukraine' });
    expect(status.topCountries.map((c) => c.id)).toEqual(['UA', 'CN', 'RU']);
    expect(status.topTopics).toEqual([
      { id: 'conflict', count: 2 },
      { id: 'diplomacy', count: 2 },
    ]);
    expect(status.deadLetterCodes).toEqual([{ id: 'empty-body', count: 5 }]);
    expect(status.dedupStoreEntries).toBe(1234);
    expect(status.uptimeSeconds).toBe(60);

    now += 60 * 60_000; // an hour later the window is empty, totals since start are not
    metrics.consumed('raw', 1);
    status = metrics.status();
    expect(status.totals.consumed).toBe(1);
    expect(status.topCountries).toEqual([]);
    expect(status.sinceStart.consumed).toBe(121);
    expect(status.sinceStart.produced).toEqual({ enriched: 100, duplicate: 15, rejected: 5 });
  });
});
