import { CompressionCodecs, CompressionTypes } from '@news/kafkajs';
import type { CodecName } from './codec-names';

/**
 * kafkajs only ships gzip; scrapers may also send snappy, lz4 or zstd batches, which kafkajs cannot even fetch
 * without a codec (the whole fetch fails, not one message). The codecs below are napi-rs packages whose
 * prebuilt binaries come as platform packages from the registry: no install script, no compiler. A codec whose
 * package is missing or does not load on this platform is reported, not fatal: topics without it keep working.
 */
export { CODEC_NAMES, type CodecName } from './codec-names';

export interface CodecReport {
  available: CodecName[];
  unavailable: { codec: CodecName; reason: string }[];
}

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

// Java producers frame snappy the xerial way: an 8-byte magic, two 4-byte version fields, then
// [4-byte big-endian length][raw snappy block] chunks. Plain raw snappy (as kafkajs-snappy writes) is also valid.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);

const TYPES: Record<CodecName | 'none', CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

let report: CodecReport | undefined;

/**
 * Registers every codec that loads here, once per process; returns what is and is not supported.
 * `platformReport`: a `process.report.getReport()` taken earlier, which the codecs' loaders read instead of
 * taking their own (to tell glibc from musl). A report waits for every worker thread to answer, and a thread
 * in a long native call answers when it returns: in the worker, whose pipeline threads are parsing their data
 * at that moment, the loaders' own report took 109 ms of its start (`--cpu-prof`); one taken before the
 * threads existed, ~5 ms.
 */
export function registerCompressionCodecs(platformReport?: object): CodecReport {
  report ??= platformReport ? answeringReportsWith(platformReport, loadCodecs) : loadCodecs();
  return report;
}

/** Runs `load` with `process.report.getReport()` answering `platformReport`; restores it afterwards. */
function answeringReportsWith<T>(platformReport: object, load: () => T): T {
  const reports = process.report;
  if (typeof reports?.getReport !== 'function') return load();
  const own = Object.getOwnPropertyDescriptor(reports, 'getReport');
  const fresh = reports.getReport.bind(reports);
  reports.getReport = (error?: Error) => (error === undefined ? platformReport : fresh(error));
  try {
    return load();
  } finally {
    if (own) Object.defineProperty(reports, 'getReport', own);
    else delete (reports as { getReport?: unknown }).getReport;
  }
}

function loadCodecs(): CodecReport {
  const result: CodecReport = { available: ['gzip'], unavailable: [] };
  const attempt = (codec: CodecName, load: () => Codec) => {
    try {
      const instance = load();
      (CompressionCodecs as Record<number, () => Codec>)[TYPES[codec]] = () => instance;
      result.available.push(codec);
    } catch (error) {
      result.unavailable.push({ codec, reason: error instanceof Error ? error.message : String(error) });
    }
  };
  attempt('snappy', snappyCodec);
  attempt('lz4', lz4Codec);
  attempt('zstd', zstdCodec);
  return result;
}

/**
 * The kafkajs compression type for producing with `codec`, after checking that the codec loaded here: producing
 * with an unregistered codec would fail every batch, so it is refused at start-up instead.
 */
export function producerCompression(codec: CodecName | 'none'): CompressionTypes {
  if (codec !== 'none') {
    const missing = registerCompressionCodecs().unavailable.find((entry) => entry.codec === codec);
    if (missing) throw new Error(`output compression ${codec} is not available here: ${missing.reason}`);
  }
  return TYPES[codec];
}

function snappyCodec(): Codec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const snappy = require('snappy') as {
    compress(b: Buffer): Promise<Buffer>;
    uncompress(b: Buffer): Promise<Buffer | string>;
  };
  const uncompress = async (buffer: Buffer) => toBuffer(await snappy.uncompress(buffer));
  return {
    compress: (encoder) => snappy.compress(encoder.buffer),
    async decompress(buffer) {
      if (buffer.length < 16 || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) return uncompress(buffer);
      const chunks: Buffer[] = [];
      for (let cursor = 16; cursor + 4 <= buffer.length;) {
        const size = buffer.readUInt32BE(cursor);
        cursor += 4;
        chunks.push(await uncompress(buffer.subarray(cursor, cursor + size)));
        cursor += size;
      }
      return Buffer.concat(chunks);
    },
  };
}

function lz4Codec(): Codec {
  // Kafka's LZ4 is the LZ4 frame format (since message format v1, KIP-57), not raw blocks.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lz4 = require('lz4-napi') as {
    compressFrame(b: Buffer): Promise<Buffer>;
    decompressFrame(b: Buffer): Promise<Buffer>;
  };
  return {
    compress: (encoder) => lz4.compressFrame(encoder.buffer),
    decompress: (buffer) => lz4.decompressFrame(buffer),
  };
}

function zstdCodec(): Codec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zstd = require('@mongodb-js/zstd') as {
    compress(b: Buffer, level?: number): Promise<Buffer>;
    decompress(b: Buffer): Promise<Buffer>;
  };
  return {
    compress: (encoder) => zstd.compress(encoder.buffer, 3),
    decompress: (buffer) => zstd.decompress(buffer),
  };
}

function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'binary') : value;
}
