import type { PipelineStage, TopicNames } from '@news/contracts';
import type { ArticleClaim, DedupPolicy, DedupVerdict } from '@news/dedup';
import type { PublishableOutcome, RawEnvelope } from '@news/pipeline';
import type { WireError } from './wire-error';

/** How a pipeline thread builds its ArticlePipeline (structured-clone safe: no functions, no store). */
export interface PipelineThreadOptions {
  topics?: TopicNames;
  maxPayloadBytes?: number;
  dedupWindowMs?: number;
  /**
   * Snapshots of the immutable lookup data (the gazetteer, the language model) in SharedArrayBuffers: every
   * thread uses the same bytes in place instead of loading its own copy. Absent: each thread loads its own.
   */
  shared?: { gazetteer?: Uint8Array; languageModel?: Uint8Array };
  /** Send an OutcomeDetail per outcome with each finished batch. */
  details?: boolean;
}

/** What a caller counting outcomes needs beyond the record: an update of a known story, a rejection's code. */
export interface OutcomeDetail {
  updated: boolean;
  code?: string;
}

/**
 * An envelope on its way to a thread. Byte values travel packed in the batch's one transferred buffer: a kafkajs
 * value is a view into the whole fetch response, and structured clone would copy that whole response per message.
 */
export type WireEnvelope = Omit<RawEnvelope, 'value'> & {
  value: string | null;
  /** [start, end) of the value's bytes in the batch's `bytes` buffer, when the value was bytes. */
  bytesAt?: [number, number];
};

/** Main thread → pipeline thread. */
export type ToThread =
  | { type: 'batch'; id: number; batch: WireEnvelope[]; bytes: ArrayBuffer; observe: boolean }
  | { type: 'claimed'; id: number; verdicts?: DedupVerdict[]; error?: WireError };

/** Pipeline thread → main thread. `heapBytes`: the thread's V8 heap as committed now (total_heap_size). */
export type FromThread =
  | { type: 'ready'; heapBytes: number }
  | { type: 'claim'; id: number; claims: ArticleClaim[]; policy: DedupPolicy }
  | {
      type: 'done';
      id: number;
      outcomes?: PublishableOutcome[];
      details?: OutcomeDetail[];
      stages?: [PipelineStage, number, number][];
      error?: WireError;
      heapBytes: number;
    };

/** The batch with every byte value copied into one buffer, to be transferred (not cloned) to the thread. */
export function pack(batch: RawEnvelope[]): { envelopes: WireEnvelope[]; bytes: ArrayBuffer } {
  let size = 0;
  for (const { value } of batch) if (value !== null && typeof value !== 'string') size += value.byteLength;
  const bytes = new Uint8Array(size);
  let at = 0;
  const envelopes = batch.map((envelope): WireEnvelope => {
    const { value } = envelope;
    if (value === null || typeof value === 'string') return { ...envelope, value };
    bytes.set(value, at);
    at += value.byteLength;
    return { ...envelope, value: null, bytesAt: [at - value.byteLength, at] };
  });
  return { envelopes, bytes: bytes.buffer };
}

/** The envelopes with their byte values back as Buffers over the transferred buffer (no copy). */
export function unpack(batch: WireEnvelope[], bytes: ArrayBuffer): RawEnvelope[] {
  return batch.map(({ bytesAt, ...envelope }) =>
    bytesAt ? { ...envelope, value: Buffer.from(bytes, bytesAt[0], bytesAt[1] - bytesAt[0]) } : envelope,
  );
}
