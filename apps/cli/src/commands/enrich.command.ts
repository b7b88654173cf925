import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { DEFAULT_TOPICS } from '@news/contracts';
import { InMemoryDedupStore } from '@news/dedup';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  createPipeline,
  type OutputRecord,
  type PipelineOutcome,
  type RawEnvelope,
} from '@news/pipeline';
import type { OrderedThreadedPipeline, OutcomeDetail } from '@news/pipeline-threads';
import { openInput, readLines, type Line } from './json-lines';

interface EnrichOptions {
  input?: string;
  output?: string;
  maxPayloadBytes: string;
  batchSize: string;
  topic: string;
  threads: string;
  now?: string;
}

/** What enrich needs of one outcome: its record, and what the summary counts. */
interface Counted {
  record: OutputRecord;
  kind: PipelineOutcome['kind'];
  detail: OutcomeDetail;
}

/** Batches read before the threads are started: a smaller input runs on this thread (threads cost a start-up). */
const BATCHES_BEFORE_THREADS = 4;

export function register(program: Command): void {
  program
    .command('enrich')
    .description(
      'Run the pipeline on raw articles as JSON Lines, without Kafka. Writes one line per input line, in order: ' +
        '{"topic","key","headers","value"}, exactly what the worker would publish. Dedup state lives for the run.',
    )
    .option('-i, --input <file>', 'raw articles, one JSON object per line (default: stdin)')
    .option('-o, --output <file>', 'where to write the output records (default: stdout)')
    .option('--max-payload-bytes <n>', 'largest accepted raw article', String(DEFAULT_MAX_PAYLOAD_BYTES))
    .option('--batch-size <n>', 'lines processed together (as in one Kafka batch)', '64')
    .option('--topic <name>', 'raw topic name recorded in dead letters and headers', DEFAULT_TOPICS.raw)
    .option(
      '--threads <n>',
      'pipeline threads (output identical to one thread; an input of a few batches runs on one)',
      String(availableParallelism()),
    )
    .option(
      '--now <time>',
      "time written into every output as processedAt / failedAt, as a Kafka record's timestamp would be " +
        "(ISO 8601; default: each article's fetchedAt, else 1970-01-01T00:00:00.000Z)",
    )
    .action((options: EnrichOptions) => enrich(options));
}

async function enrich(options: EnrichOptions): Promise<void> {
  const maxPayloadBytes = positiveInteger(options.maxPayloadBytes, '--max-payload-bytes');
  const batchSize = positiveInteger(options.batchSize, '--batch-size');
  const threads = positiveInteger(options.threads, '--threads');
  // The one time of every input, as the record timestamp the worker's inputs carry (see inputTime).
  const timestamp = options.now === undefined ? undefined : String(Date.parse(isoTime(options.now, '--now')));
  const input = openInput(options.input);
  const output = options.output ? await openOutput(options.output) : process.stdout;
  const summary = new Summary(process.stderr.isTTY === true);
  const run = new Run({ maxPayloadBytes, threads });

  // Results are written in input order; with threads, several batches are in flight at once.
  const inFlight: Promise<Counted[]>[] = [];
  const drain = async (keep: number) => {
    while (inFlight.length > keep) {
      for (const counted of await inFlight.shift()!) {
        summary.count(counted);
        await write(output, serialize(counted.record));
      }
    }
  };
  let batch: RawEnvelope[] = [];
  const submit = async () => {
    inFlight.push(run.process(batch));
    batch = [];
    await drain(run.window());
  };
  try {
    for await (const line of readLines(input)) {
      if (isBlank(line)) {
        summary.blank += 1;
        continue;
      }
      batch.push(envelopeFor(line, options.topic, timestamp));
      if (batch.length >= batchSize) await submit();
    }
    if (batch.length > 0) await submit();
    run.finish();
    await drain(0);
  } finally {
    await run.close();
  }
  if (output !== process.stdout) {
    (output as WriteStream).end();
    await once(output, 'finish');
  }
  summary.finish();
}

/**
 * The pipeline of one run: on this thread, or on `threads` pipeline threads once the input turns out to be longer
 * than a few batches. Either way one dedup index decides the claims batch after batch, in input order, so the
 * output is the same byte for byte.
 */
class Run {
  private readonly store = new InMemoryDedupStore();
  private inProcess: ReturnType<typeof createPipeline> | undefined;
  private threaded: Promise<OrderedThreadedPipeline> | undefined;
  private held: { batch: RawEnvelope[]; settle: (result: Promise<Counted[]>) => void }[] = [];

  constructor(private readonly options: { maxPayloadBytes: number; threads: number }) {}

  /** Batches that may be in flight before the oldest is written. */
  window(): number {
    return this.options.threads > 1 ? Math.max(BATCHES_BEFORE_THREADS, 2 * this.options.threads) : 0;
  }

  process(batch: RawEnvelope[]): Promise<Counted[]> {
    if (this.options.threads === 1) return this.onThisThread(batch);
    if (this.threaded) return this.onThreads(batch);
    // Hold the first batches: if the input ends within them, they run here, without starting threads.
    const result = new Promise<Counted[]>((resolve, reject) =>
      this.held.push({ batch, settle: (p) => void p.then(resolve, reject) }),
    );
    if (this.held.length >= BATCHES_BEFORE_THREADS) this.release(true);
    return result;
  }

  /** The input has ended: batches still held run on this thread. */
  finish(): void {
    this.release(false);
  }

  async close(): Promise<void> {
    this.release(false);
    if (this.threaded) await (await this.threaded).close();
  }

  private release(threads: boolean): void {
    const held = this.held;
    this.held = [];
    if (threads && !this.threaded) {
      // Loaded only by a run that uses threads.
      this.threaded = import('@news/pipeline-threads').then(({ OrderedThreadedPipeline: Threads }) =>
        Threads.start({
          threads: this.options.threads,
          dedupStore: this.store,
          maxPayloadBytes: this.options.maxPayloadBytes,
        }),
      );
    }
    for (const { batch, settle } of held)
      settle(this.threaded ? this.onThreads(batch) : this.onThisThread(batch));
  }

  private async onThreads(batch: RawEnvelope[]): Promise<Counted[]> {
    const { outcomes, details } = await (await this.threaded!).processBatch(batch);
    return outcomes.map((outcome, i) => ({ record: outcome.record, kind: outcome.kind, detail: details[i] }));
  }

  private async onThisThread(batch: RawEnvelope[]): Promise<Counted[]> {
    this.inProcess ??= createPipeline({
      maxPayloadBytes: this.options.maxPayloadBytes,
      dedupStore: this.store,
    });
    const outcomes = await this.inProcess.processBatch(batch);
    return outcomes.map((outcome) => ({
      record: outcome.record,
      kind: outcome.kind,
      detail:
        outcome.kind === 'rejected'
          ? { updated: false, code: outcome.code }
          : { updated: outcome.kind === 'enriched' && outcome.event.dedup.status === 'updated' },
    }));
  }
}

function isoTime(value: string, name: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time))
    throw new Error(
      `${name} must be an ISO 8601 time such as 2026-11-02T12:00:00Z, got ${JSON.stringify(value)}`,
    );
  return new Date(time).toISOString();
}

/** Opens the output file before any work is done, so that a bad path fails at once and clearly. */
async function openOutput(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new Error(
      `cannot write --output ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  return stream;
}

function envelopeFor(line: Line, topic: string, timestamp: string | undefined): RawEnvelope {
  const envelope: RawEnvelope = {
    value: line.bytes,
    key: null,
    headers: {},
    topic,
    partition: 0,
    offset: String(line.number),
  };
  if (timestamp !== undefined) envelope.timestamp = timestamp;
  return envelope;
}

function isBlank(line: Line): boolean {
  for (const byte of line.bytes) if (byte !== 0x20 && byte !== 0x09) return false;
  return true;
}

/** The value is embedded as the very JSON text the worker would publish, not re-serialized. */
function serialize(record: OutputRecord): string {
  return `{"topic":${JSON.stringify(record.topic)},"key":${JSON.stringify(record.key)},"headers":${JSON.stringify(record.headers)},"value":${record.value}}\n`;
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

class Summary {
  enriched = 0;
  updated = 0;
  duplicates = 0;
  rejected = new Map<string, number>();
  blank = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(private readonly interactive: boolean) {}

  count(outcome: Counted): void {
    switch (outcome.kind) {
      case 'enriched':
        if (outcome.detail.updated) this.updated += 1;
        else this.enriched += 1;
        break;
      case 'duplicate':
        this.duplicates += 1;
        break;
      case 'rejected': {
        const code = outcome.detail.code ?? 'internal-error';
        this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
        break;
      }
    }
    if (this.interactive && Date.now() - this.lastDraw > 100) {
      this.lastDraw = Date.now();
      process.stderr.write(`\r${this.line()}`);
    }
  }

  private total(): number {
    let rejected = 0;
    for (const n of this.rejected.values()) rejected += n;
    return this.enriched + this.updated + this.duplicates + rejected;
  }

  private line(): string {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.total() / seconds) : 0;
    return `${this.total()} processed (${rate}/s): ${this.enriched} enriched, ${this.updated} updated, ${this.duplicates} duplicates, ${this.total() - this.enriched - this.updated - this.duplicates} dead letters`;
  }

  finish(): void {
    if (this.interactive) process.stderr.write('\r\x1b[K');
    const codes = [...this.rejected.entries()].map(([code, n]) => `${code}=${n}`).join(', ');
    process.stderr.write(
      `${this.line()}${codes ? ` (${codes})` : ''}${this.blank ? `; ${this.blank} blank lines skipped` : ''}\n`,
    );
  }
}
