import { DEFAULT_TOPICS, type PipelineStage } from '@news/contracts';
import { InMemoryDedupStore } from '@news/dedup';
import { createPipeline, type RawEnvelope, type StageObserver } from '@news/pipeline';
import { textArticle } from './bench-articles';

/**
 * The worker's pipeline alone, on one thread, without Kafka: CPU per article for the worker bench's articles.
 * On two cores the worker's sustained rate is bounded by this figure (the pipeline thread is the busiest thread
 * of a drain), so this is the number to move, and the one to A/B: CPU time is far steadier than a drain rate.
 *
 * CPU is the whole process's (user + system), so it includes V8's garbage-collection helper threads. Each round
 * is 20,000 articles in batches of 500, as the worker's slices; the first round (start-up: JIT, heap growth) is
 * reported apart from the best and mean of the next ones.
 *   npm run build && node dist/bench/pipeline.bench.js [--articles 20000] [--rounds 4]
 */
export interface PipelineBenchResult {
  articles: number;
  firstRoundMicros: number;
  bestMicros: number;
  meanMicros: number;
  wallMicros: number;
  /** Wall µs per article in each stage, over the measured rounds. */
  stages: Partial<Record<PipelineStage, number>>;
  /** Of the tag stage: JSON serialization of the enriched event, µs per article. */
  serializeMicros: number;
  outputBytes: number;
}

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};

export async function run(): Promise<PipelineBenchResult> {
  const articles = arg('articles', 20_000);
  const rounds = Math.max(2, arg('rounds', 4));
  const batchSize = 500;
  const pipeline = createPipeline({ topics: DEFAULT_TOPICS, dedupStore: new InMemoryDedupStore() });

  const stageSeconds = new Map<PipelineStage, number>();
  let measuring = false;
  const observer: StageObserver = {
    observe(stage, seconds) {
      if (measuring) stageSeconds.set(stage, (stageSeconds.get(stage) ?? 0) + seconds);
    },
  };

  const perRound: number[] = [];
  let wall = 0;
  let outputBytes = 0;
  let serializeSeconds = 0;
  for (let round = 0; round < rounds; round++) {
    measuring = round > 0;
    // Fresh ids per round: every article is new to the dedup index, as in a drain.
    const envelopes: RawEnvelope[] = Array.from({ length: articles }, (_, i) => {
      const message = textArticle(`r${round}-${i}`, round * articles + i);
      return {
        value: Buffer.from(message.value),
        key: message.key,
        headers: message.headers as Record<string, string>,
        topic: DEFAULT_TOPICS.raw,
        partition: i % 6,
        offset: String(i),
        timestamp: String(Date.now()),
      };
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < envelopes.length; i += batchSize) {
      const outcomes = await pipeline.processBatch(envelopes.slice(i, i + batchSize), observer);
      if (round === rounds - 1 && i === 0) {
        // How much of the tag stage is serialization: the same events, stringified again.
        const s0 = performance.now();
        const bytes = outcomes.reduce((sum, outcome) => sum + JSON.stringify(outcome.event).length, 0);
        serializeSeconds = (performance.now() - s0) / 1000 / outcomes.length;
        outputBytes = Math.round(bytes / outcomes.length);
      }
    }
    const cpu = process.cpuUsage(cpu0);
    if (measuring) wall += performance.now() - t0;
    perRound.push((cpu.user + cpu.system) / articles);
  }
  const measured = perRound.slice(1);
  const counted = articles * (rounds - 1);
  return {
    articles,
    firstRoundMicros: perRound[0],
    bestMicros: Math.min(...measured),
    meanMicros: measured.reduce((a, b) => a + b, 0) / measured.length,
    wallMicros: (wall * 1000) / counted,
    stages: Object.fromEntries([...stageSeconds].map(([stage, s]) => [stage, (s * 1e6) / counted])),
    serializeMicros: serializeSeconds * 1e6,
    outputBytes,
  };
}

if (require.main === module) {
  run()
    .then((r) => {
      const us = (n: number) => `${n.toFixed(1)} µs`;
      process.stdout.write(
        `pipeline, one thread, ${r.articles} articles per round: ${us(r.bestMicros)} CPU per article ` +
          `(best round; mean ${us(r.meanMicros)}; first round after start-up ${us(r.firstRoundMicros)}), ` +
          `wall ${us(r.wallMicros)}\n`,
      );
      const stages = Object.entries(r.stages)
        .map(([stage, micros]) => `${stage} ${us(micros)}`)
        .join(', ');
      process.stdout.write(`  wall per stage: ${stages}\n`);
      process.stdout.write(
        `  of which serializing the enriched event (${r.outputBytes} bytes): ${us(r.serializeMicros)}\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
