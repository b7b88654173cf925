import { randomBytes } from 'node:crypto';
import { inPlainNode } from '../../../test/support/plain-node';
import { murmur2 } from './int32-murmur2';

// kafkajs' own murmur2, loaded directly: the oracle (jest's module registry leaves it in place).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: unknown,
) => number;

describe('murmur2 in 32-bit arithmetic', () => {
  it('hashes random keys as kafkajs does: bytes, ASCII and multi-byte strings of every length', () => {
    const alphabet = 'abcXYZ019:-_ éüß–東京🙂';
    const chars = Array.from(alphabet);
    for (let n = 0; n < 3000; n++) {
      const bytes = randomBytes(n % 97);
      expect(murmur2(bytes)).toBe(kafkajsMurmur2(bytes));
      const text = Array.from(bytes, (b) => chars[b % chars.length]).join('');
      expect(murmur2(text)).toBe(kafkajsMurmur2(text));
    }
  });

  it("takes the worker's output partitions unchanged, in a plain Node process where it is installed", () => {
    const script = `
      const { KAFKAJS_FIXES, Partitioners } = require('@news/kafkajs');
      const partition = Partitioners.DefaultPartitioner();
      const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({ partitionId, leader: 1 }));
      const keys = Array.from({ length: 200 }, (_, i) => 'article-' + i.toString(36));
      const picked = keys.map((key) => partition({ topic: 't', partitionMetadata, message: { key, value: '' } }));
      process.stdout.write(JSON.stringify({ source: KAFKAJS_FIXES.murmur2, picked }));
    `;
    const output = inPlainNode<{ source: string; picked: number[] }>(script);
    const expected = Array.from(
      { length: 200 },
      (_, i) => (kafkajsMurmur2(`article-${i.toString(36)}`) & 0x7fffffff) % 6,
    );
    expect(output).toEqual({ source: 'int32', picked: expected });
  });
});
