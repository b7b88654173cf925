import { inPlainNode } from '../../../test/support/plain-node';

// jest keeps its own module registry, so the swap is checked in a plain Node process loading the sources.

describe('native CRC-32C for kafkajs', () => {
  it('replaces kafkajs’ CRC when @news/kafkajs loads, with the same checksums', () => {
    const script = `
      const { KAFKAJS_FIXES } = require('@news/kafkajs');
      const used = require('kafkajs/src/protocol/recordBatch/crc32C');
      const own = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js');
      const crypto = require('node:crypto');
      let same = true;
      for (const size of [0, 1, 7, 64, 1000, 6000, 100000]) {
        const bytes = crypto.randomBytes(size);
        if (used(bytes) !== own(bytes) >>> 0) same = false;
      }
      process.stdout.write(JSON.stringify({ source: KAFKAJS_FIXES.crc32c, same }));
    `;
    expect(inPlainNode(script)).toEqual({ source: 'native', same: true });
  });
});
