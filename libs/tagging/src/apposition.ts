import { hashKey, type TokenBuffer } from './tokenizer';
import {
  APPOSITION_REACH,
  HEADS,
  LEGISLATURES,
  MODIFIERS,
  NON_POLITICAL,
  NON_POLITICAL_BODIES,
  NOT_NAMES,
  OF,
  AND,
  FOR,
  PARTIES,
  PARTY_STATE,
  PUBLIC_BODIES,
  PUBLIC_OFFICES,
  THE,
} from './role-words';
import { isGenitiveS, nameEnd } from './name-spans';
import { person, type CountryAt, type PatternPerson } from './pattern-person';

/**
 * Offices after a name: "Maria Zakharova, the Russian foreign ministry spokeswoman", "Kasim Reed, Atlanta's
 * mayor", "Cindy Axne, a Democrat", "Dan Rostenkowski, an Illinois Democrat", "Bill Frenzel, R-Minn.", "David
 * Mulford, Assistant Secretary of the U.S. Treasury", "Mark Rosekind, administrator of the National Highway
 * Traffic Safety Administration".
 */
export function apposition(
  value: string,
  tokens: TokenBuffer,
  from: number,
  countries: CountryAt,
  taken: (from: number, to: number) => boolean,
): PatternPerson | undefined {
  if (!tokens.isTitle(from) || NOT_NAMES.has(tokens.hash[from])) return undefined;
  const to = nameEnd(value, tokens, from);
  if (to - from < 2 || to >= tokens.count || taken(from, to)) return undefined;
  if (PARTY_STATE.test(value.slice(tokens.end[to - 1], tokens.end[to - 1] + 24)))
    return person(value, tokens, from, to, { role: 'Legislator', country: 'US', countryFrom: 'office' });
  if (!tokens.breakBefore(to)) return undefined;
  if (value.slice(tokens.end[to - 1], tokens.start[to]).trim() !== ',') return undefined;
  const party = partyAfter(value, tokens, to);
  if (party >= 0) {
    return person(value, tokens, from, to, {
      role: value.slice(tokens.start[party], tokens.end[party]),
      country: PARTIES.get(tokens.hash[party]),
      countryFrom: 'office',
    });
  }
  for (let h = to; h < tokens.count && h < to + APPOSITION_REACH; h++) {
    if (h > to && tokens.breakBefore(h)) return undefined;
    if (!HEADS.has(tokens.hash[h])) continue;
    let start = h;
    while (start > to && (MODIFIERS.has(tokens.hash[start - 1]) || HEADS.has(tokens.hash[start - 1])))
      start--;
    let country = countryBefore(value, tokens, countries, start);
    // "…, administrator of the National Highway Traffic Safety Administration": a state's body after the office.
    const body = country ? undefined : publicBodyAfter(value, tokens, h, countries, taken);
    if (!body && NON_POLITICAL.has(tokens.hash[h])) continue;
    country ??= body?.country;
    // "Michelle Mungall, MLA for Nelson-Creston": a public office needs no country (the caller's dominant one).
    if (!country && !body && !(PUBLIC_OFFICES.has(tokens.hash[h]) && h - to <= 2)) return undefined;
    const end = body ? body.end : h + 1;
    const role = value.slice(tokens.start[start], tokens.end[end - 1]);
    return person(value, tokens, from, to, { role, country, countryFrom: 'pattern' });
  }
  return undefined;
}

/** "…, a Democrat", "…, an Illinois Democrat": the party token after the name's comma, or -1. */
function partyAfter(value: string, tokens: TokenBuffer, comma: number): number {
  const article = isArticle(value, tokens, comma) ? comma + 1 : comma;
  // After an article, one or two capitalized words of a state or a city may come first.
  for (let k = article; k < tokens.count && k <= article + 2; k++) {
    if (k > article && (tokens.breakBefore(k) || article === comma)) return -1;
    if (!tokens.isTitle(k)) return -1;
    if (PARTIES.has(tokens.hash[k])) return k;
  }
  return -1;
}

function isArticle(value: string, tokens: TokenBuffer, k: number): boolean {
  if (k >= tokens.count) return false;
  const word = value.slice(tokens.start[k], tokens.end[k]);
  return word === 'a' || word === 'an' || word === 'A' || word === 'An';
}

/**
 * After an office at token `head`: "of [the] <country>" or "of [the] <capitalized public body>" ("of the U.S.
 * Treasury", "of the National Highway Traffic Safety Administration", "of the government's Council for
 * Economic Planning"). Returns where the body ends and its country, if one is named.
 */
export function publicBodyAfter(
  value: string,
  tokens: TokenBuffer,
  head: number,
  countries: CountryAt,
  taken: (from: number, to: number) => boolean,
): { end: number; country?: string } | undefined {
  let k = head + 1;
  if (k + 1 >= tokens.count || tokens.hash[k] !== OF || tokens.breakBefore(k)) return undefined;
  k++;
  if (tokens.hash[k] === THE && k + 1 < tokens.count) k++;
  const first = k;
  let country: string | undefined;
  let state = false;
  for (; k < tokens.count && k - first < MAX_BODY_TOKENS; k++) {
    if (k > first && tokens.breakBefore(k) && !isGenitiveS(value, tokens, k)) break;
    const h = tokens.hash[k];
    const c = countries.startingAt(tokens.start[k]);
    if (c) {
      const opens = k === first;
      country ??= c.code;
      while (k + 1 < tokens.count && tokens.start[k + 1] < c.end) k++;
      // "vice president of Costa Rica" ends with the country; "of Costa Rica's Sugar Cane League", "of the
      // Kidney Foundation of Canada" are bodies in the country, not its state.
      const next = k + 1;
      const ends =
        next >= tokens.count ||
        (!isGenitiveS(value, tokens, next) &&
          (tokens.breakBefore(next) || !(tokens.isTitle(next) || tokens.isUpper(next))));
      if (opens && ends) {
        state = true;
        k = next;
        break;
      }
      continue;
    }
    if (h === OF || h === AND || h === FOR) continue;
    if (GOVERNMENT === h && isGenitiveS(value, tokens, k + 1)) {
      state = true;
      k++;
      continue;
    }
    if (!tokens.isTitle(k) && !tokens.isUpper(k)) break;
    if (NON_POLITICAL_BODIES.has(h) || taken(k, k + 1)) return undefined;
    if (PUBLIC_BODIES.has(h) || LEGISLATURES.has(h)) state = true;
  }
  while (k > first && (tokens.hash[k - 1] === OF || tokens.hash[k - 1] === AND)) k--;
  return state && k > first ? { end: k, country } : undefined;
}
const MAX_BODY_TOKENS = 8;
const GOVERNMENT = hashKey('government') | 0;

/** "Ukraine's Foreign Minister", "Turkish Interior Minister": a country mention ending just before the office. */
export function countryBefore(
  value: string,
  tokens: TokenBuffer,
  countries: CountryAt,
  officeStart: number,
): string | undefined {
  const k = officeStart;
  const at = tokens.start[k];
  let end = at;
  while (end > 0 && value[end - 1] === ' ') end--;
  const direct = countries.endingAt(end);
  if (direct) return direct;
  // A genitive: "Ukraine's", "Russia’s", "Brazil' " (the tokenizer reads the "s" as a token of its own).
  if (k > 0 && value.slice(tokens.start[k - 1], tokens.end[k - 1]) === 's') {
    const s = tokens.start[k - 1] - 1;
    // Reuters' archive writes the apostrophe as a double quote ("Ecuador\"s").
    if (value[s] === "'" || value[s] === '\u2019' || value[s] === '"') return countries.endingAt(s);
  }
  return undefined;
}
