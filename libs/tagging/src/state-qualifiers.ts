import type { Evidence } from '@news/contracts';
import { PLACES } from './gazetteer-data';

/**
 * US and Canadian news write a place with its state or province abbreviated after a comma: "Gainesville,
 * Va.", "Walker County, Ga.", "Red Deer, Alta.". The abbreviation names the country as surely as the state
 * would, and local stories often give no other hint of it. Only the period-ended abbreviations of the dateline
 * qualifiers count, and only right after a capitalized place and a comma, so "Va." or "Miss." elsewhere says
 * nothing.
 */

export interface QualifierMention {
  code: string;
  evidence: Evidence;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ABBREVIATIONS = Object.entries(PLACES.datelineQualifiers).filter(([name]) => name.endsWith('.'));
const CODE_OF = new Map(ABBREVIATIONS);
const QUALIFIER_RE = new RegExp(
  `(?<=\\p{Lu}[\\p{L}.'’-]*,\\s)(?:${ABBREVIATIONS.map(([name]) => escape(name)).join('|')})(?!\\p{L})`,
  'gu',
);
/** Enough evidence for the country; more adds nothing. */
const MAX_MENTIONS = 20;

export function findStateQualifiers(field: 'title' | 'text', value: string): QualifierMention[] {
  const found: QualifierMention[] = [];
  // Every abbreviation holds a period: a text without ", X." has none.
  if (!value.includes('.,') && !value.includes('. ') && !value.endsWith('.')) return found;
  QUALIFIER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUALIFIER_RE.exec(value)) !== null && found.length < MAX_MENTIONS) {
    const code = CODE_OF.get(m[0]);
    if (code !== undefined)
      found.push({ code, evidence: { field, start: m.index, end: m.index + m[0].length, text: m[0] } });
  }
  return found;
}
