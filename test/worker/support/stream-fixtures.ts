import { randomUUID } from 'node:crypto';
import { HEADERS, defaultDedupChangelogTopic } from '@news/contracts';
import { registerCompressionCodecs } from '@news/kafka';
import { Kafka, logLevel, type Message, type Producer } from '@news/kafkajs';
import { BROKERS, sleep } from './worker-process';

export interface TestTopics {
  raw: string;
  enriched: string;
  duplicates: string;
  deadLetter: string;
  group: string;
}

/** Fresh topic and group names per test: the broker is shared by several test runs and developers. */
export function uniqueTopics(label: string): TestTopics {
  const id = `${label}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  return {
    raw: `t.${id}.raw`,
    enriched: `t.${id}.enriched`,
    duplicates: `t.${id}.dup`,
    deadLetter: `t.${id}.dlq`,
    group: `g.${id}`,
  };
}

export function workerEnv(topics: TestTopics, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TOPIC_RAW: topics.raw,
    TOPIC_ENRICHED: topics.enriched,
    TOPIC_DUPLICATES: topics.duplicates,
    TOPIC_DLQ: topics.deadLetter,
    KAFKA_GROUP_ID: topics.group,
    TOPIC_PARTITIONS: '3',
    // Short session so that a SIGKILLed member's partitions move on quickly.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
    KAFKA_REBALANCE_TIMEOUT_MS: '10000',
    ...extra,
  };
}

export function testKafka(clientId: string, brokers = BROKERS): Kafka {
  // The worker compresses its outputs (OUTPUT_COMPRESSION, zstd by default): readers need the codecs.
  registerCompressionCodecs();
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10 },
  });
}

/**
 * Word `k` of article `index`: a hashed number below 1,000,003, so that two articles share almost no words (at
 * most 3 of 60 among 30,000 articles). An arithmetic sequence of word numbers made many articles shifted copies
 * of one another, which dedup rightly found to be the same story: of 30,000 such stories 7,370 were published.
 */
function wordOf(index: number, k: number): number {
  let h = Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) % 1_000_003;
}

/** A text article unique to `id` (its own words, so no two are near-duplicates of each other). */
export function articleFor(id: string, index: number): Message {
  const words = Array.from({ length: 60 }, (_, k) => `w${wordOf(index, k)}`).join(' ');
  const value = JSON.stringify({
    id,
    url: `https://news.example.org/${id}`,
    title: `Report ${id} on talks between Kyiv and Warsaw`,
    text: `Officials in Kyiv met counterparts from Poland on ${index}. ${words}.\n\nThe talks continue next week in Warsaw. ${words
      .split(' ')
      .reverse()
      .join(' ')}.`,
    fetchedAt: new Date().toISOString(),
  });
  return { key: `https://news.example.org/${id}`, value, headers: { [HEADERS.correlationId]: id } };
}

export async function produceInChunks(
  producer: Producer,
  topic: string,
  messages: Message[],
  chunk: number,
  pauseMs: number,
): Promise<void> {
  for (let start = 0; start < messages.length; start += chunk) {
    await producer.send({ topic, messages: messages.slice(start, start + chunk) });
    if (pauseMs > 0) await sleep(pauseMs);
  }
}

export interface CollectedOutput {
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
  value: string;
  bytes: Buffer | null;
}

/**
 * Reads the output topics with read_committed from the beginning until `expected` records arrived and nothing
 * more came for `quietMs` (a duplicate would arrive after the expected count), or the timeout passed.
 */
export async function collectOutputs(
  kafka: Kafka,
  topics: string[],
  expected: number,
  timeoutMs: number,
  quietMs = 3_000,
): Promise<CollectedOutput[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 200,
  });
  const outputs: CollectedOutput[] = [];
  let lastArrival = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    // eslint-disable-next-line @typescript-eslint/require-await
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        outputs.push({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          headers,
          value: message.value?.toString() ?? '',
          bytes: message.value,
        });
      }
      if (batch.messages.length > 0) lastArrival = Date.now();
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (outputs.length >= expected && Date.now() - lastArrival >= quietMs) break;
    await sleep(200);
  }
  await consumer.disconnect();
  return outputs;
}

/** Waits until the group's committed offsets reach the end of every raw partition (the worker caught up). */
export async function waitForCatchUp(kafka: Kafka, topics: TestTopics, timeoutMs: number): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ends = await admin.fetchTopicOffsets(topics.raw);
      const [committed] = await admin.fetchOffsets({ groupId: topics.group, topics: [topics.raw] });
      const behind = ends.some((end) => {
        const done = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return Number(done) < Number(end.high);
      });
      if (!behind) return true;
      await sleep(500);
    }
    return false;
  } finally {
    await admin.disconnect();
  }
}

/** `${prefix}-0` … `${prefix}-${count - 1}`: the correlation ids of `articleFor(`${prefix}-${i}`, i)` inputs. */
export function inputIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

/**
 * The exactly-once check of the worker suites: every input id has exactly one output (enriched, duplicate notice
 * or dead letter) and no output belongs to anything else. One assertion, so a failure shows all three lists.
 */
export function expectExactlyOnce(outputs: CollectedOutput[], ids: readonly string[]): void {
  const counts = countByCorrelation(outputs);
  const expected = new Set(ids);
  expect({
    missing: ids.filter((id) => !counts.has(id)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`),
    unexpected: [...counts.keys()].filter((id) => !expected.has(id)),
  }).toEqual({ missing: [], duplicated: [], unexpected: [] });
}

/** How many outputs each correlation id got: the exactly-once check is that every expected id maps to 1. */
export function countByCorrelation(outputs: CollectedOutput[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const output of outputs) {
    const id = output.headers[HEADERS.correlationId] ?? '<none>';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export async function deleteTopics(kafka: Kafka, topics: TestTopics): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The in-memory store's changelog is named after the group (absent when the test ran without it).
    const changelog = defaultDedupChangelogTopic(topics.group);
    const present = (await admin.listTopics()).includes(changelog) ? [changelog] : [];
    await admin.deleteTopics({
      topics: [topics.raw, topics.enriched, topics.duplicates, topics.deadLetter, ...present],
    });
    await admin.deleteGroups([topics.group]).catch(() => undefined);
  } catch {
    // best effort: the names are unique anyway
  } finally {
    await admin.disconnect();
  }
}
