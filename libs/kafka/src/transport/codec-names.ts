/** The compression codecs the worker can register for kafkajs (./compression-codecs), by name. */
export const CODEC_NAMES = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CodecName = (typeof CODEC_NAMES)[number];
