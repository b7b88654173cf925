// What `node dist/bench/worker.bench.js` prints: one line per figure of WorkerBenchResult.
import type { WorkerBenchResult } from './worker.bench';

export function printWorkerBench(r: WorkerBenchResult): void {
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
  line(
    `ours: batch transport, exactly-once, ${r.threads} pipeline thread(s) (${r.articles} articles)`,
    `${Math.round(r.oursPerSecond)} articles/s sustained (${Math.round(r.oursOverallPerSecond)} over the whole drain)`,
  );
  line(
    'ours: CPU per article over the drain',
    `worker ${Math.round(r.oursCpu.workerMicros)} µs (all threads), broker ${Math.round(r.oursCpu.brokerMicros)} µs`,
  );
  line(
    'ours, pipeline on the event loop (PIPELINE_THREADS=0)',
    `${Math.round(r.oursInlinePerSecond)} articles/s`,
  );
  line(
    `stock: ServerKafka + @EventPattern (${r.stockArticles} articles)`,
    `${Math.round(r.stockPerSecond)} articles/s sustained (${Math.round(r.stockOverallPerSecond)} over the whole drain)`,
  );
  line('ratio ours / stock', `${r.ratio.toFixed(1)}×`);
  line(
    'ours with the Redis dedup store',
    `${Math.round(r.redis.oursPerSecond)} articles/s (${Math.round(100 * r.redis.shareOfMemory)}% of in-memory)`,
  );
  line(
    'ours, in-memory store with its changelog',
    `${Math.round(r.changelog.oursPerSecond)} articles/s (${Math.round(100 * r.changelog.shareOfMemory)}% of in-memory without)`,
  );
  line('pass-through handler: ours', `${Math.round(r.passThrough.oursPerSecond)} articles/s`);
  line('pass-through handler: stock', `${Math.round(r.passThrough.stockPerSecond)} articles/s`);
  line('pass-through ratio ours / stock', `${r.passThrough.ratio.toFixed(1)}×`);
  line(
    `end-to-end latency at ${r.latency.rate}/s (${r.latency.samples} samples)`,
    `p50 ${r.latency.p50Ms} ms, p99 ${r.latency.p99Ms} ms, max ${r.latency.maxMs} ms`,
  );
  const warm = r.latency.warmup;
  line(
    `  the first ${r.latency.warmupSeconds} s before it (${warm.samples} samples)`,
    `p50 ${warm.p50Ms} ms, p99 ${warm.p99Ms} ms, max ${warm.maxMs} ms`,
  );
}
