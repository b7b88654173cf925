import { inPlainNode } from '../../../../test/support/plain-node';
import { CompressionCodecs, CompressionTypes } from '@news/kafkajs';
import { producerCompression, registerCompressionCodecs } from './compression-codecs';

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

describe('registerCompressionCodecs', () => {
  const report = registerCompressionCodecs();
  const payload = Buffer.from(
    JSON.stringify({ url: 'https://example.org/a', text: 'Kyiv and Moscow. '.repeat(200) }),
  );

  it('supports all four Kafka codecs on this platform', () => {
    expect(report.unavailable).toEqual([]);
    expect(report.available.sort()).toEqual(['gzip', 'lz4', 'snappy', 'zstd']);
  });

  it.each([
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])('%s round-trips a record batch', async (_name, type) => {
    const codec = (CompressionCodecs as Record<number, () => Codec>)[type]();
    const compressed = await codec.compress({ buffer: payload });
    expect(compressed.length).toBeLessThan(payload.length);
    expect((await codec.decompress(compressed)).equals(payload)).toBe(true);
  });

  it('reads snappy in the xerial framing that Java producers write', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const snappy = require('snappy') as { compressSync(b: Buffer): Buffer };
    const halves = [payload.subarray(0, 1000), payload.subarray(1000)].map((part) =>
      snappy.compressSync(part),
    );
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
    const framed = Buffer.concat([header, ...halves.flatMap((block) => [uint32(block.length), block])]);
    const decoded = await CompressionCodecs[CompressionTypes.Snappy]().decompress(framed);
    expect(decoded.equals(payload)).toBe(true);
  });
});

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

describe('registerCompressionCodecs with a report taken earlier', () => {
  // Registration runs once per process and jest's registry keeps the loaders' own: plain Node processes.
  const register = (withEarlyReport: boolean) => {
    const script = `
      const original = process.report.getReport;
      let taken = 0;
      process.report.getReport = (error) => (taken++, original.call(process.report, error));
      const counting = process.report.getReport;
      const early = ${withEarlyReport} ? original.call(process.report) : undefined;
      const { registerCompressionCodecs } = require('@news/kafka');
      const { unavailable } = registerCompressionCodecs(early);
      process.stdout.write(JSON.stringify({ taken, restored: process.report.getReport === counting, unavailable }));
    `;
    return inPlainNode<{ taken: number }>(script);
  };

  it("lets the codecs' loaders read that report instead of taking their own, and restores getReport", () => {
    expect(register(true)).toEqual({ taken: 0, restored: true, unavailable: [] });
    // Without it they take their own: napi-rs loaders ask only on Linux, to tell glibc from musl.
    const alone = register(false);
    if (process.platform === 'linux') expect(alone.taken).toBeGreaterThan(0);
  });
});

describe('producerCompression', () => {
  it('maps each OUTPUT_COMPRESSION value to the kafkajs type, its codec registered', () => {
    expect(producerCompression('none')).toBe(CompressionTypes.None);
    expect(producerCompression('gzip')).toBe(CompressionTypes.GZIP);
    expect(producerCompression('snappy')).toBe(CompressionTypes.Snappy);
    expect(producerCompression('lz4')).toBe(CompressionTypes.LZ4);
    expect(producerCompression('zstd')).toBe(CompressionTypes.ZSTD);
    expect((CompressionCodecs as Record<number, unknown>)[CompressionTypes.ZSTD]).toBeDefined();
  });
});
