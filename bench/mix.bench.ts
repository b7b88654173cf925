import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PipelineStage } from '@news/contracts';
import { createPipeline, type RawEnvelope, type StageObserver } from '@news/pipeline';
import { buildRealMix, mixEnvelopes, type RealMix } from './real-mix';

/**
 * The offline pipeline on the realistic mixture (bench/real-mix.ts: Reuters, BBC, AG News and labelled web
 * news with their copies and bad input, or the bundled samples without the data sets), beside the floor any
 * JSON-in, JSON-out service pays: JSON.parse of every raw event and JSON.stringify of the result, measured in
 * the same process, alternating round by round with the pipeline (the machine is shared; figures swing between
 * runs, the ratio much less).
 *
 * Reported: CPU per article of the pipeline's first round (start-up: JIT, heap growth) and of the steady rounds
 * (the marginal cost), both also by slices of 1,000 inputs (how long the warm-up lasts), wall time per stage,
 * the floor, their ratio, and start-up: `news-ingest enrich` on 20 articles and a bare Node process reading and
 * writing the same 20 lines, each the median of several runs.
 *   npm run build && node dist/bench/mix.bench.js [--limit 10000] [--rounds 3] [--batch 64] [--datasets DIR]
 */

const arg = (name: string, fallback?: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};

const REPO = resolve(__dirname, '..', '..');

function cpuMicros(since: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(since);
  return cpu.user + cpu.system;
}

/** The floor: parse each raw event, serialize it back. */
function floorRound(values: Buffer[]): number {
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  for (const value of values) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString('utf8'));
    } catch {
      parsed = null;
    }
    bytes += JSON.stringify(parsed).length;
  }
  if (bytes < 0) throw new Error('unreachable');
  return cpuMicros(cpu0) / values.length;
}

/** Inputs per slice of a round whose CPU is reported on its own: the JIT warms up over the first slices. */
const SLICE_INPUTS = 1000;

interface PipelineRound {
  cpuMicros: number;
  /** CPU µs per input of each slice of about SLICE_INPUTS inputs (batch boundaries decide the cut). */
  slices: number[];
  constructMs: number;
  stages: Map<PipelineStage, number>;
  kinds: Record<string, number>;
}

async function pipelineRound(items: RawEnvelope[], batchSize: number): Promise<PipelineRound> {
  const stages = new Map<PipelineStage, number>();
  const observer: StageObserver = {
    observe: (stage, seconds) => stages.set(stage, (stages.get(stage) ?? 0) + seconds),
  };
  const kinds: Record<string, number> = {};
  const t0 = performance.now();
  // A fresh pipeline per round: the dedup index starts empty, so every round sees the same verdicts.
  const pipeline = createPipeline();
  const constructMs = performance.now() - t0;
  const cpu0 = process.cpuUsage();
  const slices: number[] = [];
  let slice = { cpu: process.cpuUsage(), from: 0 };
  for (let i = 0; i < items.length; i += batchSize) {
    for (const outcome of await pipeline.processBatch(items.slice(i, i + batchSize), observer))
      kinds[outcome.kind] = (kinds[outcome.kind] ?? 0) + 1;
    const done = Math.min(i + batchSize, items.length);
    if (done - slice.from >= SLICE_INPUTS || done === items.length) {
      slices.push(cpuMicros(slice.cpu) / (done - slice.from));
      slice = { cpu: process.cpuUsage(), from: done };
    }
  }
  return { cpuMicros: cpuMicros(cpu0) / items.length, slices, constructMs, stages, kinds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall ms of a fresh process, median of `runs`, alternating the commands so both see the same machine. */
function startUp(mix: RealMix, runs: number): { enrichMs: number; bareMs: number; articles: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mix-bench-'));
  try {
    const input = join(dir, 'twenty.jsonl');
    const twenty = mix.values.slice(0, 20);
    writeFileSync(input, Buffer.concat(twenty.flatMap((v) => [v, Buffer.from('\n')])));
    const bare =
      "const fs=require('fs');const out=[];for(const l of fs.readFileSync(process.argv[1],'utf8').split('\\n'))" +
      "{if(!l)continue;try{out.push(JSON.stringify(JSON.parse(l)))}catch{out.push('null')}}fs.writeFileSync(1,out.join('\\n')+'\\n')";
    const enrich = [join(REPO, 'bin', 'news-ingest.js'), 'enrich', '--input', input];
    const time = (args: string[]) => {
      const t0 = performance.now();
      const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(result.stderr)}`);
      return performance.now() - t0;
    };
    const enrichMs: number[] = [];
    const bareMs: number[] = [];
    for (let r = 0; r < runs; r++) {
      enrichMs.push(time(enrich));
      bareMs.push(time(['-e', bare, input]));
    }
    return { enrichMs: median(enrichMs), bareMs: median(bareMs), articles: twenty.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const limit = Number(arg('limit', '10000'));
  const rounds = Math.max(2, Number(arg('rounds', '3')));
  const batchSize = Number(arg('batch', '64'));
  const mix = buildRealMix({ datasets: arg('datasets'), limit });
  const items = mixEnvelopes(mix);
  const inputBytes = mix.values.reduce((n, v) => n + v.length, 0);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `mix: ${items.length} raw events from the ${mix.source}, mean ${Math.round(inputBytes / items.length)} bytes ` +
      `(${Object.entries(mix.counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}); batches of ${batchSize}`,
  );

  const floors: number[] = [];
  const cpu: number[] = [];
  let first: PipelineRound | undefined;
  let steady: PipelineRound | undefined;
  let steadyStages = new Map<PipelineStage, number>();
  for (let round = 0; round < rounds; round++) {
    floors.push(floorRound(mix.values));
    const result = await pipelineRound(items, batchSize);
    if (round === 0) first = result;
    else {
      cpu.push(result.cpuMicros);
      if (result.cpuMicros <= Math.min(...cpu)) {
        steadyStages = result.stages;
        steady = result;
      }
    }
  }
  const floor = Math.min(...floors);
  const best = Math.min(...cpu);
  const us = (n: number) => `${n.toFixed(1)} µs`;
  out(
    `JSON parse+serialize floor: ${us(floor)} CPU per article (best of ${rounds} rounds, alternating with the pipeline)`,
  );
  out(
    `pipeline: ${us(best)} CPU per article in steady state (best of ${cpu.length} rounds; mean ` +
      `${us(cpu.reduce((a, b) => a + b, 0) / cpu.length)}) = ${(best / floor).toFixed(1)}× the floor; ` +
      `first round ${us(first!.cpuMicros)}; building the pipeline ${first!.constructMs.toFixed(0)} ms`,
  );
  out(`  outcomes: ${JSON.stringify(first!.kinds)}`);
  // A process (or pipeline thread) pays the first round's cost on its first few thousand inputs.
  const sliceLine = (r: PipelineRound) => r.slices.map((n) => n.toFixed(0)).join(' ');
  out(
    `  CPU µs per input by slices of ${SLICE_INPUTS}: first round ${sliceLine(first!)}; ` +
      `best round ${sliceLine(steady!)}`,
  );
  const stageLine = [...steadyStages]
    .map(([stage, seconds]) => `${stage} ${us((seconds * 1e6) / items.length)}`)
    .join(', ');
  out(`  wall per stage, per input (best round): ${stageLine}`);

  const runs = Number(arg('startup-runs', '5'));
  const s = startUp(mix, runs);
  out(
    `start-up: news-ingest enrich on ${s.articles} articles ${s.enrichMs.toFixed(0)} ms; bare Node reading and ` +
      `writing the same JSON ${s.bareMs.toFixed(0)} ms (medians of ${runs}, alternating)`,
  );
}

if (require.main === module) {
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
