import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADERS, type EnrichedArticle } from '@news/contracts';
import type { Message } from 'kafkajs';
import {
  deleteTopics,
  testKafka,
  uniqueTopics,
  waitForCatchUp,
  workerEnv,
} from '../worker/support/stream-fixtures';
import { BROKERS, sleep, WorkerProcess } from '../worker/support/worker-process';
import {
  MidTransactionKiller,
  badValues,
  endMarkers,
  javaCommittedRecords,
  stockKafkajsRecords,
  waitForMember,
  zombieOverlap,
} from './support/enriched-topic';

/**
 * The downstream kit end to end: @news-ingest/consumer is built and packed, installed from its tarball into a
 * plain Node project outside the repository (so it runs on kafkajs exactly as the registry ships it), and the
 * example story subscriber runs there twice, unfiltered and filtered, while the worker is SIGKILLed in the middle
 * of transactions and a fenced zombie's late abort is replayed on the enriched topic. Kafka's own Java client is
 * the reference for what was committed.
 */
const ROOT = join(__dirname, '..', '..');
const KILLS = Number(process.env.DOWNSTREAM_TEST_KILLS ?? 3);
const FILTER = { topics: ['armed-conflict'], countries: ['UA', 'RU'] };
const FILTER_ARGS = ['--topics', FILTER.topics.join(','), '--countries', FILTER.countries.join(',')];
const wanted = (event: EnrichedArticle) =>
  event.topics.some((topic) => FILTER.topics.includes(topic.id)) &&
  event.countries.some((country) => FILTER.countries.includes(country.code));

// Four kinds of story, so that the filter has something to pass and something to drop.
const THEMES = [
  {
    title: 'Russian strikes hit Kharkiv',
    text: "Russian forces launched missile and drone strikes on Kharkiv overnight, Ukraine's army said, and Ukrainian troops repelled an assault near Pokrovsk. Shelling killed two soldiers and wounded civilians.",
  },
  {
    title: 'talks between Kyiv and Warsaw',
    text: 'Officials in Kyiv met counterparts from Poland to discuss grain transit and border crossings. The foreign ministers agreed to meet again next month in Warsaw.',
  },
  {
    title: 'fighting in Khartoum',
    text: "Sudan's army and the Rapid Support Forces fought for control of Khartoum; artillery shelling killed dozens of civilians and troops, witnesses said.",
  },
  {
    title: 'a new library opens',
    text: "The city council opened a new public library with a reading garden, a café and a children's corner; volunteers will run weekend story hours.",
  },
];

function storyInput(index: number): Message {
  const id = `in-${index}`;
  const theme = THEMES[index % THEMES.length];
  // Distinct filler words keep every story unique to the deduplicator.
  const words = Array.from({ length: 60 }, (_, k) => `w${(index * 7919 + k * 104729) % 1_000_003}`).join(' ');
  const reversed = words.split(' ').reverse().join(' ');
  const value = JSON.stringify({
    id,
    url: `https://news.example.org/${id}`,
    title: `Report ${id}: ${theme.title}`,
    text: `${theme.text} ${words}.\n\n${theme.text.split(' ').reverse().join(' ')} ${reversed}.`,
  });
  return { key: `https://news.example.org/${id}`, value, headers: { [HEADERS.correlationId]: id } };
}

const ID_IN_TITLE = /^Report ((?:in|zombie|end)-\d+):/;

/** The example subscriber, run from the temporary project. */
class ExampleSubscriber {
  readonly lines: string[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(project: string, args: string[]) {
    this.child = spawn(process.execPath, [join(project, 'subscriber.js'), ...args], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete);
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Input ids of the stories printed, in order (a story printed twice appears twice). */
  get ids(): string[] {
    return this.lines.map((line) => ID_IN_TITLE.exec(line)?.[1] ?? `<unrecognized: ${line}>`);
  }

  async waitFor(test: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline)
        throw new Error(`example subscriber: ${what} within ${timeoutMs} ms\n${this.stderr}`);
      await sleep(100);
    }
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

describe('downstream kit: the example subscriber on the packed library', () => {
  const topics = uniqueTopics('downstream');
  const kafka = testKafka('downstream-test');
  // The worker's dedup changelog (when it keeps one) gets a topic of its own too.
  const changelog = `${topics.raw.slice(0, -'.raw'.length)}.changelog`;
  let project = '';

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'news-downstream-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'downstream-check', private: true }));
    copyFileSync(join(ROOT, 'examples/story-subscriber/subscriber.js'), join(project, 'subscriber.js'));
    // Builds the package from the repository's sources, packs it and installs the tarball.
    execFileSync(process.execPath, [join(ROOT, 'tools/consumer-kit.js'), 'install', project], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
  }, 320_000);

  afterAll(async () => {
    await deleteTopics(kafka, topics);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [changelog] }).catch(() => undefined);
    const groups = ['all', 'some', 'watch'].map((name) => `${topics.group}-${name}`);
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.disconnect();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('refuses to start when kafkajs was loaded before it, so the fix could not be installed', () => {
    const script = `
      require('kafkajs');
      const { createSubscriber } = require('@news-ingest/consumer');
      createSubscriber({ brokers: ${JSON.stringify(BROKERS.split(','))}, groupId: 'never-joins' })
        .run({ enriched: () => undefined })
        .then(() => { console.log('started'); process.exit(0); }, (error) => { console.log(error.name); process.exit(0); });`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: project,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.trim()).toBe('ReadCommittedFilterError');
  });

  it('hands over exactly the committed stories through mid-transaction SIGKILLs, and its filter exactly the matching ones', async () => {
    const worker = new WorkerProcess(
      `downstream-${topics.group}`,
      workerEnv(topics, { BATCH_MAX_MESSAGES: '50', TOPIC_DEDUP_CHANGELOG: changelog }),
    );
    await worker.startReady();

    const common = ['--brokers', BROKERS, '--topic', topics.enriched];
    const everything = new ExampleSubscriber(project, [...common, '--group', `${topics.group}-all`]);
    const filtered = new ExampleSubscriber(project, [
      ...common,
      '--group',
      `${topics.group}-some`,
      ...FILTER_ARGS,
    ]);
    const producer = kafka.producer();
    await producer.connect();
    const admin = kafka.admin();
    await admin.connect();
    // Both subscribers have joined their groups (the broker says so) before the stream starts.
    for (const name of ['all', 'some'])
      await waitForMember(kafka, `${topics.group}-${name}`, topics.enriched, 90_000);
    const template = JSON.parse(
      readFileSync(join(ROOT, 'packages/consumer/src/fixtures/seed-enriched.json'), 'utf8'),
    ) as EnrichedArticle;

    // The stream flows all along: six stories every 60 ms.
    let produced = 0;
    let producing = true;
    const stream = (async () => {
      while (producing) {
        await producer.send({
          topic: topics.raw,
          messages: Array.from({ length: 6 }, () => storyInput(produced++)),
        });
        await sleep(60);
      }
    })();

    const killer = new MidTransactionKiller(
      kafka.consumer({ groupId: `${topics.group}-watch`, readUncommitted: true, maxWaitTimeInMs: 50 }),
      admin,
      topics.enriched,
    );
    await killer.start();
    let midTransactionKills = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(1_000);
      if (await killer.killMidTransaction(worker)) midTransactionKills += 1;
      else await worker.kill();
      if (kill === 0) {
        await zombieOverlap(kafka, topics.enriched, template, topics.group);
        await badValues(producer, topics.enriched, template);
      }
      await worker.startReady();
    }
    producing = false;
    await stream;
    expect(await waitForCatchUp(kafka, topics, 120_000)).toBe(true);

    // What was committed, as Kafka's own client reads it.
    const committed = await javaCommittedRecords(topics.enriched);
    const stories = new Map<string, EnrichedArticle>();
    const refused: string[] = [];
    for (const record of committed) {
      let event: EnrichedArticle | undefined;
      try {
        event = JSON.parse(record.value) as EnrichedArticle;
      } catch {
        refused.push(`${record.partition}@${record.offset}`);
        continue;
      }
      if (event.schemaVersion !== 1) refused.push(`${record.partition}@${record.offset}`);
      else stories.set(ID_IN_TITLE.exec(event.title)?.[1] ?? event.title, event);
    }
    const inputIds = Array.from({ length: produced }, (_, i) => `in-${i}`);
    // Exactly once on the broker, read by the Java client: every story once, nothing of the zombie.
    expect(stories.size).toBe(committed.length - 2);
    expect([...stories.keys()].sort()).toEqual([...inputIds].sort());
    expect(refused).toHaveLength(2);
    const expectedFiltered = inputIds.filter((id) => wanted(stories.get(id) as EnrichedArticle));
    expect(expectedFiltered.length).toBeGreaterThan(0);
    expect(expectedFiltered.length).toBeLessThan(inputIds.length);

    // A story from an aborted transaction or a repeat would be printed before the end markers.
    const end = await endMarkers(producer, admin, topics.enriched, template);
    for (const [example, what] of [
      [everything, 'all stories'],
      [filtered, 'filtered stories'],
    ] as const)
      await example.waitFor(
        () => end.ids.every((id) => example.ids.includes(id)),
        `${what} not printed`,
        90_000,
      );
    const printedStories = (example: ExampleSubscriber) => example.ids.filter((id) => !end.ids.includes(id));
    expect(await everything.stop()).toBe(0);
    expect(await filtered.stop()).toBe(0);
    await worker.stop();
    await killer.stop();

    expect(printedStories(everything).sort()).toEqual([...inputIds].sort());
    expect(printedStories(filtered).sort()).toEqual([...expectedFiltered].sort());
    for (const example of [everything, filtered])
      expect(example.ids.filter((id) => end.ids.includes(id)).sort()).toEqual([...end.ids].sort());
    for (const example of [everything, filtered]) {
      expect(example.stderr).toMatch(/bad event at [^ ]+\/1@\d+: invalid-json/);
      expect(example.stderr).toMatch(/bad event at [^ ]+\/1@\d+: unsupported-schema-version/);
    }
    expect(filtered.stderr).toMatch(
      new RegExp(`${expectedFiltered.length + end.ids.length} stories, \\d+ filtered out, 2 bad`),
    );

    // The stream really had aborted records where stock kafkajs trips: it hands some of them over.
    const committedAt = new Set([
      ...committed.map((record) => `${record.partition}@${record.offset}`),
      ...end.places,
    ]);
    const leaked = stockKafkajsRecords(project, topics.enriched).filter((at) => !committedAt.has(at));
    expect(leaked.length).toBeGreaterThan(0);
    expect(midTransactionKills).toBeGreaterThanOrEqual(1);
    await producer.disconnect();
    await admin.disconnect();
    process.stderr.write(
      `downstream test: ${produced} stories, ${midTransactionKills}/${KILLS} kills mid-transaction, ` +
        `${expectedFiltered.length} matching the filter, stock kafkajs handed over ${leaked.length} aborted records\n`,
    );
  }, 420_000);
});
