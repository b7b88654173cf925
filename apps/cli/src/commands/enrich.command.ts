import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { DEFAULT_TOPICS } from '@news/contracts';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  createPipeline,
  type OutputRecord,
  type PipelineOutcome,
  type RawEnvelope,
} from '@news/pipeline';
import { openInput, readLines, type Line } from './json-lines';

interface EnrichOptions {
  input?: string;
  output?: string;
  maxPayloadBytes: string;
  batchSize: string;
  topic: string;
}

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
    .action((options: EnrichOptions) => enrich(options));
}

async function enrich(options: EnrichOptions): Promise<void> {
  const maxPayloadBytes = positiveInteger(options.maxPayloadBytes, '--max-payload-bytes');
  const batchSize = positiveInteger(options.batchSize, '--batch-size');
  const input = openInput(options.input);
  const output = options.output ? await openOutput(options.output) : process.stdout;
  const pipeline = createPipeline({ maxPayloadBytes });
  const summary = new Summary(process.stderr.isTTY === true);

  let batch: RawEnvelope[] = [];
  const flush = async () => {
    const outcomes = await pipeline.processBatch(batch);
    for (const outcome of outcomes) {
      summary.count(outcome);
      await write(output, serialize(outcome.record));
    }
    batch = [];
  };

  for await (const line of readLines(input)) {
    if (isBlank(line)) {
      summary.blank += 1;
      continue;
    }
    batch.push(envelopeFor(line, options.topic));
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  if (output !== process.stdout) {
    (output as WriteStream).end();
    await once(output, 'finish');
  }
  summary.finish();
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

function envelopeFor(line: Line, topic: string): RawEnvelope {
  return { value: line.bytes, key: null, headers: {}, topic, partition: 0, offset: String(line.number) };
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

  count(outcome: PipelineOutcome): void {
    switch (outcome.kind) {
      case 'enriched':
        if (outcome.event.dedup.status === 'updated') this.updated += 1;
        else this.enriched += 1;
        break;
      case 'duplicate':
        this.duplicates += 1;
        break;
      case 'rejected':
        this.rejected.set(outcome.code, (this.rejected.get(outcome.code) ?? 0) + 1);
        break;
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
