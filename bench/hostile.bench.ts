import { DEFAULT_TOPICS } from '@news/contracts';
import { InMemoryDedupStore } from '@news/dedup';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  createPipeline,
  decodeRawArticle,
  type RawEnvelope,
} from '@news/pipeline';
import { GeoTagger } from '@news/tagging';
import { hostileInputs, ordinaryInput } from './hostile-inputs';

/**
 * CPU cost of each hostile input in the offline pipeline (parse, normalize, dedup, tag, build, one thread), as
 * the marginal cost over the same batch without it: in each round a batch of ordinary articles is processed
 * without and with one hostile input. The figure is the least CPU of a batch with it minus the least without it
 * (on a shared machine other work only ever adds time, so the least is the steadiest estimate); the median of
 * the per-round differences is printed beside it. CPU is the whole process's (user + system, GC helper threads
 * included); a collection runs before each measurement so that no input pays for an earlier one's garbage.
 * `decode` is the share no budget can lower: UTF-8 check and JSON.parse of the payload (decodeRawArticle),
 * least of the rounds. Goal: no hostile input under the payload limit costs more than 50 ms.
 *   npm run build && node --expose-gc dist/bench/hostile.bench.js [--rounds 7] [--only NAME]
 * `--only` measures just the kinds whose name contains NAME (to profile one with `node --cpu-prof`).
 */
export interface HostileFigure {
  name: string;
  bytes: number;
  /** least CPU of the batch with the input minus least without it, ms */
  marginalMs: number;
  /** median of the per-round differences, ms */
  medianMs: number;
  /** decoding the payload alone (UTF-8 check, JSON.parse, validation), least of the rounds, ms */
  decodeMs: number;
  /** 'enriched', 'duplicate' or the dead-letter code */
  outcome: string;
  textChars: number;
}

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};

const stringArg = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

const gc = (globalThis as { gc?: () => void }).gc;

let offset = 0;
function envelope(value: string): RawEnvelope {
  offset++;
  return {
    value: Buffer.from(value),
    key: null,
    headers: {},
    topic: DEFAULT_TOPICS.raw,
    partition: 0,
    offset: String(offset),
    timestamp: '1764547200000',
  };
}

function cpuMsSync(work: () => unknown): number {
  gc?.();
  const cpu0 = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000;
}

function cpuMs(work: () => Promise<unknown>): Promise<number> {
  gc?.();
  const cpu0 = process.cpuUsage();
  return work().then(() => {
    const cpu = process.cpuUsage(cpu0);
    return (cpu.user + cpu.system) / 1000;
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function run(): Promise<HostileFigure[]> {
  const rounds = Math.max(3, arg('rounds', 7));
  const batchSize = 20;
  const tagger = GeoTagger.load();
  const pipeline = createPipeline({ topics: DEFAULT_TOPICS, dedupStore: new InMemoryDedupStore(), tagger });
  // A fresh dedup index for each measured batch (sharing the loaded tagger), so that every hostile input is new
  // and pays for tagging, as the first copy of a flood does; later copies would be cheaper duplicates.
  const freshPipeline = () => createPipeline({ topics: DEFAULT_TOPICS, tagger });
  let serial = 0;
  const ordinaryBatch = (): RawEnvelope[] =>
    Array.from({ length: batchSize }, () => envelope(ordinaryInput(`o${serial++}`)));

  // Warm-up: the JIT compiles the pipeline on ordinary articles and on one copy of each hostile kind.
  for (let i = 0; i < 20; i++) await pipeline.processBatch(ordinaryBatch());
  for (const input of hostileInputs('warm')) await pipeline.processBatch([envelope(input.value)]);

  const kinds = hostileInputs('probe');
  const figures: HostileFigure[] = [];
  const only = stringArg('only');
  for (let k = 0; k < kinds.length; k++) {
    if (only !== undefined && !kinds[k].name.includes(only)) continue;
    const diffs: number[] = [];
    const bases: number[] = [];
    const loads: number[] = [];
    const decodes: number[] = [];
    let outcome = '';
    let textChars = 0;
    for (let r = 0; r < rounds; r++) {
      const hostile = hostileInputs(`r${r}`)[k];
      const without = ordinaryBatch();
      const withIt = [...ordinaryBatch(), envelope(hostile.value)];
      const fresh = freshPipeline();
      const base = await cpuMs(() => fresh.processBatch(without));
      let last: Awaited<ReturnType<typeof pipeline.processBatch>> = [];
      const loaded = await cpuMs(async () => {
        last = await fresh.processBatch(withIt);
      });
      diffs.push(loaded - base);
      bases.push(base);
      loads.push(loaded);
      const bytes = Buffer.from(hostile.value);
      decodes.push(cpuMsSync(() => decodeRawArticle(bytes, { maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES })));
      const out = last[last.length - 1];
      outcome = out.kind === 'rejected' ? out.code : out.kind;
      textChars = out.kind === 'enriched' ? out.event.text.length : 0;
    }
    figures.push({
      name: kinds[k].name,
      bytes: Buffer.byteLength(kinds[k].value),
      marginalMs: Math.min(...loads) - Math.min(...bases),
      medianMs: median(diffs),
      decodeMs: Math.min(...decodes),
      outcome,
      textChars,
    });
  }
  return figures;
}

if (require.main === module) {
  run()
    .then((figures) => {
      const limit = (DEFAULT_MAX_PAYLOAD_BYTES / 1024 / 1024).toFixed(0);
      process.stdout.write(
        `hostile inputs, offline pipeline, one thread: marginal CPU per input (median of rounds; of it decoding the payload), payload limit ${limit} MiB\n`,
      );
      for (const f of figures) {
        process.stdout.write(
          `  ${f.name.padEnd(24)} ${(f.bytes / 1024 / 1024).toFixed(2).padStart(5)} MiB  ` +
            `${f.marginalMs.toFixed(1).padStart(7)} ms  (median ${f.medianMs.toFixed(1)}; decode ${f.decodeMs.toFixed(1)})  ` +
            `→ ${f.outcome}${f.outcome === 'enriched' ? `, ${f.textChars} chars of text` : ''}\n`,
        );
      }
      const worst = Math.max(...figures.map((f) => f.marginalMs));
      process.stdout.write(`  worst ${worst.toFixed(1)} ms (goal: ≤ 50 ms each)\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
