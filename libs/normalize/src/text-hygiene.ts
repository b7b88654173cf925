/**
 * Character-level hygiene shared by the HTML and the scraped-text paths: entities, mojibake, Unicode
 * normalization, invisible characters and whitespace. Every regular expression is compiled once at
 * module load; the fast checks up front keep plain ASCII text on a cheap path.
 */

// Named entities seen in scraped text in practice; the HTML path never needs this table because the
// parser decodes entities itself. Numeric references cover everything else.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  minus: '−',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  times: '×',
  divide: '÷',
  plusmn: '±',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  iexcl: '¡',
  iquest: '¿',
  ordm: 'º',
  ordf: 'ª',
  acute: '´',
  zwj: '\u200d',
  zwnj: '\u200c',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  aacute: 'á',
  Aacute: 'Á',
  eacute: 'é',
  Eacute: 'É',
  iacute: 'í',
  Iacute: 'Í',
  oacute: 'ó',
  Oacute: 'Ó',
  uacute: 'ú',
  Uacute: 'Ú',
  agrave: 'à',
  Agrave: 'À',
  egrave: 'è',
  Egrave: 'È',
  igrave: 'ì',
  ograve: 'ò',
  ugrave: 'ù',
  acirc: 'â',
  Acirc: 'Â',
  ecirc: 'ê',
  Ecirc: 'Ê',
  icirc: 'î',
  ocirc: 'ô',
  Ocirc: 'Ô',
  ucirc: 'û',
  auml: 'ä',
  Auml: 'Ä',
  euml: 'ë',
  iuml: 'ï',
  ouml: 'ö',
  Ouml: 'Ö',
  uuml: 'ü',
  Uuml: 'Ü',
  yuml: 'ÿ',
  atilde: 'ã',
  Atilde: 'Ã',
  otilde: 'õ',
  Otilde: 'Õ',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  ccedil: 'ç',
  Ccedil: 'Ç',
  aring: 'å',
  Aring: 'Å',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  szlig: 'ß',
  eth: 'ð',
  thorn: 'þ',
};

const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * Decodes HTML character references left in scraped text (unknown names are kept verbatim), the references of
 * a feed that lost their ampersands, and markup that a feed escaped into its text ("&lt;b&gt;...&lt;/b&gt;").
 */
export function decodeEntities(text: string): string {
  let s = hasResidue(text) ? repairResidues(text) : text;
  if (s.indexOf('&') < 0) return s;
  if (s.indexOf('&lt;') >= 0) s = s.replace(ESCAPED_TAG_RE, '');
  return decodeReferences(s);
}

function decodeReferences(text: string): string {
  return text.replace(ENTITY_RE, (whole: string, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
    // Surrogates, NUL and out-of-range code points would produce invalid strings: drop them.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
    return referenceChar(code);
  });
}

/**
 * The character of a numeric reference: 128-159 mean their Windows-1252 characters, as browsers read them.
 */
function referenceChar(code: number): string {
  if (code >= 0x80 && code <= 0x9f) {
    const char = CP1252_CHAR.get(code);
    return char === undefined ? '' : String.fromCharCode(char);
  }
  return String.fromCodePoint(code);
}

// Windows-1252 bytes 0x80-0x9F that are not Latin-1 controls, keyed by the character they decode to.
const CP1252_BYTE = new Map<number, number>([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);
const CP1252_CHAR = new Map([...CP1252_BYTE].map(([char, byte]) => [byte, char]));
const CONT =
  '\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178';
// A UTF-8 lead byte read as Windows-1252/Latin-1 followed by 1-3 continuation bytes read the same way.
const MOJIBAKE_RE = new RegExp(`[\\u00c2-\\u00f4][${CONT}]{1,3}`, 'g');
const MOJIBAKE_HINT = /[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u0192\u02c6\u02dc\u2013-\u2122]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function repairRun(run: string): string {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    bytes[i] = c <= 0xff ? c : (CP1252_BYTE.get(c) ?? 0);
  }
  const lead = bytes[0];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (bytes.length < need) return run;
  try {
    return utf8.decode(bytes.subarray(0, need)) + run.slice(need);
  } catch {
    return run; // not a valid UTF-8 sequence: the text was right as it was
  }
}

/** Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 (`â€™` → `’`, `Ã©` → `é`). */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_HINT.test(text)) return text;
  return text.replace(MOJIBAKE_RE, repairRun);
}

// C0/C1 controls except tab and newline, plus invisible format characters. ZWJ/ZWNJ are kept: they
// change the meaning of Persian and Indic words and join emoji.
/* eslint-disable no-control-regex -- removing control characters is the point */
const INVISIBLE_RE =
  /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
const INVISIBLE_TEST_RE =
  /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/;
/* eslint-enable no-control-regex */
// Whitespace other than a single plain space between words: only those runs are rewritten, so the
// common case (words separated by one space) costs a scan, not a replacement per gap.
// Tags of inline markup a feed escaped into its text: they are the page's formatting, not its words.
const ESCAPED_TAG_RE =
  /&lt;\/?(?:a|b|i|u|em|strong|span|font|p|br|div|sup|sub)\b(?:(?!&gt;|&lt;)[^<>]){0,300}&gt;/gi;

// References whose ampersand a feed turned into a space or dropped ("Ya #39;alon", "AT amp;T", "said
// quot;no quot;"), as in the AG News corpus. Only the references such feeds carry, so that ordinary text
// with a semicolon after a number or a word is left alone.
const RESIDUE_RE = /(^|[^&\p{L}\p{N}])(?:#(\d{2,5})|(quot|amp|apos|nbsp));/gu;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
// Punctuation and Latin-1 letters, and the typographic dashes and quotes: what such feeds escape. A number
// that would stand for an ASCII letter or digit, a control or another script is more likely a ticket number.
function isResidueCode(code: number): boolean {
  if (code >= 0x2010 && code <= 0x2030) return true;
  if (code <= 32 || code >= 256 || code === 127) return false;
  const asciiWord = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return !asciiWord;
}

/**
 * Whether a semicolon of the text ends such a reference: a search per semicolon, not a pattern per character.
 */
function hasResidue(text: string): boolean {
  for (let p = text.indexOf(';'); p >= 0; p = text.indexOf(';', p + 1)) {
    if (RESIDUE_END_RE.test(text.slice(Math.max(0, p - 7), p))) return true;
  }
  return false;
}
const RESIDUE_END_RE = /(?:^|[^&\p{L}\p{N}])(?:#\d{2,5}|quot|amp|apos|nbsp)$/u;

function repairResidues(text: string): string {
  return text.replace(
    RESIDUE_RE,
    (whole: string, before: string, dec: string | undefined, name: string | undefined, offset: number) => {
      const code = dec !== undefined ? parseInt(dec, 10) : -1;
      if (dec !== undefined && !isResidueCode(code)) return whole;
      const char = dec !== undefined ? referenceChar(code) : (NAMED_ENTITIES[name ?? ''] ?? whole);
      if (before !== ' ') return before + char;
      // The space stood for the ampersand inside a word or before a closing quote ("Ya'alon", "no""), and was
      // a real space before an opening one (" "Battle").
      const next = text[offset + whole.length] ?? '';
      const previous = text[offset - 1] ?? '';
      const opening = WORD_CHAR_RE.test(next) && !WORD_CHAR_RE.test(previous);
      return opening ? ' ' + char : char;
    },
  );
}

const WS = '\\t\\n\\f\\v\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ODD_SPACE_RE = new RegExp(`(?: [ ${WS}]|[${WS}])[ ${WS}]*`, 'g');
const ODD_SPACE_TEST_RE = new RegExp(`  |[${WS}]`);
const NON_ASCII = /[\u0080-\uffff]/;
/** Entities (optionally), mojibake, NFC and invisible characters of a whole text; line breaks kept. */
export function repairText(text: string, decode = true): string {
  let s = decode ? decodeEntities(text) : text;
  if (NON_ASCII.test(s)) {
    s = repairMojibake(s);
    // normalize() has its own quick check: already-NFC text (nearly all text) returns fast.
    s = s.normalize('NFC');
  }
  if (INVISIBLE_TEST_RE.test(s)) s = s.replace(INVISIBLE_RE, '');
  return s;
}

/** Collapses whitespace runs (line breaks included) to one space and trims. */
export function collapseSpaces(text: string): string {
  const s = ODD_SPACE_TEST_RE.test(text) ? text.replace(ODD_SPACE_RE, ' ') : text;
  return s.trim();
}

/**
 * Hygiene of one line or paragraph (no line structure kept): entities, mojibake, NFC, invisible
 * characters removed, runs of whitespace collapsed, trimmed.
 */
export function cleanInline(text: string, decode = true): string {
  return collapseSpaces(repairText(text, decode));
}

const NEWLINES_RE = /\r\n?|[\u0085\u2028\u2029]/g;
// Whitespace other than a plain space, except the line feed (line structure is kept here).
const WS_NO_LF = '\\t\\f\\v\\r\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000';
const ODD_SPACE_NO_LF_RE = new RegExp(`(?: [ ${WS_NO_LF}]|[${WS_NO_LF}])[ ${WS_NO_LF}]*`, 'g');
// One scan that tells whether a text needs any of the rewrites below (controls, invisible or odd
// whitespace, CR line ends, double spaces); most scraped text needs none.
/* eslint-disable no-control-regex -- detecting control characters is the point */
const MESSY_RE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff\ufff9-\ufffb]/;
/* eslint-enable no-control-regex */

// Anything but printable ASCII and line feeds, or a double space: the characters that can ask for a
// rewrite. Scraped text in Latin-script languages has few (curly quotes, dashes), so one native scan
// that visits just those replaces the separate whole-text scans for non-ASCII, mojibake, NFC and
// messy whitespace.
const NOTABLE_RE = /[^\n\x20-\x7e]| {2}/g;
// Past this many notable characters the per-character look costs more than the whole-text scans.
const MAX_NOTABLE = 64;

// Characters that are already NFC whatever surrounds them (NFC quick check "yes", combining class 0,
// never the second half of a composition): Latin up to the combining diacritics, general punctuation
// and currency signs. U+2000 and U+2001 (NFC maps them to U+2002/U+2003) are left out.
function nfcInert(c: number): boolean {
  return (
    c < 0x300 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x20a0 && c <= 0x20bf)
  );
}

/**
 * What the whole-text rewrites of `splitLines` would find, from one scan: 0 nothing to do (plain
 * text, no mojibake, already NFC, no odd whitespace), 1 only the whitespace rewrite, 2 unknown (too
 * many or unusual characters: run every check as before).
 */
function textNeeds(s: string): 0 | 1 | 2 {
  NOTABLE_RE.lastIndex = 0;
  let messy = false;
  let seen = 0;
  let m: RegExpExecArray | null;
  while ((m = NOTABLE_RE.exec(s)) !== null) {
    if (++seen > MAX_NOTABLE) return 2;
    const c = m[0].charCodeAt(0);
    if (c < 0x80 || m[0].length > 1) {
      messy = true; // control character, tab, CR, DEL or a double space
      continue;
    }
    if (!nfcInert(c)) return 2;
    if (c >= 0xc2 && c <= 0xf4 && MOJIBAKE_HINT.test(s.slice(m.index, m.index + 2))) return 2;
    if (!messy && MESSY_RE.test(m[0])) messy = true;
  }
  return messy ? 1 : 0;
}

export interface ScrapedLines {
  /** the lines, each cleaned and trimmed */
  lines: string[];
  /** whether blank lines separate paragraphs */
  blankLineParagraphs: boolean;
  /** indices of the lines that started with white space (paragraph indents of hard-wrapped text) */
  indented: number[];
  /** the cleaned text the lines were split from */
  text: string;
}

/**
 * Splits scraped text into lines (each cleaned); reports whether blank lines separate paragraphs and which
 * lines were indented. `text` is the cleaned text the lines were split from: every line is a substring of it,
 * so a search that fails on it fails on every line. No line holds two spaces in a row (callers rely on it).
 */
export function splitLines(text: string): ScrapedLines {
  let s = decodeEntities(text);
  const needs = textNeeds(s);
  if (needs === 2 && NON_ASCII.test(s)) {
    s = repairMojibake(s);
    s = s.normalize('NFC');
  }
  // A plain character class scans fast; the double-space check is a separate native search.
  if (needs === 1 || (needs === 2 && (MESSY_RE.test(s) || s.includes('  ')))) {
    s = s.replace(NEWLINES_RE, '\n');
    if (INVISIBLE_TEST_RE.test(s)) s = s.replace(INVISIBLE_RE, '');
    s = s.replace(ODD_SPACE_NO_LF_RE, ' ');
  }
  const lines = s.split('\n');
  const indented: number[] = [];
  let blankLineParagraphs = false;
  let seenText = false;
  let blankAfterText = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.length > 0 && (line.charCodeAt(0) === 32 || line.charCodeAt(line.length - 1) === 32)) {
      if (line.charCodeAt(0) === 32) indented.push(i);
      line = line.trim();
      lines[i] = line;
    }
    if (line === '') {
      if (seenText) blankAfterText = true;
    } else {
      if (blankAfterText) blankLineParagraphs = true;
      seenText = true;
    }
  }
  return { lines, blankLineParagraphs, indented, text: s };
}

// `lowerUnit` answers, per UTF-16 unit, what toLowerCase() makes of it, filled in on first use.
const NOT_LOOKED_UP = -2;
const LOWER_UNIT = new Int32Array(65536).fill(NOT_LOOKED_UP);

function lookUpLower(c: number): number {
  // A surrogate is half of a character; U+03A3 (Σ) lower-cases by its neighbours (final sigma).
  if ((c >= 0xd800 && c <= 0xdfff) || c === 0x3a3) return -1;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : -1; // U+0130 (İ) becomes two units
}

/**
 * The unit `toLowerCase()` turns the UTF-16 unit `c` into wherever it stands in a string, or -1 when
 * that depends on more than the unit (surrogates, Σ, İ): callers then lower-case the whole string.
 * Lets a loop fold case as it reads instead of allocating a lower-cased copy first.
 */
export function lowerUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  let lower = LOWER_UNIT[c];
  if (lower === NOT_LOOKED_UP) {
    lower = lookUpLower(c);
    LOWER_UNIT[c] = lower;
  }
  return lower;
}
