/**
 * Language with a confidence. Most articles are settled in a few microseconds by their writing system
 * (Greek, Hangul, Thai …) or, for the big Latin-script news languages, by the density of their most
 * frequent function words; the rest go to eld (n-gram detector, 60 languages), loaded once on first
 * need. Short or ambiguous text falls back to the declared language, or 'und'.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as nodeModule from 'module';
import { lowerUnit } from './text-hygiene';
import {
  decodeLanguageTables,
  languageModelBytes,
  languageModelFingerprint,
  sharedLanguageModel,
  type NgramsData,
} from './language-model-snapshot';
import { NgramLanguageScorer, type EldParts, type NgramVerdict } from './ngram-language-scorer';

export interface DetectedLanguage {
  code: string;
  confidence: number;
}

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
export interface Eld {
  detect(text: string): EldResult;
}
type NgramDetector = (sample: string) => NgramVerdict;

const SAMPLE_CHARS = 400;
const MIN_LETTERS = 20;

// Function words, hand-picked for frequency in news prose. Words shared by two lists are dropped at
// load so every hit is evidence for one language.
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  en: 'the and of to is that for it was with on as by he at from his have this are be has not but they which said were had been their will would who its after an about also more than when',
  fr: 'le les des et est une du dans pour qui sur pas au avec ce il sont par plus ont été mais ses aux cette elle nous leur était selon lors deux ans fait comme',
  es: 'el los las del y una por con para su al como más pero sus fue ha este esta está son también entre sobre desde hasta según años cuando muy',
  de: 'der die das und ist nicht mit von den ein eine zu auf für im dem sich des auch es wird wurde sind bei nach aus einer werden hat oder kann noch nur wie über',
  pt: 'os do da dos das não uma em com para por mais ao foi são como seu sua ele ela também pelo pela está já ainda muito quando anos após sobre',
  it: 'il di che è della per sono non con del gli nel alla anche più ha dei delle questo lo si da al ma essere stato hanno dopo degli sul alle',
  nl: 'het een en van is dat op niet met voor zijn te die aan er ook bij wordt door naar heeft maar dan nog om werd uit deze hij zij',
};
const FUNCTION_WORD_LANG = (() => {
  const owner = new Map<string, string | null>();
  for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
    for (const w of words.split(' ')) owner.set(w, owner.has(w) && owner.get(w) !== lang ? null : lang);
  }
  const out = new Map<string, string>();
  for (const [w, lang] of owner) if (lang !== null) out.set(w, lang);
  return out;
})();
const FUNCTION_LANGS = Object.keys(FUNCTION_WORDS);

// Writing systems used by one language in news (code point ranges → ISO 639-1).
const SINGLE_SCRIPT: readonly [number, number, string][] = [
  [0x0370, 0x03ff, 'el'],
  [0x0590, 0x05ff, 'he'],
  [0x0e00, 0x0e7f, 'th'],
  [0x10a0, 0x10ff, 'ka'],
  [0x0530, 0x058f, 'hy'],
  [0x0980, 0x09ff, 'bn'],
  [0x0a00, 0x0a7f, 'pa'],
  [0x0a80, 0x0aff, 'gu'],
  [0x0b80, 0x0bff, 'ta'],
  [0x0c00, 0x0c7f, 'te'],
  [0x0c80, 0x0cff, 'kn'],
  [0x0d00, 0x0d7f, 'ml'],
  [0x0d80, 0x0dff, 'si'],
  [0x1780, 0x17ff, 'km'],
  [0x0e80, 0x0eff, 'lo'],
  [0x1000, 0x109f, 'my'],
  [0x1200, 0x137f, 'am'],
  [0xac00, 0xd7af, 'ko'],
  [0x1100, 0x11ff, 'ko'],
  [0x3040, 0x30ff, 'ja'],
];
const WORD_SPLIT_RE = /[^a-zà-ÿœ']+/;
const LANG_TAG_RE = /^([a-zA-Z]{2})(?:[-_]|$)/;

// eld has Malay but no Indonesian, a major news language: spellings that differ between the two
// standards settle it ("karena"/"kerana", "bahwa"/"bahawa", "uang"/"wang" …).
const INDONESIAN_MARKERS = new Set([
  'karena',
  'bahwa',
  'tersebut',
  'setelah',
  'pemerintah',
  'saat',
  'bisa',
  'uang',
  'belum',
  'sampai',
  'kalau',
  'cuma',
  'agar',
  'pun',
  'kemarin',
  'lewat',
  'memang',
  'soal',
]);
const MALAY_MARKERS = new Set([
  'kerana',
  'bahawa',
  'selepas',
  'kerajaan',
  'wang',
  'boleh',
  'sahaja',
  'ialah',
  'beliau',
  'kepada',
  'negara',
  'supaya',
  'semalam',
  'sehingga',
]);

function malayOrIndonesian(sample: string): string {
  let id = 0;
  let ms = 0;
  for (const w of sample.toLowerCase().split(WORD_SPLIT_RE)) {
    if (INDONESIAN_MARKERS.has(w)) id++;
    else if (MALAY_MARKERS.has(w)) ms++;
  }
  return id > ms ? 'id' : 'ms';
}

let ngramDetector: NgramDetector | null | undefined;

/**
 * eld's folder and a require that loads its ES modules outside any module sandbox, or null without eld (the
 * specs load eld through it too).
 */
export function findEld(): { dir: string; load: (file: string) => unknown } | null {
  const builtin =
    (process as unknown as { getBuiltinModule?: (id: string) => typeof nodeModule }).getBuiltinModule?.(
      'module',
    ) ?? nodeModule;
  const nativeRequire = builtin.createRequire(__filename);
  for (const dir of nativeRequire.resolve.paths('eld') ?? []) {
    const eldDir = path.join(dir, 'eld');
    if (fs.existsSync(path.join(eldDir, 'src', 'languageDetector.js')))
      return { dir: eldDir, load: (file): unknown => nativeRequire(path.join(eldDir, 'src', file)) };
  }
  return null;
}

/** eld's own 'small' database, as its module defines it (slow: most of a second; see language-model-snapshot.ts). */
function originalNgrams(eld: NonNullable<ReturnType<typeof findEld>>): () => NgramsData {
  return () => (eld.load('ngrams/small.js') as { ngramsData: NgramsData }).ngramsData;
}

/** The pieces of eld that NgramLanguageScorer reuses, from eld's own modules. */
export function eldParts(eld: NonNullable<ReturnType<typeof findEld>>): EldParts {
  const { separators } = eld.load('regexPatterns.js') as { separators?: RegExp };
  const { dictionary } = eld.load('dictionary.js') as { dictionary?: string[] };
  const { avgScore } = eld.load('avgScore.js') as { avgScore?: Record<string, number> };
  // Not `instanceof RegExp`: eld's modules may come from another realm (under Jest, the native require's).
  const isRegExp = Object.prototype.toString.call(separators) === '[object RegExp]';
  if (!isRegExp || !Array.isArray(dictionary) || typeof avgScore !== 'object')
    throw new Error('eld has changed: its separators, dictionary or average scores are missing');
  return { separators: separators as RegExp, dictionary, avgScore };
}

/** eld's own detector, read as NgramLanguageScorer answers (the fallback, and the specs' reference). */
export function throughEld(eld: Eld): NgramDetector {
  return (sample) => {
    const result = eld.detect(sample);
    if (result.language === '') return { language: '', top: 0, second: 0, reliable: false };
    const scores = Object.values(result.getScores()).sort((a, b) => b - a);
    return {
      language: result.language,
      top: scores[0] ?? 0,
      second: scores[1] ?? 0,
      reliable: result.isReliable(),
    };
  };
}

/**
 * The n-gram detector, loaded once: eld's scoring on the flat snapshot (language-model-snapshot.ts,
 * ngram-language-scorer.ts), falling back to eld's own module (an ES module, hence the native require).
 */
function loadNgramDetector(): NgramDetector | null {
  if (ngramDetector !== undefined) return ngramDetector;
  ngramDetector = null;
  try {
    const eld = findEld();
    if (eld === null) return null;
    try {
      const bytes = languageModelBytes(eld.dir, originalNgrams(eld));
      const tables = decodeLanguageTables(bytes, languageModelFingerprint(eld.dir));
      const scorer = new NgramLanguageScorer(tables, eldParts(eld));
      ngramDetector = (sample) => scorer.detect(sample);
    } catch {
      const mod = eld.load('entries/static.small.js') as { eld?: Eld };
      if (mod.eld !== undefined) ngramDetector = throughEld(mod.eld);
    }
  } catch {
    ngramDetector = null; // Node without require(esm): function words and scripts still work
  }
  return ngramDetector;
}

/**
 * The language model's snapshot in shared memory, for pipeline threads (`useLanguageModel` in each), or null
 * without eld. The calling thread uses the same bytes.
 */
export function sharedLanguageModelSnapshot(): Uint8Array | null {
  try {
    const eld = findEld();
    return eld === null ? null : sharedLanguageModel(eld.dir, originalNgrams(eld));
  } catch {
    return null;
  }
}

/** Loads the n-gram detector now rather than on the first article that needs it. */
export function preloadLanguageModel(): boolean {
  return loadNgramDetector() !== null;
}

interface ScriptVote {
  letters: number;
  found: DetectedLanguage | null;
  latin: boolean;
}

function byScript(sample: string): ScriptVote {
  let letters = 0;
  let han = 0;
  let latin = 0;
  const counts = new Map<string, number>();
  // UTF-16 units are enough: every script counted here lies in the Basic Multilingual Plane.
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0xc0 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f)) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
        letters++;
        latin++;
      }
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      letters++;
      continue;
    }
    for (const [lo, hi, lang] of SINGLE_SCRIPT) {
      if (c >= lo && c <= hi) {
        counts.set(lang, (counts.get(lang) ?? 0) + 1);
        break;
      }
    }
    letters++;
  }
  const vote: ScriptVote = { letters, found: null, latin: letters > 0 && latin > 0.9 * letters };
  const ja = counts.get('ja') ?? 0;
  if (letters > 0 && han + ja > 0.5 * letters) {
    vote.found = ja > 0.05 * (han + ja) ? { code: 'ja', confidence: 0.95 } : { code: 'zh', confidence: 0.9 };
  }
  for (const [lang, n] of counts) if (n > 0.5 * letters) vote.found = { code: lang, confidence: 0.95 };
  return vote;
}

// Function words by a hash of their units, for matching words of a text where they stand (no copies).
const FUNCTION_WORD_BY_HASH = (() => {
  const out = new Map<number, { word: string; lang: number }[]>();
  for (const [word, lang] of FUNCTION_WORD_LANG) {
    let h = 0;
    for (let i = 0; i < word.length; i++) h = wordHashStep(h, word.charCodeAt(i));
    const entries = out.get(h) ?? [];
    entries.push({ word, lang: FUNCTION_LANGS.indexOf(lang) });
    out.set(h, entries);
  }
  return out;
})();

function wordHashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** A unit of a word for `WORD_SPLIT_RE` (`[a-zà-ÿœ']`), given lower-cased. */
function isWordUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xe0 && c <= 0xff) || c === 0x153 || c === 0x27;
}

/** Whether `sample[start, end)`, lower-cased unit by unit, spells `word`. */
function spells(sample: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = start; i < end; i++)
    if (lowerUnit(sample.charCodeAt(i)) !== word.charCodeAt(i - start)) return false;
  return true;
}

interface WordTally {
  /** pieces of `sample.toLowerCase().split(WORD_SPLIT_RE)`, empty ones at the ends included */
  words: number;
  /** function-word hits per language, in FUNCTION_LANGS order */
  hits: number[];
}

/**
 * Counts what `sample.toLowerCase().split(WORD_SPLIT_RE)` would give, and the function words among the
 * pieces, in one pass that folds case as it reads; null when a unit lower-cases by context (then the
 * caller splits a lower-cased copy).
 */
function tallyWords(sample: string): WordTally | null {
  const hits = FUNCTION_LANGS.map(() => 0);
  let separatorRuns = 0; // split() gives one piece more than there are runs of separators
  let start = -1; // start of the current word, -1 inside a run of separators
  let h = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = lowerUnit(sample.charCodeAt(i));
    if (c < 0) return null;
    if (isWordUnit(c)) {
      if (start < 0) {
        start = i;
        h = 0;
      }
      h = wordHashStep(h, c);
    } else if (start >= 0 || i === 0) {
      if (start >= 0) countFunctionWord(sample, start, i, h, hits);
      start = -1;
      separatorRuns++;
    }
  }
  if (start >= 0) countFunctionWord(sample, start, sample.length, h, hits);
  return { words: separatorRuns + 1, hits };
}

function countFunctionWord(sample: string, start: number, end: number, h: number, hits: number[]): void {
  const entries = FUNCTION_WORD_BY_HASH.get(h);
  if (entries === undefined) return;
  for (const entry of entries) if (spells(sample, start, end, entry.word)) hits[entry.lang]++;
}

/** `tallyWords` by way of a lower-cased copy split into words. */
function tallySplitWords(sample: string): WordTally {
  const words = sample.toLowerCase().split(WORD_SPLIT_RE);
  const hits = FUNCTION_LANGS.map(() => 0);
  for (const w of words) {
    const lang = FUNCTION_WORD_LANG.get(w);
    if (lang !== undefined) hits[FUNCTION_LANGS.indexOf(lang)]++;
  }
  return { words: words.length, hits };
}

function byFunctionWords(sample: string): DetectedLanguage | null {
  const { words, hits } = tallyWords(sample) ?? tallySplitWords(sample);
  if (words < 8) return null;
  let best = '';
  let top = 0;
  let second = 0;
  for (let l = 0; l < FUNCTION_LANGS.length; l++) {
    const n = hits[l];
    if (n > top) {
      second = top;
      top = n;
      best = FUNCTION_LANGS[l];
    } else if (n > second) second = n;
  }
  // Prose in these languages is a quarter to a third function words; a foreign text with a few
  // loanwords never gets near, so density and margin together are a safe early exit.
  if (top < 6 || top < 0.12 * words || top < 4 * second) return null;
  return {
    code: best,
    confidence: Math.min(0.99, 0.75 + 0.25 * (1 - second / top) * Math.min(1, words / 40)),
  };
}

function byEld(sample: string): DetectedLanguage | null {
  const detector = loadNgramDetector();
  if (detector === null) return null;
  const result = detector(sample);
  if (result.language === '') return null;
  const margin = result.top > 0 ? (result.top - result.second) / result.top : 0;
  const confidence = (result.reliable ? 0.55 : 0.25) + 0.44 * Math.min(1, margin * 2);
  const code = result.language === 'ms' ? malayOrIndonesian(sample) : result.language;
  return { code, confidence };
}

/** ISO 639-1 primary subtag of a BCP 47 / locale hint ('en-GB', 'pt_BR'), or ''. */
export function primaryLanguage(hint: string | undefined): string {
  if (!hint) return '';
  const m = LANG_TAG_RE.exec(hint.trim());
  return m === null ? '' : m[1].toLowerCase();
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Detects the language of `text`; `declared` (a BCP 47 hint) settles short or ambiguous text. */
export function detectLanguage(text: string, declared?: string): DetectedLanguage {
  const found = detect(text, declared);
  return { code: found.code, confidence: round(found.confidence) };
}

function detect(text: string, declared?: string): DetectedLanguage {
  const hint = primaryLanguage(declared);
  // A sample from the start of the body: enough for a reliable call, bounded cost for long texts.
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const script = byScript(sample);
  if (script.letters < MIN_LETTERS)
    return hint !== '' ? { code: hint, confidence: 0.5 } : { code: 'und', confidence: 0 };
  let found = script.found;
  if (found === null && script.latin) found = byFunctionWords(sample);
  if (found === null) found = byEld(sample);
  if (found === null) return hint !== '' ? { code: hint, confidence: 0.5 } : { code: 'und', confidence: 0 };
  if (hint !== '') {
    if (hint === found.code)
      return {
        code: found.code,
        confidence: Math.max(found.confidence, Math.min(0.99, found.confidence + 0.1)),
      };
    if (found.confidence < 0.5) return { code: hint, confidence: 0.5 };
  }
  return found;
}
