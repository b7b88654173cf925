import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { DEFAULT_TOPICS, type DeadLetter } from '@news/contracts';
import { EnvReader } from '@news/env';
import { createKafkaClient, kafkaConnectionFromEnv, missingTopics } from '@news/kafka';
import { Partitioners, type IHeaders, type Kafka } from '@news/kafkajs';

/**
 * `news-ingest dlq inspect` lists dead letters readably; `news-ingest dlq replay` re-publishes the original
 * payloads of selected ones (same key, same headers) to the raw topic, typically after a pipeline fix.
 * Both read the dead-letter topic with read_committed from the beginning up to its end at the time of the call.
 */
export interface DeadLetterSelection {
  code?: string;
  since?: Date;
  until?: Date;
  /** Positions in the dead-letter topic, as `inspect` prints them: partition → inclusive offset ranges. */
  offsets?: Map<number, [bigint, bigint][]>;
}

export interface StoredDeadLetter {
  partition: number;
  offset: string;
  letter: DeadLetter;
}

interface CommonOptions {
  dlqTopic: string;
  code?: string;
  since?: string;
  until?: string;
  offsets?: string;
}

export function register(program: Command): void {
  const dlq = program
    .command('dlq')
    .description(
      'Inspect and replay dead letters (KAFKA_BROKERS and the other KAFKA_* variables select the cluster)',
    );
  const selection = (command: Command) =>
    command
      .option('--dlq-topic <name>', 'dead-letter topic (default: TOPIC_DLQ)', dlqTopicDefault())
      .option('--code <code>', 'only this error code, e.g. internal-error')
      .option('--since <time>', 'only dead letters that failed at or after this ISO 8601 time')
      .option('--until <time>', 'only dead letters that failed before this ISO 8601 time')
      .option(
        '--offsets <ranges>',
        'only these dead-letter positions, e.g. 0:10-20,2:5 (partition:first-last)',
      );

  selection(dlq.command('inspect').description('List dead letters: position, time, code, URL and message'))
    .option('--json', 'one JSON dead letter per line instead of the table')
    .option('--limit <n>', 'show at most n (the newest)', '200')
    .action(async (options: CommonOptions & { json?: boolean; limit: string }) => {
      const kafka = kafkaFromEnv();
      const letters = await readDeadLetters(kafka, options.dlqTopic, parseSelection(options));
      const shown = letters.slice(-Math.max(1, Number(options.limit) || 200));
      if (options.json)
        for (const item of shown)
          process.stdout.write(
            `${JSON.stringify({ partition: item.partition, offset: item.offset, ...item.letter })}\n`,
          );
      else process.stdout.write(formatTable(shown));
      process.stderr.write(
        `${letters.length} dead letter(s) match${shown.length < letters.length ? `, ${shown.length} shown` : ''}\n`,
      );
    });

  selection(
    dlq
      .command('replay')
      .description('Re-publish the original payloads of the selected dead letters to the raw topic'),
  )
    .option('--raw-topic <name>', 'where to publish (default: the topic each payload came from)')
    .option('--dry-run', 'only list what would be replayed')
    .action(async (options: CommonOptions & { rawTopic?: string; dryRun?: boolean }) => {
      const kafka = kafkaFromEnv();
      const letters = await readDeadLetters(kafka, options.dlqTopic, parseSelection(options));
      if (options.dryRun) {
        process.stdout.write(formatTable(letters));
        process.stderr.write(`dry run: ${letters.length} dead letter(s) would be replayed\n`);
        return;
      }
      const sent = await replayDeadLetters(kafka, letters, options.rawTopic);
      process.stderr.write(`replayed ${sent} dead letter(s)\n`);
    });
}

/** The worker's TOPIC_DLQ, read as the worker reads it, or the contracts' default. */
function dlqTopicDefault(): string {
  return new EnvReader(process.env).string('TOPIC_DLQ', DEFAULT_TOPICS.deadLetter);
}

function kafkaFromEnv(): Kafka {
  return createKafkaClient(kafkaConnectionFromEnv(process.env), { clientId: 'news-ingest-dlq' });
}

export function parseSelection(options: {
  code?: string;
  since?: string;
  until?: string;
  offsets?: string;
}): DeadLetterSelection {
  const time = (flag: string, text?: string) => {
    if (text === undefined) return undefined;
    const ms = Date.parse(text);
    if (Number.isNaN(ms))
      throw new Error(`${flag} ${JSON.stringify(text)} is not a date/time (use ISO 8601)`);
    return new Date(ms);
  };
  let offsets: DeadLetterSelection['offsets'];
  if (options.offsets) {
    offsets = new Map();
    for (const part of options.offsets
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^(\d+):(\d+)(?:-(\d+))?$/.exec(part);
      if (!match) throw new Error(`--offsets: ${JSON.stringify(part)} is not partition:first[-last]`);
      const ranges = offsets.get(Number(match[1])) ?? [];
      ranges.push([BigInt(match[2]), BigInt(match[3] ?? match[2])]);
      offsets.set(Number(match[1]), ranges);
    }
  }
  return {
    code: options.code,
    since: time('--since', options.since),
    until: time('--until', options.until),
    offsets,
  };
}

export function matches(item: StoredDeadLetter, selection: DeadLetterSelection): boolean {
  if (selection.code && item.letter.error.code !== selection.code) return false;
  const failedAt = Date.parse(item.letter.failedAt);
  if (selection.since && !(failedAt >= selection.since.getTime())) return false;
  if (selection.until && !(failedAt < selection.until.getTime())) return false;
  if (selection.offsets) {
    const offset = BigInt(item.offset);
    const ranges = selection.offsets.get(item.partition) ?? [];
    if (!ranges.some(([first, last]) => offset >= first && offset <= last)) return false;
  }
  return true;
}

/** Reads the dead-letter topic up to its current end and returns the matching letters, oldest first per partition. */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  selection: DeadLetterSelection,
): Promise<StoredDeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `news-ingest-dlq-cli-${randomUUID()}`;
  try {
    if ((await missingTopics(admin, [topic])).length > 0)
      throw new Error(`dead-letter topic ${topic} does not exist on this cluster (see --dlq-topic)`);
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
    const pending = new Set(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => p.partition));
    const found: StoredDeadLetter[] = [];
    if (pending.size === 0) return found;
    const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 250 });
    let reachedEnd: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (reachedEnd = resolve));
    // END_BATCH_PROCESS also fires for batches that held only transaction markers or aborted records (which never
    // reach eachBatch), so "this partition is read up to its end" is judged there.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (BigInt(payload.lastOffset) + 1n >= (ends.get(payload.partition) ?? 0n))
        pending.delete(payload.partition);
      if (pending.size === 0) reachedEnd();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      // eslint-disable-next-line @typescript-eslint/require-await
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition) ?? 0n;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= end) break;
          const letter = parseLetter(message.value);
          if (!letter) continue;
          const item = { partition: batch.partition, offset: message.offset, letter };
          if (matches(item, selection)) found.push(item);
        }
      },
    });
    await done;
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return found.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.disconnect();
  }
}

/** Publishes each letter's original payload, key and headers; returns how many were sent. */
export async function replayDeadLetters(
  kafka: Kafka,
  letters: StoredDeadLetter[],
  rawTopic?: string,
): Promise<number> {
  if (letters.length === 0) return 0;
  // A mistyped --raw-topic must not create a topic (brokers auto-create by default) and strand the letters there.
  const destinations = [...new Set(letters.map(({ letter }) => rawTopic ?? letter.original.topic))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const missing = await missingTopics(admin, destinations);
    if (missing.length > 0)
      throw new Error(
        `not replayed: topic ${missing.join(', ')} does not exist on this cluster (see --raw-topic)`,
      );
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const byTopic = new Map<
      string,
      { key: string | null; value: Buffer | string | null; headers: IHeaders }[]
    >();
    for (const { letter, partition, offset } of letters) {
      const { original } = letter;
      const topic = rawTopic ?? original.topic;
      const value =
        original.valueBase64 !== undefined
          ? Buffer.from(original.valueBase64, 'base64')
          : (original.value ?? null);
      // The original headers (traceparent, correlation id) travel on; the marker tells which letter this was.
      const headers: IHeaders = { ...original.headers, 'x-replay-of': `${partition}:${offset}` };
      const list = byTopic.get(topic) ?? [];
      list.push({ key: original.key, value, headers });
      byTopic.set(topic, list);
    }
    for (const [topic, messages] of byTopic) {
      for (let start = 0; start < messages.length; start += 500) {
        await producer.send({ topic, acks: -1, messages: messages.slice(start, start + 500) });
      }
    }
    return letters.length;
  } finally {
    await producer.disconnect();
  }
}

function parseLetter(value: Buffer | null): DeadLetter | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as DeadLetter;
    return parsed && typeof parsed === 'object' && parsed.error && parsed.original ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function urlOf(letter: DeadLetter): string {
  try {
    const parsed = JSON.parse(letter.original.value ?? '') as { url?: unknown };
    return typeof parsed.url === 'string' ? parsed.url : '-';
  } catch {
    return '-';
  }
}

export function formatTable(items: StoredDeadLetter[]): string {
  const rows = items.map(({ partition, offset, letter }) => [
    `${partition}:${offset}`,
    letter.failedAt,
    letter.error.code,
    `${letter.original.topic}/${letter.original.partition}:${letter.original.offset}`,
    urlOf(letter).slice(0, 80),
    letter.error.message.replace(/\s+/g, ' ').slice(0, 100),
  ]);
  const header = ['POSITION', 'FAILED AT', 'CODE', 'ORIGINAL', 'URL', 'MESSAGE'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
