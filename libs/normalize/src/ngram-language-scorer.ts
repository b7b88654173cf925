import { findKey, type LanguageTables } from './language-model-snapshot';

/**
 * eld's n-gram detection (eld 2.x, `detect`, `getScores`, `isReliable`), computed on the snapshot's tables in
 * place. eld builds a string per n-gram, a dictionary object of them, an object of scores per n-gram (the
 * snapshot's lookup makes one each time) and a sorted list of all 60 languages' scores: most of the time it
 * takes. Here the n-grams are unit ranges of one buffer, looked up by hash, and only the two best scores are
 * kept. The arithmetic is eld's, step for step, so the verdict is the same (a spec compares both on real and
 * hostile text); the pieces of eld it relies on (its separator pattern, its byte dictionary, its average
 * scores) are eld's own, passed in.
 */

/** What byEld reads of eld's result. */
export interface NgramVerdict {
  /** eld's `language` ('' when no n-gram scored) */
  language: string;
  /** the best and second best of eld's `getScores()` values (0 without a second) */
  top: number;
  second: number;
  /** eld's `isReliable()` */
  reliable: boolean;
}

/** The parts of eld this reuses unchanged. */
export interface EldParts {
  /** eld's `separators` (regexPatterns.js): runs of non-letters */
  separators: RegExp;
  /** eld's `dictionary` (dictionary.js): the unit eld writes for each UTF-8 byte */
  dictionary: readonly string[];
  /** eld's `avgScore` (avgScore.js), for isReliable */
  avgScore: Readonly<Record<string, number>>;
}

/** eld subtracts this from every stored score to keep its database small (calculateScores). */
const BASE_NGRAM_SCORE = 53;
/** eld's scale of raw scores to 0–1 (orderAndScale) and isReliable's default threshold ratio. */
const SCALE = 25;
const RELIABLE_RATIO = 0.75;
/** eld reads the first 1,000 characters, then stops encoding after 350 bytes at a space, or after 380 bytes. */
const MAX_CHARS = 1000;
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;
const MAX_WORD = 70;

/**
 * Room for the encoded text (at most 380 bytes and one character of 4), its words and n-grams: fewer than one
 * n-gram per unit, each at most 6 units but the last of a word over 70 units, which runs to the word's end.
 */
const TEXT_ROOM = 512;
const SEEN_SLOTS = 1024;

export class NgramLanguageScorer {
  private readonly byteUnit = new Uint8Array(256);
  private readonly codes: string[];
  private readonly average: Float64Array;
  private readonly scores: Int32Array;
  // Scratch, reused by every call: the encoded words, their ends, the distinct n-grams seen so far.
  private readonly text = new Uint8Array(TEXT_ROOM);
  private readonly wordEnds = new Int32Array(TEXT_ROOM);
  private readonly gram = new Uint8Array(TEXT_ROOM + 2);
  private readonly grams = new Uint8Array(TEXT_ROOM * 8);
  private readonly gramStart = new Int32Array(TEXT_ROOM + 1);
  private readonly seenSlot = new Int32Array(SEEN_SLOTS);
  private readonly seenStamp = new Uint32Array(SEEN_SLOTS);
  private stamp = 0;

  constructor(
    private readonly model: LanguageTables,
    private readonly eld: EldParts,
  ) {
    for (let b = 0x80; b < 256; b++) {
      const unit = eld.dictionary[b];
      if (unit?.length !== 1 || unit.charCodeAt(0) > 0xff)
        throw new Error(`eld's dictionary entry ${b} is not one unit`);
      this.byteUnit[b] = unit.charCodeAt(0);
    }
    const count = Object.keys(model.languages).length;
    this.codes = Array.from({ length: count }, (_, i) => model.languages[i]);
    this.average = Float64Array.from(this.codes, (code) => eld.avgScore[code] ?? Number.NaN);
    this.scores = new Int32Array(count);
  }

  detect(input: string): NgramVerdict {
    // eld's textProcessor.
    const words = this.encode(
      input.substring(0, MAX_CHARS).replace(this.eld.separators, ' ').trim().toLowerCase(),
    );
    const ngrams = this.score(words);
    return this.verdict(ngrams);
  }

  /**
   * eld's strToUtf8Bytes: the UTF-8 bytes of `str` as eld's dictionary units, split at spaces, into `text`;
   * returns the number of words (their ends in `wordEnds`).
   */
  private encode(str: string): number {
    const out = this.text;
    const unit = this.byteUnit;
    let n = 0;
    let words = 0;
    let countBytes = 0;
    for (let ii = 0; ii < str.length; ii++) {
      let c = str.charCodeAt(ii);
      if (c < 0x80) {
        if (c === 32) {
          if (n > (words > 0 ? this.wordEnds[words - 1] : 0)) this.wordEnds[words++] = n;
          if (countBytes > CUT_AFTER) break;
        } else out[n++] = c;
        countBytes++;
      } else if (c < 0x800) {
        out[n++] = unit[0xc0 | (c >> 6)];
        out[n++] = unit[0x80 | (c & 0x3f)];
        countBytes += 2;
      } else if (c < 0xd800 || c >= 0xe000) {
        out[n++] = unit[0xe0 | (c >> 12)];
        out[n++] = unit[0x80 | ((c >> 6) & 0x3f)];
        out[n++] = unit[0x80 | (c & 0x3f)];
        countBytes += 3;
      } else {
        // eld takes the next unit as the low half, whatever it is (past the end it reads NaN, which & makes 0).
        ii++;
        c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
        out[n++] = unit[0xf0 | (c >> 18)];
        out[n++] = unit[0x80 | ((c >> 12) & 0x3f)];
        out[n++] = unit[0x80 | ((c >> 6) & 0x3f)];
        out[n++] = unit[0x80 | (c & 0x3f)];
        countBytes += 4;
      }
      if (countBytes > ENFORCE_CUT_AFTER) break;
    }
    if (n > (words > 0 ? this.wordEnds[words - 1] : 0)) this.wordEnds[words++] = n;
    return words;
  }

  /** eld's getByteNgrams and calculateScores: adds up the scores of the distinct n-grams; returns their count. */
  private score(words: number): number {
    this.scores.fill(0);
    if (++this.stamp === 0xffffffff) {
      this.seenStamp.fill(0);
      this.stamp = 1;
    }
    let distinct = 0;
    let start = 0;
    for (let w = 0; w < words; w++) {
      const end = this.wordEnds[w];
      const len = Math.min(end - start, MAX_WORD);
      let j = 0;
      // 4 units long, 3 apart; the first has a space before it, the last (to the word's end) one after it.
      for (; j + 4 < len; j += 3) distinct += this.add(j === 0, start + j, start + j + 4, false, distinct);
      distinct += this.add(j === 0, start + Math.max(0, len - 4), end, true, distinct);
      start = end;
    }
    return distinct;
  }

  /** Counts the n-gram `[space] text[from, to) [space]` once: 1 when it is new, else 0. */
  private add(before: boolean, from: number, to: number, after: boolean, distinct: number): number {
    const gram = this.gram;
    let n = 0;
    if (before) gram[n++] = 0x20;
    for (let i = from; i < to; i++) gram[n++] = this.text[i];
    if (after) gram[n++] = 0x20;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ gram[i], 0x01000193);
    const mask = SEEN_SLOTS - 1;
    let s = (h >>> 0) & mask;
    for (; this.seenStamp[s] === this.stamp; s = (s + 1) & mask) {
      const seen = this.seenSlot[s];
      const at = this.gramStart[seen];
      if (this.gramStart[seen + 1] - at !== n) continue;
      let i = 0;
      while (i < n && this.grams[at + i] === gram[i]) i++;
      if (i === n) return 0;
    }
    this.seenStamp[s] = this.stamp;
    this.seenSlot[s] = distinct;
    const at = this.gramStart[distinct];
    this.grams.set(gram.subarray(0, n), at);
    this.gramStart[distinct + 1] = at + n;

    const t = this.model.tables;
    const key = findKey(t, gram, 0, n);
    if (key >= 0)
      for (let p = t.pairStart[key]; p < t.pairStart[key + 1]; p++)
        this.scores[t.pairLanguage[p]] += t.pairScore[p] + BASE_NGRAM_SCORE;
    return 1;
  }

  /** eld's getMaxLang, orderAndScale (its first two entries), getScores and isReliable. */
  private verdict(ngrams: number): NgramVerdict {
    const scores = this.scores;
    let best = -1;
    let bestRaw = 0;
    // The scaled scores in eld's stable descending order: first and second place, ties to the lower index.
    let first = -1;
    let second = -1;
    let firstScaled = 0;
    let secondScaled = 0;
    for (let l = 0; l < scores.length; l++) {
      const raw = scores[l];
      if (raw <= 0) continue;
      if (raw > bestRaw) {
        bestRaw = raw;
        best = l;
      }
      const ngramScore = raw / ngrams;
      const scaled = ngramScore / (ngramScore + SCALE);
      if (first < 0 || scaled > firstScaled) {
        second = first;
        secondScaled = firstScaled;
        first = l;
        firstScaled = scaled;
      } else if (second < 0 || scaled > secondScaled) {
        second = l;
        secondScaled = scaled;
      }
    }
    if (best < 0) return { language: '', top: 0, second: 0, reliable: false };
    // isReliable compares the best score with the *index* of the second language (results[1][0]), as eld does.
    const next = second >= 0 ? second : 0;
    const reliable =
      ngrams >= 3 &&
      !(this.average[best] * RELIABLE_RATIO > firstScaled || 0.01 > Math.abs(firstScaled - next));
    return {
      language: this.codes[best],
      top: firstScaled,
      second: second >= 0 ? secondScaled : 0,
      reliable,
    };
  }
}
