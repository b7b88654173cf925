import type { Evidence } from '@news/contracts';
import { PLACES } from './gazetteer-data';

/**
 * States and provinces after a place and a comma, from one table (places.json: `datelineQualifiers`,
 * `placeQualifiers`):
 * - US and Canadian news write a place with its state or province abbreviated after a comma: "Gainesville,
 *   Va.", "Walker County, Ga.", "Red Deer, Alta.". The abbreviation names the country as surely as the state
 *   would, and local stories often give no other hint of it. Only the period-ended abbreviations count, and only
 *   right after a capitalized place and a comma, so "Va." or "Miss." elsewhere says nothing.
 * - After a matched city, a state or province says which of two namesakes it is ("Paris, Texas", "London,
 *   Ontario").
 * - A dateline's qualifier ("STAMFORD, Conn.", with or without its period) decides the dateline's country.
 */

export interface QualifierMention {
  code: string;
  evidence: Evidence;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every state and province name or abbreviation with its country. */
const QUALIFIERS = new Map<string, string>();
for (const [code, names] of Object.entries(PLACES.placeQualifiers))
  for (const name of names) QUALIFIERS.set(name, code);
for (const [name, code] of Object.entries(PLACES.datelineQualifiers)) QUALIFIERS.set(name, code);
const QUALIFIER_AFTER_RE = new RegExp(
  `^,\\s*(${[...QUALIFIERS.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\p{L}])`,
  'u',
);
/** "Conn." and "Conn", "N.J." and "NJ" are one dateline qualifier. */
const qualifierKey = (text: string) => text.toLowerCase().replace(/\./g, '').trim();
const DATELINE_QUALIFIERS = new Map(
  Object.entries(PLACES.datelineQualifiers).map(([name, code]) => [qualifierKey(name), code]),
);

/** The country of a dateline's qualifier ("Conn", "N.J."), if it is a known state or province. */
export function datelineQualifierCountry(qualifier: string): string | undefined {
  return DATELINE_QUALIFIERS.get(qualifierKey(qualifier));
}

/** The country of a state or province that qualifies the place ending at `end` ("Paris, Texas" → US). */
export function qualifierCountryAfter(value: string, end: number): string | undefined {
  if (value.charCodeAt(end) !== 0x2c) return undefined; // ","
  const m = QUALIFIER_AFTER_RE.exec(value.slice(end, end + 32));
  return m ? QUALIFIERS.get(m[1]) : undefined;
}

const ABBREVIATIONS = Object.entries(PLACES.datelineQualifiers).filter(([name]) => name.endsWith('.'));
const CODE_OF = new Map(ABBREVIATIONS);
const ALTERNATIVES = ABBREVIATIONS.map(([name]) => escape(name)).join('|');
/** Checked at one offset (sticky): a lookbehind tried at every offset of a text was a tenth of the tagging time. */
const QUALIFIER_RE = new RegExp(`(?<=\\p{Lu}[\\p{L}.'’-]*,\\s)(?:${ALTERNATIVES})(?!\\p{L})`, 'uy');
/** Where QUALIFIER_RE may match: its abbreviations after a comma and a space, tried at one comma (sticky). */
const CANDIDATE_RE = new RegExp(`,\\s(?:${ALTERNATIVES})(?!\\p{L})`, 'uy');
/** The first two characters of each abbreviation (all have more): they follow a candidate's comma. */
const OPENINGS = new Set(ABBREVIATIONS.map(([name]) => opening(name, 0)));
/** Enough evidence for the country; more adds nothing. */
const MAX_MENTIONS = 20;

export function findStateQualifiers(field: 'title' | 'text', value: string): QualifierMention[] {
  const found: QualifierMention[] = [];
  // Every abbreviation holds a period: a text without ", X." has none.
  if (!value.includes('.,') && !value.includes('. ') && !value.endsWith('.')) return found;
  let from = 0;
  let candidate: number;
  while ((candidate = nextCandidate(value, from)) >= 0 && found.length < MAX_MENTIONS) {
    // The abbreviation starts after the comma and its space; no later match can start before its end.
    QUALIFIER_RE.lastIndex = candidate + 2;
    const m = QUALIFIER_RE.exec(value);
    if (m === null) {
      from = candidate + 1;
      continue;
    }
    from = m.index + m[0].length;
    const code = CODE_OF.get(m[0]);
    if (code !== undefined)
      found.push({ code, evidence: { field, start: m.index, end: m.index + m[0].length, text: m[0] } });
  }
  return found;
}

/**
 * The first offset from `from` where CANDIDATE_RE matches, or -1. Only commas can start it, so the regexp is
 * tried at each comma with a possible abbreviation after it: a forward scan of the whole text by the regexp
 * engine cost several times more than `indexOf` over the few commas of an article.
 */
function nextCandidate(value: string, from: number): number {
  for (let p = value.indexOf(',', from); p >= 0; p = value.indexOf(',', p + 1)) {
    if (!OPENINGS.has(opening(value, p + 2))) continue;
    CANDIDATE_RE.lastIndex = p;
    if (CANDIDATE_RE.test(value)) return p;
  }
  return -1;
}

/** The two characters at `at` as one number (NaN past the end, which no opening equals). */
function opening(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
}
