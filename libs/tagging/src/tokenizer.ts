/**
 * One left-to-right scan that turns a field into match keys with exact offsets. Everything downstream
 * (gazetteer, topic cues, negation) works on these keys, so the tagger reads each character once and every
 * evidence span is a plain `slice(start, end)` of the original string.
 */

export type Shape = 'upper' | 'title' | 'lower' | 'uncased';

export interface Token {
  start: number;
  end: number;
  /** Normalized match key: lower case, Latin diacritics folded, Cyrillic stemmed, Arabic letters unified. */
  key: string;
  /** Further keys to try (Arabic proclitics stripped, German genitive -s). */
  alt?: string[];
  shape: Shape;
  /** First token of a sentence (or of the field): capitalization says little there. */
  sentStart: boolean;
  /** Punctuation other than spaces, hyphens and apostrophes separates this token from the previous one. */
  breakBefore: boolean;
  sentence: number;
  /** Han/kana characters are one token each, since those scripts do not mark word boundaries. */
  cjk: boolean;
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const COMBINING = /\p{M}/gu;

// Case and number endings of Russian and Ukrainian nouns. Stemming both the gazetteer and the text the same
// way lets "России", "Россией" and "Россия" meet on one key without a morphological dictionary.
const SLAVIC_ENDINGS = ['иями', 'ями', 'ами', 'ией', 'ією', 'ого', 'его', 'ому', 'ему', 'ой', 'ей', 'ом', 'ем', 'ах', 'ях', 'ии', 'ия', 'ию', 'ії', 'ія', 'ію', 'ою', 'ею', 'ы', 'и', 'і', 'а', 'я', 'е', 'у', 'ю', 'й', 'ь', 'о'];

export function stemSlavic(word: string): string {
  if (word.length < 5) return word;
  for (const ending of SLAVIC_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) return word.slice(0, -ending.length);
  }
  return word;
}

function normalizeArabic(word: string): string {
  return word
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
}

/** Arabic writes "and", "in", "for" and the article onto the noun: والصين, بالصين, للصين all mean China. */
function arabicVariants(word: string): string[] {
  const out: string[] = [];
  const bases = [word];
  if ((word.startsWith('و') || word.startsWith('ف')) && word.length > 3) bases.push(word.slice(1));
  for (const base of bases) {
    if (base !== word) out.push(base);
    if (/^[بكف]ال/.test(base) && base.length > 4) out.push(base.slice(1));
    else if (base.startsWith('لل') && base.length > 4) out.push('ال' + base.slice(2));
  }
  return out;
}

export function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase();
  if (CYRILLIC.test(lower)) return stemSlavic(lower.replace(/ё/g, 'е'));
  if (ARABIC.test(lower)) return normalizeArabic(lower);
  return lower.normalize('NFD').replace(COMBINING, '');
}

function shapeOf(raw: string): Shape {
  const first = raw.charAt(0);
  if (!UPPER.test(first)) return LOWER.test(first) ? 'lower' : 'uncased';
  if (raw.length > 1 && !LOWER.test(raw)) return 'upper';
  return 'title';
}

export interface TokenizeOptions {
  language?: string;
}

function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return LETTER.test(ch);
}

function isCjk(code: number, ch: string): boolean {
  return code >= 0x2e80 && CJK.test(ch);
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
  const tokens: Token[] = [];
  const german = options.language === 'de';
  const n = text.length;
  let i = 0;
  let sentence = 0;
  let pendingBreak = false;
  let pendingSentence = true;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 128 ? !ASCII_WORD[code] : !isWordChar(code, text[i])) {
      const gap = code < 128 ? ASCII_GAP[code] : gapOf(code);
      if (gap === SENTENCE) {
        pendingSentence = true;
        pendingBreak = true;
      } else if (gap === HARD) {
        pendingBreak = true;
      }
      i++;
      continue;
    }
    const ch = text[i];
    const start = i;
    const cjk = isCjk(code, ch);
    let ascii = code < 128;
    i++;
    if (!cjk) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c < 128) {
          if (!ASCII_WORD[c]) break;
        } else {
          const chr = text[i];
          if (!LETTER.test(chr) || isCjk(c, chr)) break;
          ascii = false;
        }
        i++;
      }
    }
    let end = i;
    let dotted = false;
    // "U.S." / "U.S.A." / "D.C.": single capitals each followed by a dot.
    if (end - start === 1 && code >= 65 && code <= 90 && text.charCodeAt(end) === 46) {
      let j = end;
      while (text.charCodeAt(j) === 46 && isUpperAscii(text.charCodeAt(j + 1)) && !isAsciiWord(text.charCodeAt(j + 2))) j += 2;
      if (j > end) {
        end = text.charCodeAt(j) === 46 ? j + 1 : j;
        i = end;
        dotted = true;
      }
    }
    const raw = text.slice(start, end);
    let key: string;
    let shape: Shape;
    if (dotted) {
      key = raw.replace(/\./g, '').toLowerCase();
      shape = 'upper';
    } else if (ascii) {
      shape = asciiShape(raw, code);
      // toLowerCase() is a runtime call per token; most words are already lower case or only capitalized.
      key = shape === 'lower' || shape === 'uncased' ? raw : lowerCased(raw);
    } else {
      key = normalizeWord(raw);
      shape = shapeOf(raw);
    }
    if (pendingSentence && tokens.length > 0) sentence++;
    const token: Token = { start, end, key, shape, sentStart: pendingSentence, breakBefore: pendingBreak, sentence, cjk };
    if (!ascii && ARABIC.test(key)) {
      const alt = arabicVariants(key);
      if (alt.length > 0) token.alt = alt;
    } else if (german && key.length > 4 && key.endsWith('s')) {
      token.alt = [key.slice(0, -1)];
    }
    tokens.push(token);
    pendingSentence = false;
    pendingBreak = false;
  }
  return tokens;
}

// Building a lower-case copy of every capitalized word costs more than the rest of the scan; the same names
// recur from article to article, so their keys are remembered (bounded, cleared when full).
const LOWER_CACHE = new Map<string, string>();
const LOWER_CACHE_LIMIT = 100_000;

function lowerCased(raw: string): string {
  let key = LOWER_CACHE.get(raw);
  if (key === undefined) {
    if (LOWER_CACHE.size >= LOWER_CACHE_LIMIT) LOWER_CACHE.clear();
    key = raw.toLowerCase();
    LOWER_CACHE.set(raw, key);
  }
  return key;
}

function isUpperAscii(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

function asciiShape(raw: string, first: number): Shape {
  if (first >= 97 && first <= 122) return 'lower';
  if (first < 65 || first > 90) return 'uncased';
  if (raw.length === 1) return 'title';
  for (let k = 1; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 97 && c <= 122) return 'title';
  }
  return 'upper';
}

/** The keys of a gazetteer phrase, tokenized exactly like article text. */
export function phraseKeys(phrase: string, language?: string): string[] {
  return tokenize(phrase, { language }).map((t) => t.key);
}
