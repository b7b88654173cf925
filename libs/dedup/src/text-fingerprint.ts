/**
 * Fingerprints of a normalized article body: an exact hash and a near-duplicate sketch.
 *
 * Why this method (measured with `news-ingest eval dedup`, see README in this library):
 * - copies of a story are often *truncated* to their first paragraphs, so Jaccard similarity (MinHash,
 *   SimHash) falls with the cut while the copy is still entirely inside the original. We estimate
 *   containment instead, from a bottom-k sketch of word 4-shingle hashes: comparing two bottom-k sketches
 *   below the smaller of their two thresholds gives a uniform sample of both sets, from which both the
 *   containment of the shorter text and the Jaccard index follow.
 * - candidates are found through a handful of index keys per article: the smallest shingle hashes of the
 *   whole body (robust to copy-editing anywhere) and the smallest ones of the lead (the first tokens survive
 *   truncation, and a dateline or byline shifts the lead by only a few tokens).
 *
 * Tokens are lower-cased runs of letters and digits, so punctuation, quotes, whitespace and paragraph breaks
 * never change a fingerprint. Everything is computed in one pass without building substrings, because this
 * runs for every article on the hot path.
 */

export interface FingerprintOptions {
  /** Words per shingle. */
  shingleSize: number;
  /**
   * The sketch keeps every shingle hash below 2^32 * sampleRate, but at least minSketch and at most sketchSize of
   * the smallest ones. A rate (rather than a fixed k) keeps enough comparable samples when a short truncated copy
   * meets its long original.
   */
  sampleRate: number;
  minSketch: number;
  sketchSize: number;
  /** Paragraphs with fewer words are left out (bylines, "Advertisement", share prompts) while enough text remains. */
  minParagraphWords: number;
  /** How many of the smallest sketch hashes become index keys. */
  bodyKeys: number;
  /** How many leading tokens form the lead. */
  leadTokens: number;
  /** How many of the smallest lead shingle hashes become index keys. */
  leadKeys: number;
  /** The smallest shingle hash of the opening (the first openingTokens tokens) is filed too. */
  openingTokens: number;
  /**
   * A short new article (at most probeBodyTokens tokens) looks up every shingle of its first probeTokens tokens
   * besides its own keys: a one-paragraph teaser, even behind a dateline, then finds the opening key of its
   * original. Longer bodies find theirs through their own keys; sparing them the extra lookups keeps the claim
   * fast next to a million remembered articles.
   */
  probeTokens: number;
  probeBodyTokens: number;
}

export const DEFAULT_FINGERPRINT_OPTIONS: Readonly<FingerprintOptions> = Object.freeze({
  shingleSize: 4,
  sampleRate: 1 / 6,
  minSketch: 24,
  sketchSize: 96,
  minParagraphWords: 6,
  bodyKeys: 4,
  leadTokens: 50,
  leadKeys: 3,
  openingTokens: 15,
  probeTokens: 24,
  probeBodyTokens: 150,
});

export interface TextFingerprint {
  /** 64-bit hash of the token sequence, 16 hex digits: equal for bodies that differ only in punctuation/case/spacing. */
  exact: string;
  /**
   * Ascending distinct shingle hashes (unsigned 32-bit): every shingle hash of the text up to the last value,
   * which is COMPLETE_SKETCH when the sketch holds all of them.
   */
  sketch: Uint32Array;
  /**
   * Every distinct shingle hash of the lead (the first leadTokens tokens), ascending: compared in full when a
   * body is too short for the sampled sketch to decide (a one-paragraph teaser).
   */
  lead: Uint32Array;
  /** Distinct index keys (unsigned 32-bit): where this article is filed. */
  keys: number[];
  /** Distinct keys to look up for earlier articles: the keys plus the shingles of the opening. */
  probes: number[];
  /** Number of word tokens in the body. */
  tokens: number;
}

export const COMPLETE_SKETCH = 0xffffffff;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Whether each UTF-16 unit is a word character, learnt from WORD_CHAR on first sight: 0 unknown, 1 yes, 2 no. */
const WORD_UNIT = new Uint8Array(0x10000);

function isWordCode(code: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  // Surrogate halves: treat as word characters (scripts outside the BMP are letters far more often than not).
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let known = WORD_UNIT[code];
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_UNIT[code] = known;
  }
  return known === 1;
}

/** ASCII word characters lower-cased (letters and digits), 0 for the rest. */
const ASCII_WORD_UNIT = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isWordCode(c)) table[c] = c >= 65 && c <= 90 ? c | 0x20 : c;
  return table;
})();

/** murmur3's 32-bit finalizer: spreads the bits so that "smallest hashes" are a uniform sample. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the lower-cased code units of every word token, in order. */
export function tokenHashes(text: string): number[] {
  const lower = text.toLowerCase();
  const hashes: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (isWordCode(code)) {
      h = Math.imul(h ^ code, 0x01000193);
      inWord = true;
    } else if (inWord) {
      hashes.push(fmix32(h));
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) hashes.push(fmix32(h));
  return hashes;
}

const SHINGLE_MULTIPLIERS = [
  0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09,
];

function shingleHash(tokens: Int32Array, start: number, size: number): number {
  let h = size;
  for (let j = 0; j < size; j++) h ^= Math.imul(tokens[start + j], SHINGLE_MULTIPLIERS[j & 7]);
  // 0xffffffff is reserved as the "complete sketch" sentinel.
  return Math.min(fmix32(Math.imul(h, 0x2545f491)), 0xfffffffe);
}

/** Over the first `n` token hashes (as int32: every step below reads its operands as 32-bit integers). */
function exactHash(tokens: Int32Array, n: number): string {
  // Two independent 32-bit lanes make a 64-bit identity: collisions among millions of articles are negligible.
  let a = 0x811c9dc5 ^ n;
  let b = 0x3c6ef372;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    a = Math.imul(a ^ t, 0x01000193);
    b = Math.imul((b + t) ^ (b >>> 15), 0x2c1b3c6d);
  }
  return (
    fmix32(a).toString(16).padStart(8, '0') +
    fmix32(b ^ n)
      .toString(16)
      .padStart(8, '0')
  );
}

/**
 * The sketch: every distinct value <= limit, but at least the `atLeast` smallest and at most `k`, ascending.
 * `complete` says whether every distinct value was taken. Values are pre-filtered by a cut that provably keeps
 * all that is needed, so only a few dozen get sorted even for long bodies.
 */
function thresholdSample(
  values: Uint32Array,
  k: number,
  atLeast: number,
  limit: number,
): { values: Uint32Array; complete: boolean } {
  const n = values.length;
  const cut =
    n <= 2 * atLeast
      ? 0xffffffff
      : Math.max(limit, Math.min(0xffffffff, Math.floor(((2 * atLeast) / n) * 0x100000000)));
  let m = 0;
  const work = scratch('sort', n);
  for (let i = 0; i < n; i++) if (values[i] <= cut) work[m++] = values[i];
  // Too few survivors (a skewed text): sort them all instead.
  if (m < atLeast && m < n) {
    work.set(values);
    m = n;
  }
  const sorted = work.subarray(0, m).sort();
  let taken = 0;
  let i = 0;
  // Compact the distinct values to the front of the scratch buffer, then copy out only what is kept.
  for (; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    if (taken >= k || (taken >= atLeast && sorted[i] > limit)) break;
    sorted[taken++] = sorted[i];
  }
  return { values: sorted.slice(0, taken), complete: m === n && i === sorted.length };
}

/**
 * Reusable work buffers: fingerprinting runs for every article, and allocating fresh typed arrays each time
 * (off-heap memory) makes the garbage collector walk a heap holding a million remembered articles.
 */
const SCRATCH = new Map<string, Uint32Array>();
function scratch(name: string, size: number): Uint32Array {
  let buffer = SCRATCH.get(name);
  if (!buffer || buffer.length < size) {
    buffer = new Uint32Array(Math.max(1024, size * 2));
    SCRATCH.set(name, buffer);
  }
  return buffer;
}
/** The token hashes of the text being fingerprinted and where its paragraphs start (token indices). */
let tokenBuffer = new Int32Array(1024);
let startBuffer = new Int32Array(1024);
function reserveTokens(size: number): void {
  if (tokenBuffer.length >= size) return;
  tokenBuffer = new Int32Array(size * 2);
  startBuffer = new Int32Array(size * 2);
}

/** The distinct values, ascending, in a new array. */
function distinctSorted(values: Uint32Array): Uint32Array {
  const sorted = scratch('lead', values.length).subarray(0, values.length);
  sorted.set(values);
  sorted.sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

/**
 * Token hashes of the body, leaving out its very short paragraphs unless too little would remain: the first
 * `count` of `tokens` (the shared token buffer). One pass over the text; a paragraph break is a gap between words
 * holding two or more newlines.
 */
function bodyTokens(text: string, minParagraphWords: number): { tokens: Int32Array; count: number } {
  // Most bodies are ASCII, whose units lower-case one by one; any other text is lower-cased as a whole first
  // (toLowerCase can depend on context and change the length).
  let found = hashWords(text, true);
  if (found < 0) found = hashWords(text.toLowerCase(), false);
  const tokens = tokenBuffer;
  const starts = startBuffer;
  const paragraphs = found;
  const total = starts[paragraphs];
  let short = 0;
  for (let p = 0; p < paragraphs; p++)
    if (starts[p + 1] - starts[p] < minParagraphWords) short += starts[p + 1] - starts[p];
  if (short === 0 || total - short < Math.max(30, total / 2)) return { tokens, count: total };
  let kept = 0;
  for (let p = 0; p < paragraphs; p++) {
    if (starts[p + 1] - starts[p] < minParagraphWords) continue;
    for (let i = starts[p]; i < starts[p + 1]; i++) tokens[kept++] = tokens[i];
  }
  return { tokens, count: kept };
}

/**
 * Hashes the words of `text` into the token buffer and the token index where each paragraph starts into the
 * start buffer (the last entry is the token count); returns the number of paragraphs, or -1 when `ascii` is set
 * and the text has a unit above ASCII (the caller then passes it lower-cased).
 */
function hashWords(text: string, ascii: boolean): number {
  // A text has at most one token per two units and one paragraph per token, and one of each more.
  reserveTokens((text.length >> 1) + 3);
  const tokens = tokenBuffer;
  const starts = startBuffer;
  starts[0] = 0;
  let paragraphs = 0;
  let count = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  let newlines = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let unit: number; // the lower-cased word unit, or 0 between words
    if (code < 128) unit = ASCII_WORD_UNIT[code];
    else if (ascii) return -1;
    else unit = isWordCode(code) ? code : 0;
    if (unit !== 0) {
      if (!inWord) {
        if (newlines >= 2 && count > starts[paragraphs]) starts[++paragraphs] = count;
        newlines = 0;
        inWord = true;
      }
      h = Math.imul(h ^ unit, 0x01000193);
    } else {
      if (inWord) {
        tokens[count++] = fmix32(h);
        h = 0x811c9dc5;
        inWord = false;
      }
      if (code === 10) newlines++;
    }
  }
  if (inWord) tokens[count++] = fmix32(h);
  starts[++paragraphs] = count;
  return paragraphs;
}

export function fingerprintText(
  text: string,
  options: FingerprintOptions = DEFAULT_FINGERPRINT_OPTIONS,
): TextFingerprint {
  const { tokens, count: tokenCount } = bodyTokens(text, options.minParagraphWords);
  const size = Math.min(options.shingleSize, Math.max(1, tokenCount));
  const count = Math.max(0, tokenCount - size + 1);
  const shingles = scratch('shingles', count).subarray(0, count);
  for (let i = 0; i < count; i++) shingles[i] = shingleHash(tokens, i, size);

  const sampled = thresholdSample(
    shingles,
    options.sketchSize,
    options.minSketch,
    Math.floor(options.sampleRate * 0xffffffff),
  );
  let sketch = sampled.values;
  if (sampled.complete) {
    // A sketch holding every shingle of its text ends with the sentinel: it samples the whole hash range.
    sketch = new Uint32Array(sampled.values.length + 1);
    sketch.set(sampled.values);
    sketch[sampled.values.length] = COMPLETE_SKETCH;
  }
  // How many shingles lie wholly within the first n tokens.
  const within = (n: number): number => Math.min(count, Math.max(0, n - size + 1));
  // Distinct keys in the order first added (a handful: a list beats a Set).
  const keys: number[] = [];
  const addKey = (key: number) => {
    if (!keys.includes(key)) keys.push(key);
  };
  for (let i = 0; i < Math.min(options.bodyKeys, sampled.values.length); i++) addKey(sampled.values[i]);
  const lead = distinctSorted(shingles.subarray(0, within(options.leadTokens)));
  for (let i = 0; i < Math.min(options.leadKeys, lead.length); i++) addKey(lead[i]);
  const opening = within(options.openingTokens);
  if (opening > 0) {
    let least = shingles[0];
    for (let i = 1; i < opening; i++) least = Math.min(least, shingles[i]);
    addKey(least);
  }
  const filed = keys.slice();
  // Probes: the filed keys, then (short bodies only) every shingle of the first probeTokens tokens.
  if (tokenCount <= options.probeBodyTokens)
    for (let i = 0; i < within(options.probeTokens); i++) addKey(shingles[i]);
  const probes = keys.length === filed.length ? filed : keys;
  return {
    exact: exactHash(tokens, tokenCount),
    sketch,
    lead,
    keys: filed,
    probes,
    tokens: tokenCount,
  };
}
