/**
 * The normalized key of a word in any script: lower case without diacritics, Russian and Ukrainian case
 * endings stemmed, Arabic letters unified and its attached particles split off. Both the gazetteer's phrases
 * and the article's words go through it, so that they meet on one key.
 */

const CYRILLIC = /\p{Script=Cyrillic}/u;
const COMBINING = /\p{M}/gu;
export const ARABIC = /\p{Script=Arabic}/u;

// Case and number endings of Russian and Ukrainian nouns. Stemming both the gazetteer and the text the same
// way lets "России", "Россией" and "Россия" meet on one key without a morphological dictionary.
const SLAVIC_ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ией',
  'ією',
  'ого',
  'его',
  'ому',
  'ему',
  'ові',
  'еві',
  'ой',
  'ей',
  'ом',
  'ем',
  'єм',
  'ах',
  'ях',
  'ям',
  'ии',
  'ия',
  'ию',
  'ії',
  'ія',
  'ію',
  'ою',
  'ею',
  'єю',
  'ы',
  'и',
  'і',
  'ї',
  'а',
  'я',
  'е',
  'у',
  'ю',
  'й',
  'ь',
  'о',
];

export function stemSlavic(word: string): string {
  if (word.length < 5) return word;
  for (const ending of SLAVIC_ENDINGS) {
    // Longer endings may leave a three-letter stem (Рос-ія, Рос-ії); single letters must leave four.
    const minStem = ending.length > 1 ? 3 : 4;
    if (word.endsWith(ending) && word.length - ending.length >= minStem) return word.slice(0, -ending.length);
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
export function arabicVariants(word: string): string[] {
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
  if (isAscii(lower)) return lower;
  if (CYRILLIC.test(lower)) return stemSlavic(lower.replace(/ё/g, 'е'));
  if (ARABIC.test(lower)) return normalizeArabic(lower);
  return lower.normalize('NFD').replace(COMBINING, '');
}

function isAscii(value: string): boolean {
  for (let k = 0; k < value.length; k++) if (value.charCodeAt(k) > 127) return false;
  return true;
}
