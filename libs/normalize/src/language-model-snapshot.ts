import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedCopy, snapshotFilePath, verifiedOrRebuiltSnapshot } from '@news/snapshot-file';

/**
 * eld's n-gram database as flat tables. eld ships it as a 1.6 MB JavaScript module of 81,000 small objects:
 * compiling and running it takes most of a second and ~56 MB of heap in every thread that loads it. Here the same
 * data is a few typed arrays (about 1 MB) in one file, loaded in milliseconds, and usable in place from a
 * SharedArrayBuffer, so that all pipeline threads share one copy.
 *
 * NgramLanguageScorer scores on the tables in place, looking n-grams up with `findKey` (a spec checks that every
 * n-gram of eld's data comes back with its scores).
 *
 * The file is named and stamped with eld's version and this format; a snapshot of another version is refused.
 */

const FORMAT = 'news-ingest eld small snapshot 1';
const MAGIC = Buffer.from('NIELD01\n');

export interface NgramsData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

interface Header {
  format: string;
  fingerprint: string;
  type: string;
  languages: Record<string, string>;
  keys: number;
  pairs: number;
  slots: number;
  /** Length of all keys together. */
  bytes: number;
}

/** The tables, views on one buffer (8-aligned sections, in this order). */
export interface Tables {
  keyStart: Int32Array; // keys + 1
  pairStart: Int32Array; // keys + 1
  slot: Int32Array; // power of two ≥ 2 × keys; -1 empty, else the key's index
  keyBytes: Uint8Array; // latin1 units of every key (eld's keys are UTF-8 bytes as units 0-255)
  pairLanguage: Uint8Array;
  pairScore: Uint8Array;
}

function hashUnits(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function layout(keys: number, pairs: number, slots: number, bytes: number) {
  const sizes = [(keys + 1) * 4, (keys + 1) * 4, slots * 4, bytes, pairs, pairs];
  const offsets: number[] = [];
  let at = 0;
  for (const size of sizes) {
    offsets.push(at);
    at += size + ((8 - (size % 8)) % 8);
  }
  return { offsets, total: at };
}

/** Encodes eld's database. Throws on data outside what the tables hold (it would not come back the same). */
export function encodeLanguageModel(data: NgramsData, fingerprint: string): Buffer {
  const entries = Object.entries(data.ngrams);
  let pairs = 0;
  let bytes = 0;
  for (const [key, scores] of entries) {
    bytes += key.length;
    pairs += Object.keys(scores).length;
  }
  let slots = 1;
  while (slots < entries.length * 2) slots *= 2;
  const header: Header = {
    format: FORMAT,
    fingerprint,
    type: data.type,
    languages: data.languages,
    keys: entries.length,
    pairs,
    slots,
    bytes,
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const head = MAGIC.length + 4 + headerBytes.length;
  const base = head + ((8 - (head % 8)) % 8);
  const { total } = layout(entries.length, pairs, slots, bytes);
  const out = Buffer.alloc(base + total);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(out, MAGIC.length + 4);
  const t = views(out, base, header);
  t.slot.fill(-1);
  let b = 0;
  let p = 0;
  entries.forEach(([key, scores], index) => {
    t.keyStart[index] = b;
    t.pairStart[index] = p;
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      if (unit > 0xff) throw new Error(`eld key ${JSON.stringify(key)} has a unit above 255`);
      t.keyBytes[b++] = unit;
    }
    for (const [language, score] of Object.entries(scores)) {
      const l = Number(language);
      if (!Number.isInteger(l) || l < 0 || l > 0xff || !Number.isInteger(score) || score < 0 || score > 0xff)
        throw new Error(`eld score ${language}:${score} of ${JSON.stringify(key)} does not fit a byte`);
      t.pairLanguage[p] = l;
      t.pairScore[p++] = score;
    }
    let s = hashUnits(key) & (slots - 1);
    while (t.slot[s] !== -1) s = (s + 1) & (slots - 1);
    t.slot[s] = index;
  });
  t.keyStart[entries.length] = b;
  t.pairStart[entries.length] = p;
  return out;
}

function views(buffer: Uint8Array, base: number, header: Header): Tables {
  const { offsets } = layout(header.keys, header.pairs, header.slots, header.bytes);
  const ab = buffer.buffer;
  const at = buffer.byteOffset + base;
  return {
    keyStart: new Int32Array(ab, at + offsets[0], header.keys + 1),
    pairStart: new Int32Array(ab, at + offsets[1], header.keys + 1),
    slot: new Int32Array(ab, at + offsets[2], header.slots),
    keyBytes: new Uint8Array(ab, at + offsets[3], header.bytes),
    pairLanguage: new Uint8Array(ab, at + offsets[4], header.pairs),
    pairScore: new Uint8Array(ab, at + offsets[5], header.pairs),
  };
}

/** The database's tables, read in place (for NgramLanguageScorer, which scores on them without eld). */
export interface LanguageTables {
  type: string;
  /** language index → ISO 639-1 code, as eld numbers them */
  languages: Record<string, string>;
  tables: Tables;
}

export function decodeLanguageTables(bytes: Uint8Array, fingerprint: string): LanguageTables {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < MAGIC.length + 4 || !buffer.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a language model snapshot');
  const length = buffer.readUInt32LE(MAGIC.length);
  const header = JSON.parse(buffer.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length)) as Header;
  if (header.format !== FORMAT || header.fingerprint !== fingerprint)
    throw new Error('language model snapshot is stale (it was built from another eld)');
  const head = MAGIC.length + 4 + length;
  const base = head + ((8 - (head % 8)) % 8);
  if ((buffer.byteOffset + base) % 8 !== 0) return decodeLanguageTables(Uint8Array.from(bytes), fingerprint);
  return { type: header.type, languages: header.languages, tables: views(buffer, base, header) };
}

/** The index of the key whose units are `units[from, to)`, or -1 (the hash `encodeLanguageModel` filed it by). */
export function findKey(t: Tables, units: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ units[i], 0x01000193);
  const mask = t.slot.length - 1;
  const length = to - from;
  for (let s = (h >>> 0) & mask; ; s = (s + 1) & mask) {
    const index = t.slot[s];
    if (index === -1) return -1;
    const start = t.keyStart[index];
    if (t.keyStart[index + 1] - start !== length) continue;
    let i = 0;
    while (i < length && t.keyBytes[start + i] === units[from + i]) i++;
    if (i === length) return index;
  }
}

/** eld's version and this format: a snapshot of anything else is refused. */
export function languageModelFingerprint(eldDir: string): string {
  const version = (JSON.parse(readFileSync(join(eldDir, 'package.json'), 'utf8')) as { version?: string })
    .version;
  return createHash('sha256')
    .update(FORMAT)
    .update(String(version))
    .update(readFileSync(join(eldDir, 'src', 'ngrams', 'small.js')).subarray(0, 4096))
    .digest('hex');
}

export function languageModelPath(fingerprint: string): string {
  return snapshotFilePath(__filename, 'eld-small', fingerprint);
}

let provided: Uint8Array | undefined;

/** Hands this thread the snapshot bytes another thread loaded (shared memory): used in place. */
export function useLanguageModel(bytes: Uint8Array): void {
  provided = bytes;
}

/**
 * The database's snapshot bytes, from `provided`, the file, or (first start) eld's own module, then written.
 * `load` returns eld's original data when asked to.
 */
export function languageModelBytes(eldDir: string, original: () => NgramsData): Uint8Array {
  const fingerprint = languageModelFingerprint(eldDir);
  if (provided) return provided;
  return verifiedOrRebuiltSnapshot(
    languageModelPath(fingerprint),
    'eld-small',
    (bytes) => decodeLanguageTables(bytes, fingerprint),
    () => encodeLanguageModel(original(), fingerprint),
  );
}

/** The same bytes in a SharedArrayBuffer, to hand to other threads. */
export function sharedLanguageModel(eldDir: string, original: () => NgramsData): Uint8Array {
  if (provided && provided.buffer instanceof SharedArrayBuffer) return provided;
  provided = sharedCopy(languageModelBytes(eldDir, original));
  return provided;
}
