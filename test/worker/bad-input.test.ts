import { HEADERS } from '@news/contracts';
import { registerCompressionCodecs } from '@news/kafka';
import { CompressionTypes, type Message } from '@news/kafkajs';
import { badInputs } from '../fixtures/bad-inputs';
import { articleFor, collectOutputs } from './support/stream-fixtures';
import { workerSuite } from './support/worker-suite';
import { readDeadLetters, replayDeadLetters, parseSelection } from '../../apps/cli/src/commands/dlq.command';

/**
 * Garbage on the raw topic (the contracts' bad-input matrix, including non-UTF-8 bytes, an empty value, a
 * tombstone and inputs over a work budget) is dead-lettered with its code and original bytes, while the good
 * events around it, sent with every compression codec a scraper may use, all come out: they carry one body on
 * one site (a wire story on many section pages), so the first is enriched and every other is a duplicate notice
 * naming it; none is dead-lettered, however often the site repeats its lines.
 */
describe('bad input on the raw topic', () => {
  const suite = workerSuite('bad');
  const { topics, kafka } = suite;

  beforeAll(async () => {
    await suite.readyWorker('bad', {
      MAX_PAYLOAD_BYTES: String(3 * 1024 * 1024),
      TOPIC_RAW_MAX_MESSAGE_BYTES: String(8 * 1024 * 1024),
      TOPIC_PARTITIONS: '1',
    });
  });

  it('dead-letters each bad input with its code; the good ones around it are 1 enriched and the rest duplicates of it', async () => {
    const codecs = registerCompressionCodecs();
    expect(codecs.unavailable).toEqual([]);
    const bad = badInputs({ hugeBytes: 4 * 1024 * 1024 });
    const producer = kafka.producer();
    await producer.connect();
    const compressions = [
      CompressionTypes.None,
      CompressionTypes.GZIP,
      CompressionTypes.Snappy,
      CompressionTypes.LZ4,
      CompressionTypes.ZSTD,
    ];
    let goodCount = 0;
    const shared = JSON.parse(articleFor('shared', 1).value as string) as Record<string, unknown>;
    for (let i = 0; i < bad.length; i++) {
      const good: Message = {
        key: `good-${i}`,
        value: JSON.stringify({
          ...shared,
          id: `good-${i}`,
          url: `https://news.example.org/section-${i}/talks`,
        }),
        headers: { [HEADERS.correlationId]: `good-${i}` },
      };
      const badMessage: Message = {
        key: `bad-${i}`,
        value: bad[i].value,
        headers: { [HEADERS.correlationId]: `bad-${i}` },
      };
      // One batch per pair, each with its own codec: the worker must decode all of them.
      await producer.send({
        topic: topics.raw,
        compression: compressions[i % compressions.length],
        messages: [good, badMessage],
      });
      goodCount += 1;
    }
    await producer.disconnect();

    expect(await suite.caughtUp(120_000)).toBe(true);

    const outputs = await suite.outputs(goodCount + bad.length, 120_000);
    const byId = new Map(outputs.map((o) => [o.headers[HEADERS.correlationId], o]));
    expect(outputs).toHaveLength(goodCount + bad.length);

    const goods = Array.from({ length: goodCount }, (_, i) => byId.get(`good-${i}`));
    expect(goods.map((o) => o?.topic)).toEqual([
      topics.enriched,
      ...new Array<string>(goodCount - 1).fill(topics.duplicates),
    ]);
    const original = JSON.parse(goods[0]?.value ?? '{}') as { articleId?: string };
    for (const notice of goods.slice(1))
      expect((JSON.parse(notice?.value ?? '{}') as { duplicateOf?: string }).duplicateOf).toBe(
        original.articleId,
      );

    for (let i = 0; i < bad.length; i++) {
      const output = byId.get(`bad-${i}`);
      const expected = ([] as string[]).concat(bad[i].expect as string | string[]);
      const actual = output?.topic === topics.enriched ? 'enriched' : output?.headers[HEADERS.errorCode];
      expect({
        input: bad[i].name,
        outcome: expected.includes(actual ?? '') ? 'as expected' : actual,
      }).toEqual({ input: bad[i].name, outcome: 'as expected' });
      if (output?.topic === topics.deadLetter) {
        // The dead letter keeps the original payload (bytes that are not UTF-8 as base64) for a replay.
        const letter = JSON.parse(output.value) as {
          original: { value?: string | null; valueBase64?: string; offset: string };
        };
        const original = bad[i].value;
        if (Buffer.isBuffer(original) && actual === 'invalid-utf8')
          expect(Buffer.from(letter.original.valueBase64 ?? '', 'base64').equals(original)).toBe(true);
        else if (typeof original === 'string') expect(letter.original.value).toBe(original);
      }
    }
  }, 300_000);

  it('dlq inspect selects dead letters by code and replay re-publishes their original bytes and headers', async () => {
    const all = await readDeadLetters(kafka, topics.deadLetter, parseSelection({}));
    const utf8 = await readDeadLetters(kafka, topics.deadLetter, parseSelection({ code: 'invalid-utf8' }));
    expect(all.length).toBeGreaterThan(20);
    expect(utf8).toHaveLength(1);
    const first = all[0];
    const single = await readDeadLetters(
      kafka,
      topics.deadLetter,
      parseSelection({ offsets: `${first.partition}:${first.offset}` }),
    );
    expect(single.map((l) => l.offset)).toEqual([first.offset]);
    expect(
      await readDeadLetters(kafka, topics.deadLetter, parseSelection({ until: '2000-01-01T00:00:00Z' })),
    ).toHaveLength(0);

    // Replayed to a side topic here (the worker would otherwise dead-letter them again).
    const target = `${topics.raw}.replay`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: target, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    expect(await replayDeadLetters(kafka, utf8, target)).toBe(1);
    const replayed = await collectOutputs(kafka, [target], 1, 30_000, 500);
    expect(replayed).toHaveLength(1);
    expect(replayed[0].bytes?.equals(Buffer.from(utf8[0].letter.original.valueBase64 ?? '', 'base64'))).toBe(
      true,
    );
    expect(replayed[0].bytes?.subarray(0, 3).equals(Buffer.from([0xff, 0xfe, 0xfd]))).toBe(true);
    expect(replayed[0].headers[HEADERS.correlationId]).toBe(
      utf8[0].letter.original.headers[HEADERS.correlationId],
    );
    expect(replayed[0].headers['x-replay-of']).toBe(`${utf8[0].partition}:${utf8[0].offset}`);

    // A mistyped topic is named, and nothing is created or sent.
    const typo = `${topics.raw}.typo`;
    await expect(replayDeadLetters(kafka, utf8, typo)).rejects.toThrow(`topic ${typo} does not exist`);
    await expect(readDeadLetters(kafka, typo, parseSelection({}))).rejects.toThrow(
      `dead-letter topic ${typo} does not exist`,
    );
    const check = kafka.admin();
    await check.connect();
    expect(await check.listTopics()).not.toContain(typo);
    await check.disconnect();
  }, 120_000);
});
