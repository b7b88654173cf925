import { fillModuleSlot } from './module-slot';

/**
 * kafkajs computes the CRC-32C of every record batch it produces in JavaScript, one table lookup per byte: about
 * 5 µs per KB, i.e. 25-30 µs per enriched article on the worker's event loop. @node-rs/crc32 computes it with the
 * CPU's CRC32 instruction (about 0.2 µs per KB). installNativeCrc32c puts it in kafkajs' place, after agreeing
 * with kafkajs on a sample; otherwise kafkajs keeps its own.
 */
export type Crc32cSource = 'native' | 'javascript';

const KAFKAJS_CRC = 'kafkajs/src/protocol/recordBatch/crc32C/index.js';
const KAFKAJS_OWN_CRC = 'kafkajs/src/protocol/recordBatch/crc32C/crc32C.js';

/** Seeds kafkajs' CRC-32C module with the native one; must run before kafkajs loads (see ./installed.ts). */
export function installNativeCrc32c(): Crc32cSource {
  try {
    const target = require.resolve(KAFKAJS_CRC);
    if (require.cache[target])
      return require.cache[target]?.exports === nativeCrc32c ? 'native' : 'javascript';
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' own, to compare against
    const kafkajsCrc = require(KAFKAJS_OWN_CRC) as (input: Buffer) => number;
    const sample = Buffer.from(Array.from({ length: 4099 }, (_, i) => (i * 131 + 7) & 0xff));
    const native = loadNative();
    if (!native || native(sample) !== kafkajsCrc(sample) >>> 0) return 'javascript';
    return fillModuleSlot(target, nativeCrc32c) ? 'native' : 'javascript';
  } catch {
    return 'javascript';
  }
}

type Crc = (input: Buffer, initial?: number) => number;
let native: Crc | undefined;

function loadNative(): Crc | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native dependency
    native ??= (require('@node-rs/crc32') as { crc32c: Crc }).crc32c;
  } catch {
    native = undefined;
  }
  return native;
}

/** kafkajs' CRC-32C module's interface: one buffer in, an unsigned 32-bit checksum out. */
function nativeCrc32c(buffer: Buffer): number {
  return native!(buffer);
}
