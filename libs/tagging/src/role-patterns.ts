import { HashMap32 } from './hash-set';
import { hashKey, type TokenBuffer } from './tokenizer';
import { ROLES } from './gazetteer-data';
import {
  HEADS,
  MODIFIERS,
  NON_POLITICAL,
  PUBLIC_OFFICES,
  NO_PERIOD_HONORIFICS,
  PEERS,
  PLURAL_OFFICES,
  AND,
  FOR,
  PARTY_COUNTRIES,
  PARTY_WORDS,
  US_CONGRESS,
  HONORIFICS,
  OFFICE_COUNTRY,
  OF,
  NOT_NAMES,
  MAX_NAME_TOKENS,
  MAX_OFFICE_TOKENS,
  APPOSITION_REACH,
  ENVOYS,
  LOCAL_GOVERNMENTS,
  TO,
  partyCountriesAt,
  partyNamedBefore,
  CONGRESS_COUNTRIES,
  ARE,
} from './role-words';
import { afterStyle, blockedAfter, nameEnd, nextIsTitle } from './name-spans';
import {
  countryWithin,
  governmentSpokesperson,
  legislatureOffice,
  officeOfBody,
  publicBodyBefore,
} from './office-of-body';
import { partyGenitive, staffOf } from './genitive-offices';
import { anaphoricPeople } from './anaphora';
import { apposition, countryBefore } from './apposition';
import { person, type Introduction } from './pattern-person';

export { blockedAfter, titledAt } from './name-spans';
export type { CountryAt, PatternPerson } from './pattern-person';
import type { CountryAt, PatternPerson } from './pattern-person';

/**
 * Political people no list knows, recognized the way news introduces them:
 * - an office before the name, with a demonym or a country's genitive before it ("Ukraine's Foreign Minister
 *   Andrii Sybiha", "Turkish Interior Minister Suleyman Soylu"), or capitalized as a title ("President Zelensky"),
 *   or an honorific ("Gov. Walker", "Sen. Tom Udall");
 * - an apposition after the name ("Maria Zakharova, the Russian foreign ministry spokeswoman", "Kasim Reed,
 *   Atlanta's mayor");
 * - "<office> <name> of <country>" ("President Lula of Brazil").
 * The country comes from the pattern, else from the office (a US senator), else it is left for the caller to
 * take from the article's dominant country.
 */

export function findRolePatterns(
  value: string,
  tokens: TokenBuffer,
  countries: CountryAt,
  taken: (from: number, to: number) => boolean,
): PatternPerson[] {
  const found: PatternPerson[] = [];
  const n = tokens.count;
  const heads = headFlags(value, tokens);
  for (let i = 0; i < n; i++) {
    if (heads[i] === 0 || heads[i] === 3) continue;
    const before = officeBefore(value, tokens, countries, i, taken);
    const ofBody = before ? undefined : officeOfBody(value, tokens, i, countries, taken);
    if (ofBody) {
      found.push(ofBody);
      i = ofBody.to - 1;
      continue;
    }
    if (before) {
      // "The three congressional candidates are Cindy Axne, …"
      const listed = PLURAL_OFFICES.has(tokens.hash[before.head]) && ARE.has(tokens.hash[i + 1]) ? 1 : 0;
      const person =
        nameAfter(value, tokens, i + 1 + listed, before, countries, taken) ??
        nameAfterPortfolio(value, tokens, before, taken) ??
        officeOfBody(value, tokens, i, countries, taken, before);
      if (person) {
        found.push(person);
        i = person.to - 1;
        if (PLURAL_OFFICES.has(tokens.hash[before.head])) {
          for (const next of coordinated(value, tokens, person, before, taken)) {
            found.push(next);
            i = next.to - 1;
          }
        }
        continue;
      }
    }
  }
  for (const p of anaphoricPeople(value, tokens, taken))
    if (!found.some((f) => f.from < p.to && p.from < f.to)) found.push(p);
  for (const staff of staffOf(value, tokens, found, taken))
    if (!found.some((p) => p.from === staff.from)) found.push(staff);
  for (let i = 0; i < n; i++) {
    const person = partyGenitive(value, tokens, i, taken);
    if (person && !found.some((p) => p.from === person.from)) found.push(person);
  }
  // Appositions end in an office word: only names with one a few tokens ahead are tried.
  let nextHead = -1;
  for (let i = 0; i < n; i++) {
    if (nextHead < i) {
      nextHead = i;
      while (nextHead < n && heads[nextHead] !== 1 && heads[nextHead] !== 3) nextHead++;
      if (nextHead >= n) break;
    }
    if (nextHead - i > MAX_NAME_TOKENS + APPOSITION_REACH) {
      // Every token until then is too far from the office word: go to the first one in reach.
      i = nextHead - MAX_NAME_TOKENS - APPOSITION_REACH - 1;
      continue;
    }
    const person = apposition(value, tokens, i, countries, taken);
    if (person && !found.some((p) => p.from === person.from)) {
      found.push(person);
      i = person.to - 1;
    }
  }
  return found.sort((a, b) => a.from - b.from);
}

/**
 * Per token: 1 for an office word, 2 for an honorific, 3 for a party word or the party of "(D-Iowa)",
 * 0 otherwise (looked up once per article).
 */
function headFlags(value: string, tokens: TokenBuffer): Uint8Array {
  if (headScratch.length < tokens.count) headScratch = new Uint8Array(tokens.count * 2);
  const flags = headScratch.fill(0);
  for (let i = 0; i < tokens.count; i++) {
    const known = HEAD_CLASS.get(tokens.hash[i]);
    if (known !== undefined) flags[i] = known;
    // "(" before a token always sets its break flag, which is cheaper to read than the text.
    else if (
      tokens.breakBefore(i) &&
      value.charCodeAt(tokens.end[i]) === 45 && // "-"
      (value.charCodeAt(tokens.start[i] - 1) === 40 || // "(D-Iowa)"
        (tokens.end[i] - tokens.start[i] === 1 && value.charCodeAt(tokens.start[i] - 2) === 44)) // ", R-Minn."
    )
      flags[i] = 3;
  }
  return flags;
}
/** `headFlags`' result, reused from article to article (read only by `findRolePatterns`, up to the token count). */
let headScratch = new Uint8Array(1024);
/** `headFlags`' class of a word in one lookup: later entries win, so an office word before an honorific. */
const HEAD_CLASS = new HashMap32<number>([
  ...Object.keys(ROLES.parties).map((k) => [hashKey(k), 3] as const),
  ...Object.keys(ROLES.honorifics).map((k) => [hashKey(k), 2] as const),
  ...ROLES.heads.map((w) => [hashKey(w.toLowerCase()), 1] as const),
]);

/** An office found before a name; its usual countries are those of "Senator" (US) and the like. */
interface Office extends Introduction {
  honorific: boolean;
  /** Token of the office's head word. */
  head: number;
  /** A capitalized public office ("Harare Mayor"): a comma may stand between it and a full name. */
  publicOffice?: boolean;
}

/** The office phrase that ends at head token `i`, with its country if a demonym or genitive stands before it. */
function officeBefore(
  value: string,
  tokens: TokenBuffer,
  countries: CountryAt,
  i: number,
  taken: (from: number, to: number) => boolean,
): Office | undefined {
  const honorific = HONORIFICS.get(tokens.hash[i]);
  if (honorific !== undefined) {
    // "Gov." and "Sen." are abbreviations: their period follows at once ("Cllr" goes without in British usage).
    if (!tokens.isTitle(i)) return undefined;
    if (value[tokens.end[i]] !== '.' && !NO_PERIOD_HONORIFICS.has(tokens.hash[i])) return undefined;
    return {
      role: honorific,
      country: OFFICE_COUNTRY.get(tokens.hash[i]),
      countryFrom: OFFICE_COUNTRY.has(tokens.hash[i]) ? 'office' : undefined,
      usualCountries: PEERS.has(tokens.hash[i]) ? PEER_COUNTRIES : undefined,
      honorific: true,
      head: i,
    };
  }
  let start = i;
  let political = !NON_POLITICAL.has(tokens.hash[i]);
  let partyWord = false;
  while (start > 0 && i - start < MAX_OFFICE_TOKENS && !tokens.breakBefore(start)) {
    const h = tokens.hash[start - 1];
    // "Trade and Industry Minister", "energy and mines minister"
    if (h === AND && start >= 2 && MODIFIERS.has(tokens.hash[start - 2]) && !tokens.breakBefore(start - 1)) {
      start--;
      continue;
    }
    // A party's name or acronym may stand before a capitalized office too ("NDP Leader").
    const party = (tokens.isTitle(start - 1) || tokens.isUpper(start - 1)) && PARTY_COUNTRIES.has(h);
    if (
      !MODIFIERS.has(h) &&
      !HEADS.has(h) &&
      h !== OF &&
      !(PARTY_WORDS.has(h) && (party || !tokens.isTitle(i)))
    )
      break;
    // A capitalized office takes capitalized words only; before a lower-case one a department or party may be
    // capitalized ("Social Affairs minister", "Party leader").
    if (tokens.isTitle(i) && !tokens.isTitle(start - 1) && !party) break;
    if ((!NON_POLITICAL.has(h) && MODIFIERS.has(h)) || party) political = true;
    if (PARTY_WORDS.has(h)) partyWord = true;
    start--;
  }
  // "Montana Department of Corrections director", "Ministry of International Trade and Industry (MITI)
  // director general": an office of a public body, whose country is the body's.
  const body = publicBodyBefore(value, tokens, countries, start, taken);
  const country =
    countryBefore(value, tokens, countries, start) ??
    (body >= 0 ? countryWithin(tokens, countries, body, start) : undefined);
  const titled = tokens.isTitle(i);
  const publicOffice = PUBLIC_OFFICES.has(tokens.hash[i]);
  // In lower case only an office of a state or a party introduces a person ("town councillor Dewly Nelson",
  // "ministry spokesman David Jensen", "Opposition leader Constantine Mitsotakis"); "company spokesman John
  // Smith" does not.
  const lowerCasePublic =
    !titled &&
    (publicOffice ||
      partyWord ||
      governmentSpokesperson(tokens, start, i) ||
      legislatureOffice(tokens, start, i));
  if (body >= 0)
    return office(value, tokens, body, start, i, country, countryFrom(country, 'pattern'), publicOffice);
  if (!country && !(titled && political) && !lowerCasePublic) return undefined;
  // "Cadillac President …", "World Bank President …": an office of a company or a body, not of a state.
  // Before a public office a capitalized word is a place or a department ("Beaconsfield Mayor").
  if (
    !country &&
    !publicOffice &&
    !lowerCasePublic &&
    !LOCAL_GOVERNMENTS.has(tokens.hash[start]) &&
    start > 0 &&
    !NOT_NAMES.has(tokens.hash[start - 1]) &&
    !tokens.breakBefore(start) &&
    (tokens.isTitle(start - 1) || tokens.isUpper(start - 1))
  )
    return undefined;
  const officeCountry = OFFICE_COUNTRY.get(tokens.hash[i]);
  return office(
    value,
    tokens,
    start,
    start,
    i,
    country ?? officeCountry,
    country ? 'pattern' : officeCountry ? 'office' : undefined,
    publicOffice,
  );
}

function countryFrom(country: string | undefined, from: 'pattern' | 'office') {
  return country ? from : undefined;
}

/** The office from token `roleStart` to head `i` (its own words from `start`), with the countries it implies. */
function office(
  value: string,
  tokens: TokenBuffer,
  roleStart: number,
  start: number,
  i: number,
  country: string | undefined,
  from: 'pattern' | 'office' | undefined,
  publicOffice: boolean,
): Office {
  let usual: readonly string[] | undefined;
  for (let k = start; k <= i && !country && !usual; k++) {
    if (US_CONGRESS.has(tokens.hash[k])) usual = CONGRESS_COUNTRIES;
    else usual = partyCountriesAt(tokens, k);
  }
  if (!country && !usual) usual = partyNamedBefore(tokens, start, i);
  return {
    usualCountries: usual,
    role: value.slice(tokens.start[roleStart], tokens.end[i]),
    country,
    countryFrom: from,
    honorific: false,
    head: i,
    publicOffice,
  };
}

/** The name right after an office: 1–3 capitalized words (one only after a title or honorific). */
function nameAfter(
  value: string,
  tokens: TokenBuffer,
  from: number,
  office: Office,
  countries: CountryAt,
  taken: (from: number, to: number) => boolean,
): PatternPerson | undefined {
  if (from >= tokens.count) return undefined;
  // A comma or full stop between office and name ends the pattern; an honorific's own period does not, nor a
  // comma after a public office before a full name ("Harare Mayor, Bernard Manyenyeni").
  const comma = tokens.breakBefore(from) && !office.honorific;
  if (comma && !(office.publicOffice && value.slice(tokens.end[from - 1], tokens.start[from]).trim() === ','))
    return undefined;
  if (tokens.hash[from] === TO && ENVOYS.has(tokens.hash[office.head]))
    return envoyAfter(value, tokens, from, office, countries, taken);
  from = afterStyle(value, tokens, from);
  let to = nameEnd(value, tokens, from);
  if (to === from || (comma && to - from < 2)) return undefined;
  if (to - from === 1 && !office.honorific && !tokens.isTitle(from - 1)) return undefined;
  if (taken(from, to) || blockedAfter(tokens, to)) return undefined;
  // A peer's seat is part of the title: "Lord Roberts of Conwy".
  if (office.usualCountries === PEER_COUNTRIES && tokens.hash[to] === OF && nextIsTitle(tokens, to)) to += 2;
  let country = office.country;
  let countryFrom = office.countryFrom;
  // "President Lula of Brazil"
  if (!country && to + 1 < tokens.count && tokens.hash[to] === OF) {
    const after = countries.startingAt(tokens.start[to + 1]);
    if (after) {
      country = after.code;
      countryFrom = 'pattern';
    }
  }
  return person(value, tokens, from, to, { ...office, country, countryFrom });
}

const PEER_COUNTRIES: readonly string[] = ['GB'];

/** "Egyptian ambassador to Moscow Salah Bassiouni": the host country, then the envoy's full name. */
function envoyAfter(
  value: string,
  tokens: TokenBuffer,
  to: number,
  office: Office,
  countries: CountryAt,
  taken: (from: number, to: number) => boolean,
): PatternPerson | undefined {
  if (to + 2 >= tokens.count || !tokens.isTitle(to + 1)) return undefined;
  // A capital read as part of the name that follows ("to Moscow Salah Bassiouni") is one capitalized word.
  const host = countries.startingAt(tokens.start[to + 1]) ?? { end: tokens.end[to + 1] };
  let from = to + 1;
  while (from < tokens.count && tokens.start[from] < host.end) from++;
  if (from >= tokens.count) return undefined;
  if (tokens.breakBefore(from) && value.slice(host.end, tokens.start[from]).trim() !== ',') return undefined;
  const end = nameEnd(value, tokens, from);
  if (end - from < 2 || taken(from, end) || blockedAfter(tokens, end)) return undefined;
  const role = value.slice(tokens.start[office.head], host.end);
  return person(value, tokens, from, end, { role, country: office.country, countryFrom: office.countryFrom });
}

/**
 * "Secretary of State Colin Powell", "Minister of Social Affairs Louw de Graaf", "Japan's Minister of
 * International Trade and Industry, Hajime Tamura": the office's portfolio after "of", then a full name.
 */
function nameAfterPortfolio(
  value: string,
  tokens: TokenBuffer,
  office: Office,
  taken: (from: number, to: number) => boolean,
): PatternPerson | undefined {
  if (office.honorific || !tokens.isTitle(office.head)) return undefined;
  let k = office.head + 1;
  if (k >= tokens.count || tokens.hash[k] !== OF || tokens.breakBefore(k)) return undefined;
  k++;
  const portfolio = k;
  while (k < tokens.count && k - portfolio < MAX_OFFICE_TOKENS && !tokens.breakBefore(k)) {
    const h = tokens.hash[k];
    if (h === AND || h === FOR || h === OF) k++;
    else if (tokens.isTitle(k) && MODIFIERS.has(h)) k++;
    else break;
  }
  if (k === portfolio || k >= tokens.count || !tokens.isTitle(k - 1)) return undefined;
  // A comma may close the portfolio before the name.
  if (tokens.breakBefore(k) && value.slice(tokens.end[k - 1], tokens.start[k]).trim() !== ',')
    return undefined;
  const to = nameEnd(value, tokens, k);
  if (to - k < 2 || taken(k, to) || blockedAfter(tokens, to)) return undefined;
  const role = value.slice(tokens.start[office.head], tokens.end[k - 1]);
  return person(value, tokens, k, to, { ...office, role });
}

/**
 * The further names of "Sens. Tom Udall and Martin Heinrich", "shadow cabinet members David Davis, Oliver
 * Letwin and Tim Yeo": full names after commas and "and".
 */
function coordinated(
  value: string,
  tokens: TokenBuffer,
  first: PatternPerson,
  office: Office,
  taken: (from: number, to: number) => boolean,
): PatternPerson[] {
  const out: PatternPerson[] = [];
  let k = first.to;
  while (k + 1 < tokens.count && out.length < MAX_LISTED) {
    const gap = value.slice(tokens.end[k - 1], tokens.start[k]);
    let from = k;
    if (tokens.hash[k] === AND && (gap === ' ' || gap === ', ')) from = k + 1;
    else if (gap !== ', ') break;
    const to = nameEnd(value, tokens, from);
    if (to - from < 2 || taken(from, to) || blockedAfter(tokens, to)) break;
    out.push(person(value, tokens, from, to, { ...office, role: first.role }));
    if (from === k + 1) break;
    k = to;
  }
  return out;
}
const MAX_LISTED = 6;
