/**
 * kafkajs encodes every request with its protocol Encoder, and the way it allocates dominated the worker's event
 * loop: each Encoder starts with its own zero-filled 512-byte Buffer (a new ArrayBuffer, which V8 tracks and
 * sweeps one by one), grows by zero-filled doubling, and writes each varint through a temporary Buffer. A
 * produce request of 500 enriched articles makes about 4,500 Encoders (one per record, one per header) and
 * copies the batch through six nested Encoders. Encoding it cost about 75-100 µs per record, more than
 * serializing the event.
 *
 * The pooled Encoder is kafkajs' own class with its constructor and three methods replaced; the bytes it writes are the same:
 * - no buffer until the first write, then a slice of a shared slab unless large (see allocate);
 * - growth without zero-filling (only the written prefix is ever read, through `buffer`);
 * - an array of encoders is measured first and copied into one allocation;
 * - varints are written in place.
 * It replaces kafkajs' Encoder module before kafkajs loads, after agreeing byte for byte with kafkajs' own on a
 * sample (see installPooledEncoder); otherwise kafkajs keeps its own. KAFKAJS_ENCODER=kafkajs keeps kafkajs' own
 * anyway (an escape hatch, and the baseline of bench/produce.bench.ts; read in ./installed.ts).
 */

/** What of kafkajs' Encoder instances the pooled one relies on (kafkajs 2.2.x, src/protocol/encoder.js). */
export interface KafkajsEncoder {
  buf: Buffer;
  offset: number;
  readonly buffer: Buffer;
  ensureAvailable(length: number): void;
  writeEncoderArray(value: KafkajsEncoder[]): KafkajsEncoder;
  writeUVarInt(value: number): KafkajsEncoder;
  size(): number;
}

export type KafkajsEncoderClass = (new (initialSize?: number) => KafkajsEncoder) & {
  nextPowerOfTwo(value: number): number;
};

interface PooledFields {
  /** kafkajs' initialSize: the smallest buffer to take once something is written. */
  reserve: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Encoder buffers up to SLAB_SHARE bytes are carved out of shared slabs instead of getting an ArrayBuffer each
 * (what allocating an 8 KB record buffer costs is the ArrayBuffer, not the bytes). Encoders live for one
 * request, so a slab is garbage soon after its last slice; larger buffers (whole batches) are allocated alone.
 */
const SLAB_BYTES = 1024 * 1024;
const SLAB_SHARE = 64 * 1024;
let slab = EMPTY;
let slabUsed = 0;

function allocate(size: number): Buffer {
  if (size > SLAB_SHARE) return Buffer.allocUnsafeSlow(size);
  if (slabUsed + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  const slice = slab.subarray(slabUsed, slabUsed + size);
  // Keep slices 8-byte aligned, as Node's own pool does.
  slabUsed += (size + 7) & ~7;
  return slice;
}

/** A subclass of kafkajs' Encoder (statics and every other method inherited) that allocates as described above. */
export function pooledEncoderFrom(Encoder: KafkajsEncoderClass): KafkajsEncoderClass {
  // A plain constructor function, not `class extends`: kafkajs' constructor allocates, so it must not run.
  function PooledEncoder(this: KafkajsEncoder & PooledFields, initialSize = 511): void {
    this.buf = EMPTY;
    this.offset = 0;
    this.reserve = initialSize;
  }
  Object.setPrototypeOf(PooledEncoder, Encoder);
  const proto = Object.create(Encoder.prototype as object) as KafkajsEncoder & PooledFields;
  Object.defineProperty(proto, 'constructor', { value: PooledEncoder, writable: true, configurable: true });

  proto.ensureAvailable = function (this: KafkajsEncoder & PooledFields, length: number): void {
    const needed = this.offset + length;
    if (needed <= this.buf.length) return;
    // Same sizes as kafkajs (a power of two, at least the initial size), without the zero fill.
    const grown = allocate(Encoder.nextPowerOfTwo(Math.max(needed, this.reserve)));
    if (this.offset > 0) this.buf.copy(grown, 0, 0, this.offset);
    this.buf = grown;
  };

  proto.writeEncoderArray = function (this: KafkajsEncoder, value: KafkajsEncoder[]): KafkajsEncoder {
    if (!Array.isArray(value)) throw new Error('all values should be an instance of Encoder[]');
    let total = 0;
    for (const encoder of value) {
      if (encoder == null || !Buffer.isBuffer(encoder.buf))
        throw new Error('all values should be an instance of Encoder[]');
      total += encoder.offset;
    }
    this.ensureAvailable(total);
    for (const encoder of value) {
      encoder.buf.copy(this.buf, this.offset, 0, encoder.offset);
      this.offset += encoder.offset;
    }
    return this;
  };

  proto.writeUVarInt = function (this: KafkajsEncoder, value: number): KafkajsEncoder {
    this.ensureAvailable(5);
    const buf = this.buf;
    let rest = value;
    // Seven bits a byte, low first, the high bit set on every byte but the last (kafkajs' and Kafka's varint).
    while ((rest & 0xffffff80) !== 0) {
      buf[this.offset++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    buf[this.offset++] = rest & 0x7f;
    return this;
  };

  PooledEncoder.prototype = proto;
  return PooledEncoder as unknown as KafkajsEncoderClass;
}

export type EncoderSource = 'pooled' | 'kafkajs';

const KAFKAJS_ENCODER = 'kafkajs/src/protocol/encoder.js';

/**
 * Puts the pooled Encoder in kafkajs' place; must run before kafkajs loads (see ./installed.ts). Refuses, keeping
 * kafkajs' own, when kafkajs is already loaded or the two disagree on a sample exercising every method kafkajs'
 * requests use. Under jest (its own module registry) it does nothing.
 */
export function installPooledEncoder(): EncoderSource {
  try {
    const target = require.resolve(KAFKAJS_ENCODER);
    const loaded = require.cache[target];
    if (loaded) return (loaded.exports as { pooled?: boolean }).pooled === true ? 'pooled' : 'kafkajs';
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' own, to extend and compare against
    const Encoder = require(target) as KafkajsEncoderClass;
    const Pooled = pooledEncoderFrom(Encoder);
    if (!sampleOf(Pooled).equals(sampleOf(Encoder))) return 'kafkajs';
    const cached = require.cache[target];
    if (!cached) return 'kafkajs';
    Object.defineProperty(Pooled, 'pooled', { value: true });
    cached.exports = Pooled;
    return 'pooled';
  } catch {
    return 'kafkajs';
  }
}

/** A request-shaped byte sequence written through every Encoder method kafkajs' requests call. */
export function sampleOf(Encoder: KafkajsEncoderClass): Buffer {
  type Writer = { buffer: Buffer } & Record<string, (...args: unknown[]) => Writer>;
  const make = () => new Encoder() as unknown as Writer;
  const records = Array.from({ length: 40 }, (_, i) =>
    make()
      .writeVarInt(i * 977 - 300)
      .writeInt8(0)
      .writeVarLong(i * 123_456_789)
      .writeVarIntBytes(i % 5 === 0 ? null : `key-${i}`)
      .writeVarIntBytes(i % 3 === 0 ? Buffer.from('é'.repeat(i * 40)) : `{"text":"${'ü'.repeat(i * 70)}"}`)
      .writeVarIntArray([make().writeVarIntString('traceparent').writeVarIntBytes(`00-${i}`)], 'object'),
  );
  const batch = make()
    .writeInt16(16)
    .writeInt32(-1)
    .writeInt64('1700000000000')
    .writeUInt32(0xfedcba98)
    .writeArray(records, 'object');
  return make()
    .writeString('transactional-id')
    .writeString(null)
    .writeInt16(-1)
    .writeBoolean(true)
    .writeDouble(0.5)
    .writeBytes('plain')
    .writeBytes(Buffer.from([1, 2, 3]))
    .writeBytes(null)
    .writeUVarIntString('compact')
    .writeUVarIntBytes(Buffer.from('bytes'))
    .writeUVarInt(300)
    .writeUVarIntArray(records.slice(0, 3), 'object')
    .writeNullableArray([])
    .writeArray(['a', 'b'], 'string')
    .writeArray([1, 2, 3], 'int32')
    .writeEncoder(batch)
    .writeBuffer(Buffer.from('tail')).buffer;
}
