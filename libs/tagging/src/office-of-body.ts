import { hashKey, type TokenBuffer } from './tokenizer';
import { HashSet32 } from './hash-set';
import {
  AND,
  FOR,
  GOVERNMENT_MODIFIERS,
  HEADS,
  LEGISLATURES,
  MAX_OFFICE_TOKENS,
  MODIFIERS,
  NON_POLITICAL,
  NON_POLITICAL_BODIES,
  OF,
  PUBLIC_BODIES,
  SPOKESPEOPLE,
  THE,
  US_CONGRESS,
} from './role-words';
import { afterStyle, blockedAfter, nameEnd } from './name-spans';
import { person, type CountryAt, type PatternPerson } from './pattern-person';

/**
 * "<office> of [the] <body>, <name>": "Governor of Sokoto State, Alhaji Aminu Tambuwal", "Deputy President of
 * the Senate, Chief Ike Ekweremadu", "the deputy speaker of the 275-member transitional parliament, Dalhar
 * Omar". In any case, since the body says whose office it is: a state's, a legislature's or a government's
 * (`legislatures` in data/roles.json), or a country's ("President of Brazil, Lula da Silva"). A company's or a
 * group's president is none. The comma and a full name after it mark where the body ends.
 */
export function officeOfBody(
  value: string,
  tokens: TokenBuffer,
  head: number,
  countries: CountryAt,
  taken: (from: number, to: number) => boolean,
  office?: { country?: string; countryFrom?: 'pattern' | 'office' },
): PatternPerson | undefined {
  const h = tokens.hash[head];
  if (!HEADS.has(h) || NON_POLITICAL.has(h)) return undefined;
  let k = head + 1;
  if (k + 2 >= tokens.count || tokens.hash[k] !== OF || tokens.breakBefore(k)) return undefined;
  k++;
  if (tokens.hash[k] === THE) k++;
  let state = false;
  let country = office?.country;
  let countryFrom = office?.countryFrom;
  const body = k;
  for (; k < tokens.count && k - body <= MAX_OFFICE_TOKENS; k++) {
    if (k > body && tokens.breakBefore(k)) break;
    const c = countries.startingAt(tokens.start[k]);
    if (c) {
      state = true;
      // "President of Brazil, …" is the country's office; "Governor of Sokoto State" one of a province.
      let last = k;
      while (last + 1 < tokens.count && tokens.start[last + 1] < c.end) last++;
      if (k === body && (last + 1 >= tokens.count || tokens.breakBefore(last + 1))) {
        country ??= c.code;
        countryFrom ??= 'pattern';
      }
      k = last;
    } else if (LEGISLATURES.has(tokens.hash[k])) state = true;
    else if (taken(k, k + 1)) return undefined;
  }
  // The body ends with a comma before the name.
  if (!state || k >= tokens.count || k === body) return undefined;
  if (value.slice(tokens.end[k - 1], tokens.start[k]).trim() !== ',') return undefined;
  const from = afterStyle(value, tokens, k);
  const to = nameEnd(value, tokens, from);
  if (to - from < 2 || taken(from, to) || blockedAfter(tokens, to)) return undefined;
  let start = head;
  while (start > 0 && head - start < MAX_OFFICE_TOKENS && !tokens.breakBefore(start)) {
    const m = tokens.hash[start - 1];
    if (!MODIFIERS.has(m) || m === THE) break;
    start--;
  }
  const role = value.slice(tokens.start[start], tokens.end[k - 1]);
  return person(value, tokens, from, to, { role, country, countryFrom });
}

/**
 * The first token of a capitalized public body's name ending right before the office at `start` (an acronym
 * in brackets may follow it), or -1. A police, court or school body, or a known organization, is not one.
 */
export function publicBodyBefore(
  value: string,
  tokens: TokenBuffer,
  countries: CountryAt,
  start: number,
  taken: (from: number, to: number) => boolean,
): number {
  let k = start - 1;
  if (k < 0) return -1;
  if (tokens.breakBefore(start)) {
    // "(MITI) director general"
    if (!tokens.isUpper(k) || value.slice(tokens.end[k], tokens.start[start]) !== ') ') return -1;
    if (k === 0 || value.slice(tokens.end[k - 1], tokens.start[k]) !== ' (') return -1;
    k--;
  }
  let body = -1;
  let first = -1;
  for (let n = 0; k >= 0 && n < MAX_BODY_TOKENS; n++, k--) {
    const h = tokens.hash[k];
    if (tokens.isTitle(k) || tokens.isUpper(k)) {
      if (NON_POLITICAL_BODIES.has(h)) return -1;
      if (PUBLIC_BODIES.has(h)) body = k;
      first = k;
    } else if (h !== OF && h !== AND && h !== FOR) break;
    if (tokens.breakBefore(k)) break;
  }
  if (body < 0) return -1;
  // A known organization is no state's body ("EU Commission president"); a country may be named in it.
  for (k = first; k < start; k++) {
    if (!taken(k, k + 1)) continue;
    const c = countries.startingAt(tokens.start[k]);
    if (!c) return -1;
    while (k + 1 < start && tokens.start[k + 1] < c.end) k++;
  }
  return first;
}
const MAX_BODY_TOKENS = 7;

/** A country mention starting inside tokens `from`..`to` - 1 ("Montana Department of Corrections"). */
export function countryWithin(
  tokens: TokenBuffer,
  countries: CountryAt,
  from: number,
  to: number,
): string | undefined {
  for (let k = from; k < to; k++) {
    const c = countries.startingAt(tokens.start[k]);
    if (c) return c.code;
  }
  return undefined;
}

/** A lower-case spokesman of a government: a ministry, cabinet or state word within the office phrase. */
export function governmentSpokesperson(tokens: TokenBuffer, start: number, head: number): boolean {
  if (!SPOKESPEOPLE.has(tokens.hash[head])) return false;
  // "education secretary Estelle Morris": a secretary with a portfolio is a minister.
  const secretary = tokens.hash[head] === SECRETARY;
  for (let k = start; k < head; k++)
    if (GOVERNMENT_MODIFIERS.has(tokens.hash[k]) || (secretary && PORTFOLIOS.has(tokens.hash[k])))
      return true;
  return false;
}

const SECRETARY = hashKey('secretary') | 0;
const PORTFOLIOS = HashSet32.ofWords([
  'agriculture',
  'culture',
  'education',
  'energy',
  'environment',
  'health',
  'housing',
  'labor',
  'labour',
  'pensions',
  'trade',
  'transport',
  'transportation',
  'welfare',
]);

/** "Senate Finance Committee chairman": an office of a legislature or its committee, in lower case. */
export function legislatureOffice(tokens: TokenBuffer, start: number, head: number): boolean {
  for (let k = start; k < head; k++)
    if (US_CONGRESS.has(tokens.hash[k]) || tokens.hash[k] === COMMITTEE) return true;
  return false;
}
const COMMITTEE = hashKey('committee') | 0;
