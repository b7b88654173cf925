import { IngestMetrics } from '../../apps/ingest-worker/src/observability';

/**
 * The series names a PromQL expression may use given what the worker exports: every registered metric,
 * plus the _bucket/_sum/_count series of histograms, plus Prometheus' own `up`.
 */
export async function exportedSeriesNames(): Promise<Set<string>> {
  const metrics = new IngestMetrics();
  const names = new Set<string>(['up']);
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

const PROMQL_WORDS = new Set([
  'sum',
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'by',
  'without',
  'and',
  'or',
  'unless',
  'max',
  'min',
  'avg',
  'count',
  'topk',
  'bottomk',
  'absent',
  'clamp_min',
  'clamp_max',
  'le',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'delta',
  'deriv',
  'label_replace',
  'vector',
  'scalar',
  'time',
  'round',
  'abs',
  'sort_desc',
  'quantile',
]);

/** Metric names referenced by a PromQL expression: identifiers that are not functions, keywords or labels. */
export function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const withoutMatchers = withoutStrings
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  const withoutRanges = withoutMatchers.replace(/\[[^\]]*\]/g, '');
  const names = new Set<string>();
  for (const m of withoutRanges.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = m[0];
    if (PROMQL_WORDS.has(word)) continue;
    // Grafana variables ($__rate_interval, $pod) and numbers with exponents (1e-9) are not metrics.
    const before = withoutRanges[m.index - 1];
    if (before === '$' || /[0-9.]/.test(before ?? '')) continue;
    names.add(word);
  }
  return [...names];
}
