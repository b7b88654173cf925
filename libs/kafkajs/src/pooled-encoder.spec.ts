import { pooledEncoderFrom, sampleOf, type KafkajsEncoderClass } from './pooled-encoder';

// kafkajs' own Encoder, to compare against byte for byte.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Encoder = require('kafkajs/src/protocol/encoder') as KafkajsEncoderClass;
const Pooled = pooledEncoderFrom(Encoder);

type Writer = { buffer: Buffer; size(): number } & Record<string, (...args: unknown[]) => Writer>;
const make = (Class: KafkajsEncoderClass) => new Class() as unknown as Writer;

/** A deterministic pseudo-random sequence, so that a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** Applies the same random writes to an encoder of each class; nested encoders are built the same way. */
function randomWrites(seed: number, depth = 0): [Writer, Writer] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const a = make(Encoder);
  const b = make(Pooled);
  const both = (method: string, ...args: unknown[]) => {
    a[method](...args);
    b[method](...args);
  };
  const text = () =>
    pick(['', 'a', 'é', '日本語', 'x'.repeat(Math.floor(next() * 9000)), '\u{1F600}'.repeat(50)]);
  const int = () =>
    pick([0, 1, -1, 63, 64, -64, -65, 127, 128, 300, 16_383, 16_384, 2 ** 31 - 1, -(2 ** 31)]);
  for (let op = 0; op < 60; op++) {
    switch (Math.floor(next() * 14)) {
      case 0:
        both('writeInt8', pick([0, 1, -1, 127, -128]));
        break;
      case 1:
        both('writeInt16', pick([0, -1, 32_767, -32_768]));
        break;
      case 2:
        both('writeInt32', int());
        break;
      case 3:
        both('writeUInt32', pick([0, 1, 0xffffffff, 0x80000000]));
        break;
      case 4:
        both('writeInt64', pick(['0', '-1', '9007199254740993', 1_700_000_000_000]));
        break;
      case 5:
        both('writeVarInt', int());
        break;
      case 6:
        both('writeUVarInt', pick([0, 1, 127, 128, 16_383, 16_384, 2 ** 31 - 1]));
        break;
      case 7:
        both('writeVarLong', pick([0, -1, 1_700_000_000_000, '9007199254740993']));
        break;
      case 8:
        both(pick(['writeString', 'writeVarIntString', 'writeUVarIntString']), pick([null, text()]));
        break;
      case 9: {
        const value = pick([null, text(), Buffer.from(text())]);
        both(pick(['writeBytes', 'writeVarIntBytes', 'writeUVarIntBytes']), value);
        break;
      }
      case 10:
        both('writeBuffer', Buffer.from(text()));
        break;
      case 11:
        both('writeBoolean', next() < 0.5);
        break;
      case 12:
        both('writeDouble', next() * 1e6);
        break;
      case 13: {
        if (depth > 1) break;
        const children = Array.from({ length: Math.floor(next() * 4) }, (_, i) =>
          randomWrites(seed * 31 + op * 7 + i, depth + 1),
        );
        const method = pick([
          'writeArray',
          'writeNullableArray',
          'writeVarIntArray',
          'writeUVarIntArray',
          'writeEncoderArray',
          'writeEncoder',
        ]);
        if (method === 'writeEncoder') {
          for (const [x, y] of children) {
            a.writeEncoder(x);
            b.writeEncoder(y);
          }
        } else {
          a[method](
            children.map(([x]) => x),
            method === 'writeEncoderArray' ? undefined : 'object',
          );
          b[method](
            children.map(([, y]) => y),
            method === 'writeEncoderArray' ? undefined : 'object',
          );
        }
        break;
      }
    }
  }
  return [a, b];
}

describe('pooled kafkajs Encoder', () => {
  it('writes the same bytes as kafkajs for random sequences of every method', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const [a, b] = randomWrites(seed);
      expect(b.size()).toBe(a.size());
      expect(b.buffer.equals(a.buffer)).toBe(true);
    }
  });

  it('agrees with kafkajs on the install-time sample', () => {
    expect(sampleOf(Pooled).equals(sampleOf(Encoder))).toBe(true);
  });

  it('encodes a whole produce request byte for byte like kafkajs', async () => {
    const encode = (withPooled: boolean): Promise<Buffer> => {
      let result: Promise<Buffer> = Promise.resolve(Buffer.alloc(0));
      jest.isolateModules(() => {
        if (withPooled)
          jest.doMock('kafkajs/src/protocol/encoder', () =>
            pooledEncoderFrom(jest.requireActual('kafkajs/src/protocol/encoder')),
          );
        /* eslint-disable @typescript-eslint/no-require-imports */
        const produce = require('kafkajs/src/protocol/requests/produce/v3/request') as (
          args: object,
        ) => object;
        const request = require('kafkajs/src/protocol/request') as (
          args: object,
        ) => Promise<{ buffer: Buffer }>;
        const Long = require('kafkajs/src/utils/long') as { fromInt(n: number): unknown };
        /* eslint-enable @typescript-eslint/no-require-imports */
        const messages = Array.from({ length: 300 }, (_, i) => ({
          key: i % 7 === 0 ? null : `https://example.org/${i}`,
          value: JSON.stringify({ text: 'Kyiv and Warsaw, '.repeat(i % 400), n: i, s: 'ü€' }),
          headers: { 'correlation-id': `c-${i}`, 'source-offset': String(i), repeated: ['a', 'b'] },
          timestamp: String(1_700_000_000_000 + i),
        }));
        const body = produce({
          acks: -1,
          timeout: 30_000,
          transactionalId: 'tx-1',
          producerId: Long.fromInt(42),
          producerEpoch: 3,
          topicData: [0, 1].map((partition) => ({
            topic: 'enriched',
            partitions: [{ partition, firstSequence: 7, messages }],
          })),
        });
        result = request({ correlationId: 9, clientId: 'spec', request: body }).then(
          (encoded) => encoded.buffer,
        );
      });
      return result;
    };
    const [stock, pooled] = await Promise.all([encode(false), encode(true)]);
    expect(pooled.length).toBeGreaterThan(300 * 50);
    expect(pooled.equals(stock)).toBe(true);
  });

  it('keeps encoders independent when they share a slab', () => {
    const first = make(Pooled).writeString('first');
    const second = make(Pooled).writeString('second');
    first.writeBuffer(Buffer.alloc(2000, 1));
    expect(second.buffer.toString('utf8', 2)).toBe('second');
    expect(first.buffer.subarray(0, 7).toString('utf8', 2)).toBe('first');
  });
});
