import { Registry } from 'prom-client';
import { WeightedHistogram } from './weighted-histogram';

describe('WeightedHistogram', () => {
  it('is rendered by a prom-client registry as cumulative buckets with +Inf, sum and count', async () => {
    const registry = new Registry();
    const h = new WeightedHistogram('test_seconds', 'Test latency.', [0.1, 1], 'stage', registry);
    h.zero('idle');
    h.observe(0.05, 3, 'parse'); // three events at 50 ms
    h.observe(0.5, 1, 'parse');
    h.observe(5, 2, 'parse'); // above every bound: only +Inf, sum and count
    h.observe(Number.NaN, 1, 'parse'); // ignored rather than poisoning the sum
    h.observe(0.5, 0, 'parse'); // a zero weight records nothing
    const text = await registry.metrics();
    expect(text).toContain('# HELP test_seconds Test latency.\n# TYPE test_seconds histogram');
    const lines = text.split('\n').filter((l) => l.startsWith('test_seconds'));
    expect(lines).toEqual([
      'test_seconds_bucket{stage="idle",le="0.1"} 0',
      'test_seconds_bucket{stage="idle",le="1"} 0',
      'test_seconds_bucket{stage="idle",le="+Inf"} 0',
      'test_seconds_sum{stage="idle"} 0',
      'test_seconds_count{stage="idle"} 0',
      'test_seconds_bucket{stage="parse",le="0.1"} 3',
      'test_seconds_bucket{stage="parse",le="1"} 4',
      'test_seconds_bucket{stage="parse",le="+Inf"} 6',
      'test_seconds_sum{stage="parse"} 10.65',
      'test_seconds_count{stage="parse"} 6',
    ]);
  });

  it('appears in the registry JSON, and resets with it', async () => {
    const registry = new Registry();
    const h = new WeightedHistogram('plain_size', 'Sizes.', [10], undefined, registry);
    h.observe(4);
    expect((await registry.getMetricsAsJSON()).map((m) => [m.name, String(m.type)])).toEqual([
      ['plain_size', 'histogram'],
    ]);
    registry.resetMetrics();
    expect((await registry.metrics()).trim().split('\n')).toEqual([
      '# HELP plain_size Sizes.',
      '# TYPE plain_size histogram',
    ]);
  });
});
