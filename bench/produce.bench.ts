import { spawnSync } from 'node:child_process';
import { DEFAULT_TOPICS } from '@news/contracts';
import { KAFKAJS_FIXES, producerCompression, type CodecName } from '@news/kafka';
import { createPipeline, type RawEnvelope } from '@news/pipeline';
import { textArticle } from './bench-articles';

/**
 * What kafkajs costs to encode the worker's produce requests: one request of 500 enriched articles (the worker's
 * slice), as the transactional writer sends it, encoded over and over; CPU µs per record (the whole process:
 * compression runs on libuv's threads). For kafkajs' own Encoder and the pooled one (libs/kafkajs), uncompressed and
 * with the worker's default zstd; each combination in a fresh process (KAFKAJS_ENCODER selects the encoder).
 *   npm run build && node dist/bench/produce.bench.js
 */
const VARIANTS: { encoder: 'kafkajs' | 'pooled'; compression: CodecName | 'none' }[] = [
  { encoder: 'kafkajs', compression: 'none' },
  { encoder: 'pooled', compression: 'none' },
  { encoder: 'kafkajs', compression: 'zstd' },
  { encoder: 'pooled', compression: 'zstd' },
];

interface Measured {
  encoder: string;
  compression: string;
  recordBytes: number;
  bestMicros: number;
  meanMicros: number;
}

async function measure(compression: CodecName | 'none'): Promise<Measured> {
  /* eslint-disable @typescript-eslint/no-require-imports -- kafkajs' request encoders, as its producer uses them */
  const produce = require('kafkajs/src/protocol/requests/produce/v3/request.js') as (args: object) => object;
  const encodeRequest = require('kafkajs/src/protocol/request.js') as (
    args: object,
  ) => Promise<{ buffer: Buffer }>;
  const Long = require('kafkajs/src/utils/long') as { fromInt(value: number): unknown };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const pipeline = createPipeline({ topics: DEFAULT_TOPICS });
  const envelopes: RawEnvelope[] = Array.from({ length: 500 }, (_, i) => {
    const message = textArticle(`produce-${i}`, i);
    const value = Buffer.from(message.value);
    return {
      value,
      key: message.key,
      headers: {},
      topic: DEFAULT_TOPICS.raw,
      partition: 0,
      offset: String(i),
    };
  });
  const messages = (await pipeline.processBatch(envelopes)).map(({ record }) => ({
    key: record.key,
    value: record.value,
    headers: record.headers,
  }));
  const type = producerCompression(compression);
  const once = async () => {
    const request = produce({
      acks: -1,
      timeout: 30_000,
      compression: type,
      transactionalId: 'bench',
      producerId: Long.fromInt(1),
      producerEpoch: 0,
      topicData: [
        { topic: DEFAULT_TOPICS.enriched, partitions: [{ partition: 0, firstSequence: 0, messages }] },
      ],
    });
    return (await encodeRequest({ correlationId: 1, clientId: 'bench', request })).buffer.length;
  };
  const rounds: number[] = [];
  for (let round = 0; round < 11; round++) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 10; i++) await once();
    const cpu = process.cpuUsage(cpu0);
    if (round > 0) rounds.push((cpu.user + cpu.system) / (10 * messages.length));
  }
  return {
    encoder: KAFKAJS_FIXES.encoder,
    compression,
    recordBytes: Math.round(messages.reduce((sum, m) => sum + m.value.length, 0) / messages.length),
    bestMicros: Math.min(...rounds),
    meanMicros: rounds.reduce((a, b) => a + b, 0) / rounds.length,
  };
}

function main(): void {
  const child = process.argv.indexOf('--measure');
  if (child >= 0) {
    measure(process.argv[child + 1] as CodecName | 'none')
      .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
      .catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 1;
      });
    return;
  }
  for (const { encoder, compression } of VARIANTS) {
    const run = spawnSync(process.execPath, [__filename, '--measure', compression], {
      env: { ...process.env, KAFKAJS_ENCODER: encoder === 'kafkajs' ? 'kafkajs' : '' },
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      process.exitCode = 1;
      return;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measured;
    process.stdout.write(
      `produce request of 500 × ${r.recordBytes} B, ${`${r.encoder} Encoder, ${r.compression}`.padEnd(28)} ` +
        `${r.bestMicros.toFixed(1)} µs CPU per record (best of 10 rounds; mean ${r.meanMicros.toFixed(1)})\n`,
    );
  }
}

main();
