import { HashSet32 } from './hash-set';
import { PLACES } from './gazetteer-data';
import type { TokenBuffer } from './tokenizer';

/**
 * What the words around a city or a country name say about it: "Paris, Texas" and "London, Ontario" are towns
 * of another country than their famous namesakes; "Westminster House" and "St George's Chapel" are buildings.
 * Neither is a mention of the country the name would otherwise point at.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUALIFIERS = new Map<string, string>();
for (const [code, names] of Object.entries(PLACES.placeQualifiers))
  for (const name of names) QUALIFIERS.set(name, code);
for (const [name, code] of Object.entries(PLACES.datelineQualifiers)) QUALIFIERS.set(name, code);
const QUALIFIER_RE = new RegExp(
  `^,\\s*(${[...QUALIFIERS.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\p{L}])`,
  'u',
);
const BUILDINGS = HashSet32.ofWords(PLACES.buildingWords);
/** Capitalized words read after a place for a building word ("Paris Victory Gardens"). */
const BUILDING_REACH = 2;

/** The country of a state or province that qualifies the place ending at `end` ("Paris, Texas" → US). */
export function qualifierCountryAfter(value: string, end: number): string | undefined {
  if (value.charCodeAt(end) !== 0x2c) return undefined; // ","
  const m = QUALIFIER_RE.exec(value.slice(end, end + 32));
  return m ? QUALIFIERS.get(m[1]) : undefined;
}

/** Whether a capitalized building word follows the place that ends before token `to`. */
export function buildingAfter(tokens: TokenBuffer, to: number): boolean {
  for (let k = to; k < tokens.count && k < to + BUILDING_REACH; k++) {
    if (tokens.breakBefore(k) || !tokens.isTitle(k)) return false;
    if (BUILDINGS.has(tokens.hash[k])) return true;
  }
  return false;
}
