import { fillModuleSlot } from './module-slot';

/**
 * kafkajs' default partitioner (the Java client's: murmur2 of the key, made positive, modulo the partition
 * count) hashes every keyed record it produces, and its murmur2 does the 32-bit arithmetic with 64-bit `Long`
 * objects, a few allocations per 4 bytes of key. In the worker's main thread on the backlog bench
 * (`--cpu-prof`), partitioning took 0.68 s of a 15,584-event drain, 0.14 s with this one. The same function
 * in 32-bit integer arithmetic (Math.imul) returns the same value for every key: murmur2's result is its low
 * 32 bits, and those depend only on the low 32 bits of each product. installInt32Murmur2 puts it in kafkajs'
 * place after agreeing with kafkajs on a sample of keys; otherwise kafkajs keeps its own. Keys keep their
 * partitions, so the change is invisible to consumers and to keyed compaction.
 */
export type Murmur2Source = 'int32' | 'kafkajs';

const KAFKAJS_MURMUR2 = 'kafkajs/src/producer/partitioners/default/murmur2.js';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** murmur2 of a key as kafkajs (and the Java client) compute it: a string is hashed as its UTF-8 bytes. */
export function murmur2(key: Buffer | string): number {
  const data = typeof key === 'string' ? Buffer.from(key) : key;
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= data[whole + 2] << 16;
    if (rest >= 2) h ^= data[whole + 1] << 8;
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** kafkajs' murmur2 module's interface: a key (a Buffer, or anything it makes a string of) in, a hash out. */
function kafkajsSlot(key: unknown): number {
  return murmur2(Buffer.isBuffer(key) ? key : String(key));
}

/** Keys of every length class, ASCII and multi-byte UTF-8, and raw bytes, for the check against kafkajs. */
function sampleKeys(): (Buffer | string)[] {
  const keys: (Buffer | string)[] = ['', 'a', 'ab', 'abc', 'abcd', 'news:0f3a9c', 'Zürich–Kyiv 東京', '21'];
  for (let n = 0; n < 40; n++) {
    keys.push(Buffer.from(Array.from({ length: n }, (_, i) => (i * 151 + n * 37 + 11) & 0xff)));
    keys.push(Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7 + n) % 90))).join(''));
  }
  return keys;
}

/** Seeds kafkajs' murmur2 module with the 32-bit one; must run before kafkajs loads (see ./installed.ts). */
export function installInt32Murmur2(): Murmur2Source {
  try {
    const target = require.resolve(KAFKAJS_MURMUR2);
    if (require.cache[target]) return require.cache[target]?.exports === kafkajsSlot ? 'int32' : 'kafkajs';
    // kafkajs' own, to compare against; loading it here loads only its Long helper, not kafkajs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const own = require(target) as (key: unknown) => number;
    delete require.cache[target];
    if (!sampleKeys().every((key) => own(key) === kafkajsSlot(key))) return 'kafkajs';
    return fillModuleSlot(target, kafkajsSlot) ? 'int32' : 'kafkajs';
  } catch {
    return 'kafkajs';
  }
}
