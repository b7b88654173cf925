/**
 * One left-to-right scan that turns a field into match keys with exact offsets. Everything downstream
 * (gazetteer, topic cues, negation) works on these keys, so the tagger reads each character once and every
 * evidence span is a plain `slice(start, end)` of the original string.
 */

import { ARABIC, arabicVariants, normalizeWord } from './word-forms';
import { endsSentence, isInitialAt } from './sentence-ends';

export { normalizeWord, stemSlavic } from './word-forms';

export type Shape = 'upper' | 'title' | 'lower' | 'uncased';

export interface Token {
  start: number;
  end: number;
  /**
   * 32-bit hash of the normalized key (lower case, Latin diacritics folded, Cyrillic stemmed, Arabic letters
   * unified). Hashing while scanning spares a string per word; matchers confirm a hit with `keyOf`.
   */
  hash: number;
  /** Hashes of further keys to try (Arabic proclitics stripped, German genitive -s). */
  alt?: number[];
  shape: Shape;
  /** First token of a sentence (or of the field): capitalization says little there. */
  sentStart: boolean;
  /** Punctuation other than spaces, hyphens and apostrophes separates this token from the previous one. */
  breakBefore: boolean;
  sentence: number;
  /** Han/kana characters are one token each, since those scripts do not mark word boundaries. */
  cjk: boolean;
}

// Shapes as small integers, kept in the low two bits of `TokenBuffer.flags`. Module-local rather than
// exported: TypeScript compiles a reference to an exported constant into a property load from `exports`.
const UPPER_SHAPE = 0;
const TITLE_SHAPE = 1;
const LOWER_SHAPE = 2;
const UNCASED_SHAPE = 3;
const SHAPE_MASK = 3;
const SHAPES: readonly Shape[] = ['upper', 'title', 'lower', 'uncased'];
// Further bits of `TokenBuffer.flags`, with the meaning of the `Token` fields of the same name.
const SENT_START = 4;
const BREAK_BEFORE = 8;
const CJK_TOKEN = 16;
const HAS_ALT = 32;

/**
 * The tokens of one field as parallel typed arrays rather than one object per token: an article has hundreds
 * of tokens, and objects for them cost more in allocation and garbage collection than the scan itself.
 * A buffer is reused from article to article (`scanTokens` overwrites it), so only its owner may hold one.
 * Hashes are stored as int32 (`hash | 0`), the form the tries key their edges by.
 */
export class TokenBuffer {
  count = 0;
  start = new Int32Array(256);
  end = new Int32Array(256);
  hash = new Int32Array(256);
  sentence = new Int32Array(256);
  /** Shape in the low two bits, then SENT_START, BREAK_BEFORE, CJK_TOKEN, HAS_ALT. */
  flags = new Uint8Array(256);
  /** Variant hashes of token i are alts[altFrom[i]] .. alts[altTo[i] - 1] (only when HAS_ALT is set). */
  altFrom = new Int32Array(256);
  altTo = new Int32Array(256);
  readonly alts: number[] = [];
  /**
   * When the field is pure ASCII, its characters as bytes (byte i is char code i) and `ascii` is true:
   * matchers compare words here rather than through `charCodeAt`, which costs more on a sliced string.
   */
  bytes = new Uint8Array(4096);
  ascii = false;

  isLower(i: number): boolean {
    return (this.flags[i] & SHAPE_MASK) === LOWER_SHAPE;
  }

  isTitle(i: number): boolean {
    return (this.flags[i] & SHAPE_MASK) === TITLE_SHAPE;
  }

  isUpper(i: number): boolean {
    return (this.flags[i] & SHAPE_MASK) === UPPER_SHAPE;
  }

  sentStart(i: number): boolean {
    return (this.flags[i] & SENT_START) !== 0;
  }

  breakBefore(i: number): boolean {
    return (this.flags[i] & BREAK_BEFORE) !== 0;
  }

  hasAlt(i: number): boolean {
    return (this.flags[i] & HAS_ALT) !== 0;
  }

  /** Drops the tokens of the previous field, keeping the arrays. */
  reset(): void {
    this.count = 0;
    this.alts.length = 0;
  }

  push(start: number, end: number, hash: number, flags: number, sentence: number): number {
    const i = this.count;
    if (i === this.start.length) this.grow();
    this.start[i] = start;
    this.end[i] = end;
    this.hash[i] = hash;
    this.flags[i] = flags;
    this.sentence[i] = sentence;
    this.count = i + 1;
    return i;
  }

  /** Attaches variant hashes to token i (the last one pushed). */
  setAlts(i: number, hashes: readonly number[]): void {
    this.altFrom[i] = this.alts.length;
    for (const h of hashes) this.alts.push(h | 0);
    this.altTo[i] = this.alts.length;
    this.flags[i] |= HAS_ALT;
  }

  /** The token as an object, for tests and callers outside the hot path. */
  token(i: number): Token {
    const flags = this.flags[i];
    return {
      start: this.start[i],
      end: this.end[i],
      hash: this.hash[i] >>> 0,
      alt: flags & HAS_ALT ? this.alts.slice(this.altFrom[i], this.altTo[i]).map((h) => h >>> 0) : undefined,
      shape: SHAPES[flags & SHAPE_MASK],
      sentStart: (flags & SENT_START) !== 0,
      breakBefore: (flags & BREAK_BEFORE) !== 0,
      sentence: this.sentence[i],
      cjk: (flags & CJK_TOKEN) !== 0,
    };
  }

  private grow(): void {
    const size = this.start.length * 2;
    this.start = growInt32(this.start, size);
    this.end = growInt32(this.end, size);
    this.hash = growInt32(this.hash, size);
    this.sentence = growInt32(this.sentence, size);
    this.altFrom = growInt32(this.altFrom, size);
    this.altTo = growInt32(this.altTo, size);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }
}

function growInt32(from: Int32Array, size: number) {
  const to = new Int32Array(size);
  to.set(from);
  return to;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units: the same value the scanner computes on the fly for ASCII words. */
export function hashKey(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** The shape of a word as one of the *_SHAPE codes. */
function shapeOf(raw: string): number {
  const first = raw.charAt(0);
  if (!UPPER.test(first)) return LOWER.test(first) ? LOWER_SHAPE : UNCASED_SHAPE;
  if (raw.length > 1 && !LOWER.test(raw)) return UPPER_SHAPE;
  return TITLE_SHAPE;
}

export interface TokenizeOptions {
  language?: string;
}

function isWordChar(code: number, ch: string): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return LETTER.test(ch);
}

// Gap characters: SOFT may sit inside a multi-word name ("Guinea-Bissau", "Côte d'Ivoire"), HARD separates
// names ("Guinea, Bissau"), SENTENCE also ends a sentence. Tables by char code: this runs on every character.
const SOFT = 0;
const HARD = 1;
const SENTENCE = 2;
const ASCII_WORD = new Uint8Array(128);
const ASCII_GAP = new Uint8Array(128).fill(HARD);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) ASCII_WORD[c] = 1;
}
for (const ch of [' ', '-', "'", '\t', '\r']) ASCII_GAP[ch.charCodeAt(0)] = SOFT;
// For word characters: the lower-case code in the low byte, plus UPPER_SEEN or LOWER_SEEN for letters; 0 for
// all else. One lookup per character then both hashes the key and records the case, without branches.
const UPPER_SEEN = 0x100;
const LOWER_SEEN = 0x200;
const ASCII_INFO = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 65 && c <= 90) ASCII_INFO[c] = (c + 32) | UPPER_SEEN;
  else if (c >= 97 && c <= 122) ASCII_INFO[c] = c | LOWER_SEEN;
  else if (c >= 48 && c <= 57) ASCII_INFO[c] = c;
}
for (const ch of ['.', '!', '?', '\n']) ASCII_GAP[ch.charCodeAt(0)] = SENTENCE;

function gapOf(code: number): number {
  switch (code) {
    case 0x00a0: // no-break space
    case 0x2019: // ’
    case 0x2010: // ‐
    case 0x2013: // –
      return SOFT;
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x061f: // ؟
    case 0x2029:
      return SENTENCE;
    default:
      return HARD;
  }
}

/**
 * Splits on everything but letters, marks and digits; apostrophes and hyphens split too, so "China's" gives
 * "china" and "Guinea-Bissau" matches the phrase "guinea bissau". Dotted initialisms ("U.S.", "U.K.") become
 * one token so they can be told apart from the pronoun "us". ASCII takes a fast path: this runs on every
 * character of every article.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const buffer = new TokenBuffer();
  scanTokens(text, buffer, options.language);
  const tokens: Token[] = [];
  for (let i = 0; i < buffer.count; i++) tokens.push(buffer.token(i));
  return tokens;
}

/** `tokenize` into a reusable buffer: what the tagger runs on every field of every article. */
export function scanTokens(text: string, tokens: TokenBuffer, language?: string): void {
  tokens.reset();
  tokens.ascii = copyAscii(text, tokens);
  if (tokens.ascii) scanAscii(text, tokens.bytes, tokens, language === 'de');
  else scanAnyScript(text, tokens, language === 'de');
}

const encoder = new TextEncoder();

/**
 * Copies the text into `tokens.bytes` and tells whether it is pure ASCII (byte i is then char code i). The
 * copy is one fast native call, and indexing it is several times cheaper than `charCodeAt` on a string,
 * which must first find out whether it is sliced, concatenated or two-byte.
 */
function copyAscii(text: string, tokens: TokenBuffer): boolean {
  // One byte more than the text: scanAscii puts a zero after it.
  if (text.length >= tokens.bytes.length)
    tokens.bytes = new Uint8Array(Math.max(text.length + 1, tokens.bytes.length * 2));
  const { read, written } = encoder.encodeInto(text, tokens.bytes);
  // Any other character takes two to four bytes, so one byte per character means ASCII only.
  return read === text.length && written === text.length;
}

/**
 * `scanAnyScript` for pure ASCII text, the common case, reading from its byte copy. It must split, hash and
 * shape exactly as that loop does; both hand each word to `pushAsciiWord`.
 */
function scanAscii(text: string, bytes: Uint8Array, tokens: TokenBuffer, german: boolean): void {
  const n = text.length;
  // A zero byte after the text ends the last word without a bounds test per character (ASCII_INFO[0] is 0).
  bytes[n] = 0;
  let i = 0;
  let sentence = 0;
  // SENT_START / BREAK_BEFORE for the next token, from the gaps before it.
  let pending = SENT_START;
  while (i < n) {
    const code = bytes[i];
    if (code === 32) {
      // A space, the most common gap, changes no flag.
      i++;
      continue;
    }
    let info = ASCII_INFO[code];
    if (info === 0) {
      pending |= gapFlags(text, i, code, ASCII_GAP[code]);
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    let cases = 0;
    do {
      cases |= info;
      hash = Math.imul(hash ^ (info & 0xff), FNV_PRIME);
      info = ASCII_INFO[bytes[++i]];
    } while (info !== 0);
    if ((pending & SENT_START) !== 0 && tokens.count > 0) sentence++;
    i = pushAsciiWord(text, tokens, start, i, code, hash, cases, pending, sentence, german);
    pending = 0;
  }
}

/** The SENT_START / BREAK_BEFORE bits set by text[i], a gap character (char code `code`) of class `gap`. */
function gapFlags(text: string, i: number, code: number, gap: number): number {
  // The full stop of an initial joins what it abbreviates ("George H. W. Bush", "N. Korea").
  if (code === 46 && isInitialAt(text, i)) return 0;
  if (gap === SENTENCE && (code !== 46 || endsSentence(text, i))) return SENT_START | BREAK_BEFORE;
  return gap === SOFT ? 0 : BREAK_BEFORE;
}

/** Text in any script: Cyrillic, Arabic and Latin with diacritics are normalized per word, Han/kana split. */
function scanAnyScript(text: string, tokens: TokenBuffer, german: boolean): void {
  const n = text.length;
  let i = 0;
  let sentence = 0;
  // SENT_START / BREAK_BEFORE for the next token, from the gaps before it.
  let pending = SENT_START;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 128 ? !ASCII_WORD[code] : !isWordChar(code, text[i])) {
      pending |= gapFlags(text, i, code, code < 128 ? ASCII_GAP[code] : gapOf(code));
      i++;
      continue;
    }
    const start = i;
    const cjk = code >= 0x2e80 && CJK.test(text[i]);
    let ascii = code < 128;
    let hash = FNV_OFFSET;
    let cases = 0;
    if (cjk) {
      i++;
    } else {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c < 128) {
          const info = ASCII_INFO[c];
          if (info === 0) break;
          cases |= info;
          hash = Math.imul(hash ^ (info & 0xff), FNV_PRIME);
        } else {
          const chr = text[i];
          if (!LETTER.test(chr) || (c >= 0x2e80 && CJK.test(chr))) break;
          ascii = false;
        }
        i++;
      }
    }
    if ((pending & SENT_START) !== 0 && tokens.count > 0) sentence++;
    if (ascii) i = pushAsciiWord(text, tokens, start, i, code, hash, cases, pending, sentence, german);
    else pushWord(text, tokens, start, i, pending | (cjk ? CJK_TOKEN : 0), sentence, german);
    pending = 0;
  }
}

/**
 * Pushes the ASCII word text[start, end) starting with char code `first`, hashed while scanning, with
 * UPPER_SEEN / LOWER_SEEN in `cases` when it has upper / lower case letters. Returns where scanning goes
 * on, which is past the initialism when the word is the first letter of one ("U.S.").
 */
function pushAsciiWord(
  text: string,
  tokens: TokenBuffer,
  start: number,
  end: number,
  first: number,
  hash: number,
  cases: number,
  flags: number,
  sentence: number,
  german: boolean,
): number {
  if (end - start === 1 && isUpperAscii(first)) {
    const dottedEnd = initialismEnd(text, end);
    if (dottedEnd > end) {
      const key = text.slice(start, dottedEnd).replace(/\./g, '').toLowerCase();
      tokens.push(start, dottedEnd, hashKey(key) | 0, UPPER_SHAPE | flags, sentence);
      return dottedEnd;
    }
  }
  const shape =
    first >= 97 && first <= 122
      ? LOWER_SHAPE
      : (cases & UPPER_SEEN) === 0
        ? UNCASED_SHAPE
        : (cases & LOWER_SEEN) === 0 && end - start > 1
          ? UPPER_SHAPE
          : TITLE_SHAPE;
  const index = tokens.push(start, end, hash | 0, shape | flags, sentence);
  if (german && end - start > 4 && (text.charCodeAt(end - 1) | 32) === 115)
    tokens.setAlts(index, [hashKey(text.slice(start, end - 1).toLowerCase())]);
  return end;
}

/** "U.S." / "U.S.A." / "D.C.": single capitals each followed by a dot. `end` follows the first capital. */
function initialismEnd(text: string, end: number): number {
  let j = end;
  while (
    text.charCodeAt(j) === 46 &&
    isUpperAscii(text.charCodeAt(j + 1)) &&
    !isAsciiWord(text.charCodeAt(j + 2))
  )
    j += 2;
  if (j === end) return end;
  return text.charCodeAt(j) === 46 ? j + 1 : j;
}

/** Pushes a word with characters beyond ASCII (or a Han/kana character), hashing its normalized key. */
function pushWord(
  text: string,
  tokens: TokenBuffer,
  start: number,
  end: number,
  flags: number,
  sentence: number,
  german: boolean,
): void {
  const raw = text.slice(start, end);
  const key = normalizeWord(raw);
  const index = tokens.push(start, end, hashKey(key) | 0, shapeOf(raw) | flags, sentence);
  if (ARABIC.test(key)) {
    const variants = arabicVariants(key);
    if (variants.length > 0) tokens.setAlts(index, variants.map(hashKey));
  } else if (german && key.length > 4 && key.endsWith('s')) {
    tokens.setAlts(index, [hashKey(key.slice(0, -1))]);
  }
}

/** The normalized key of a token, for confirming a hash match and for display. */
export function keyOf(text: string, token: Token): string {
  return keyAt(text, token.start, token.end);
}

/** The normalized key of the token spanning text[start, end). */
export function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return normalizeWord(raw.includes('.') ? raw.replace(/\./g, '') : raw);
}

/** Keys a token may stand for: its own and its variants (Arabic proclitics, German genitive). */
export function keysOf(text: string, token: Token, language?: string): string[] {
  return keysAt(text, token.start, token.end, token.alt !== undefined, language);
}

/** `keysOf` for the token spanning text[start, end), which has variant hashes when `hasAlt`. */
export function keysAt(
  text: string,
  start: number,
  end: number,
  hasAlt: boolean,
  language?: string,
): string[] {
  const key = keyAt(text, start, end);
  if (!hasAlt) return [key];
  if (ARABIC.test(key)) return [key, ...arabicVariants(key)];
  return language === 'de' || key.endsWith('s') ? [key, key.slice(0, -1)] : [key];
}

function isUpperAscii(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/**
 * The keys of a gazetteer phrase, split exactly like article text (same word characters, one token per
 * Han/kana character, dotted initialisms kept whole). Deliberately its own loop rather than a call to
 * `tokenize`: building the gazetteer runs this on a hundred thousand names in every script and string
 * representation, and sharing `tokenize` would leave V8's optimized code for it generic and about twice as
 * slow on article text. (A language changes only a token's variant hashes, never its keys.)
 */
export function phraseKeys(phrase: string): string[] {
  const keys: string[] = [];
  const n = phrase.length;
  let i = 0;
  while (i < n) {
    const code = phrase.charCodeAt(i);
    if (code < 128 ? !ASCII_WORD[code] : !LETTER.test(phrase[i])) {
      i++;
      continue;
    }
    const start = i;
    if (code >= 0x2e80 && CJK.test(phrase[i])) {
      i++;
    } else {
      while (i < n) {
        const c = phrase.charCodeAt(i);
        if (c < 128) {
          if (!ASCII_WORD[c]) break;
        } else {
          const chr = phrase[i];
          if (!LETTER.test(chr) || (c >= 0x2e80 && CJK.test(chr))) break;
        }
        i++;
      }
    }
    if (i - start === 1 && isUpperAscii(code)) i = initialismEnd(phrase, i);
    keys.push(keyAt(phrase, start, i));
  }
  return keys;
}
