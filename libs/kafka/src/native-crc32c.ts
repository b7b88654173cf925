import Module from 'node:module';

/**
 * kafkajs computes the CRC-32C of every record batch it produces in JavaScript, one table lookup per byte: about
 * 5 µs per KB here, i.e. 25-30 µs per enriched article on the worker's event loop. @node-rs/crc32 computes it with
 * the CPU's CRC32 instruction (about 0.2 µs per KB). This puts it in kafkajs' place when it loads and agrees with
 * kafkajs on a sample; otherwise kafkajs keeps its own. It must run before kafkajs is first required, which is
 * why libs/kafka imports it first. Under jest (its own module registry) it does nothing, which is also correct.
 */
export type Crc32cSource = 'native' | 'javascript';

const KAFKAJS_CRC = 'kafkajs/src/protocol/recordBatch/crc32C/index.js';

function installNativeCrc32c(): Crc32cSource {
  try {
    const target = require.resolve(KAFKAJS_CRC);
    if (require.cache[target]) return 'javascript'; // kafkajs already holds its own
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native dependency
    const { crc32c } = require('@node-rs/crc32') as { crc32c: (input: Buffer, initial?: number) => number };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' own, to compare against
    const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js') as (
      input: Buffer,
    ) => number;
    const sample = Buffer.from(Array.from({ length: 4099 }, (_, i) => (i * 131 + 7) & 0xff));
    if (crc32c(sample) !== kafkajsCrc(sample) >>> 0) return 'javascript';
    const replacement = new Module(target);
    replacement.filename = target;
    replacement.loaded = true;
    replacement.exports = (buffer: Buffer) => crc32c(buffer);
    require.cache[target] = replacement;
    return 'native';
  } catch {
    return 'javascript';
  }
}

/** Which CRC-32C kafkajs uses in this process (logged at start-up). */
export const CRC32C_SOURCE: Crc32cSource = installNativeCrc32c();
