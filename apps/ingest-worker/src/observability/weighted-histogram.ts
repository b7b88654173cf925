import type { Metric, Registry } from 'prom-client';

/** The shape prom-client's Registry reads from a metric's get() (its typings only name its own classes). */
export interface HistogramSnapshot {
  name: string;
  help: string;
  type: 'histogram';
  aggregator: 'sum';
  values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }>;
}

/**
 * A Prometheus histogram for the hot path. prom-client's Histogram hashes its label object and validates
 * it on every observe (about 2 µs here), and has no way to record one timing for a whole batch as N
 * events. This one keeps plain typed arrays per label value, takes a weight, and is exported by the same
 * prom-client Registry through the `get()` contract the registry calls on every metric.
 */
export class WeightedHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, { buckets: Float64Array; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
    private readonly labelName?: string,
    registry?: Registry,
  ) {
    // The registry only needs name/help/type and get(); its TypeScript type lists prom-client's own classes.
    registry?.registerMetric(this as unknown as Metric);
  }

  /** Creates the series at zero, so rate() and absent-series checks work before the first event. */
  zero(labelValue = ''): void {
    this.entry(labelValue);
  }

  /** Records `weight` observations of `value` (weight 1 = one event). */
  observe(value: number, weight = 1, labelValue = ''): void {
    if (!Number.isFinite(value) || !(weight > 0)) return;
    const entry = this.entry(labelValue);
    let i = 0;
    while (i < this.upperBounds.length && value > this.upperBounds[i]) i++;
    if (i < this.upperBounds.length) entry.buckets[i] += weight;
    entry.sum += value * weight;
    entry.count += weight;
  }

  reset(): void {
    this.series.clear();
  }

  get(): Promise<HistogramSnapshot> {
    const values: HistogramSnapshot['values'] = [];
    for (const [labelValue, entry] of this.series) {
      const labels: Record<string, string> = this.labelName ? { [this.labelName]: labelValue } : {};
      let cumulative = 0;
      this.upperBounds.forEach((bound, i) => {
        cumulative += entry.buckets[i];
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { ...labels, le: bound },
          value: cumulative,
        });
      });
      values.push({
        metricName: `${this.name}_bucket`,
        labels: { ...labels, le: '+Inf' },
        value: entry.count,
      });
      values.push({ metricName: `${this.name}_sum`, labels, value: entry.sum });
      values.push({ metricName: `${this.name}_count`, labels, value: entry.count });
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: 'histogram',
      aggregator: 'sum',
      values,
    });
  }

  private entry(labelValue: string) {
    let entry = this.series.get(labelValue);
    if (!entry) {
      entry = { buckets: new Float64Array(this.upperBounds.length), sum: 0, count: 0 };
      this.series.set(labelValue, entry);
    }
    return entry;
  }
}
