import { HashMap32 } from './hash-set';
import { hashKey, type TokenBuffer } from './tokenizer';
import { ROLES } from './gazetteer-data';
import {
  HEADS,
  MODIFIERS,
  NON_POLITICAL,
  PUBLIC_OFFICES,
  GOVERNMENT_MODIFIERS,
  SPOKESPEOPLE,
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
  PARTIES,
  PARTY_STATE,
  NOT_NAMES,
  MAX_NAME_TOKENS,
  MAX_OFFICE_TOKENS,
  APPOSITION_REACH,
} from './role-words';
import { blockedAfter, nameEnd } from './name-spans';
import { person } from './pattern-person';

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
    const before = officeBefore(value, tokens, countries, i);
    if (before) {
      const person =
        nameAfter(value, tokens, i + 1, before, countries, taken) ??
        nameAfterPortfolio(value, tokens, before, taken);
      if (person) {
        found.push(person);
        i = person.to - 1;
        const second = PLURAL_OFFICES.has(tokens.hash[before.head])
          ? coordinated(value, tokens, person, before, taken)
          : undefined;
        if (second) {
          found.push(second);
          i = second.to - 1;
        }
        continue;
      }
    }
  }
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
      value.charCodeAt(tokens.start[i] - 1) === 40 && // "("
      value.charCodeAt(tokens.end[i]) === 45 // "-"
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

interface Office {
  role: string;
  country?: string;
  countryFrom?: 'pattern' | 'office';
  honorific: boolean;
  /** The countries the office usually belongs to, the first the story mentions taken ("Senator" → US). */
  usualCountries?: readonly string[];
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
      usualCountries: PEERS.has(tokens.hash[i]) ? ['GB'] : undefined,
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
    if (!MODIFIERS.has(h) && !HEADS.has(h) && h !== OF && !(PARTY_WORDS.has(h) && !tokens.isTitle(i))) break;
    // A capitalized office takes capitalized words only; before a lower-case one a department or party may be
    // capitalized ("Social Affairs minister", "Party leader").
    if (tokens.isTitle(i) && !tokens.isTitle(start - 1)) break;
    if (!NON_POLITICAL.has(h) && MODIFIERS.has(h)) political = true;
    if (PARTY_WORDS.has(h)) partyWord = true;
    start--;
  }
  const country = countryBefore(value, tokens, countries, start);
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
  if (!country && !(titled && political) && !lowerCasePublic) return undefined;
  // "Cadillac President …", "World Bank President …": an office of a company or a body, not of a state.
  // Before a public office a capitalized word is a place or a department ("Beaconsfield Mayor").
  if (
    !country &&
    !publicOffice &&
    !lowerCasePublic &&
    start > 0 &&
    !NOT_NAMES.has(tokens.hash[start - 1]) &&
    !tokens.breakBefore(start) &&
    (tokens.isTitle(start - 1) || tokens.isUpper(start - 1))
  )
    return undefined;
  const officeCountry = OFFICE_COUNTRY.get(tokens.hash[i]);
  let usual: readonly string[] | undefined;
  for (let k = start; k <= i && !country && !officeCountry && !usual; k++) {
    if (US_CONGRESS.has(tokens.hash[k])) usual = ['US'];
    else usual = PARTY_COUNTRIES.get(tokens.hash[k]);
  }
  return {
    usualCountries: usual,
    role: value.slice(tokens.start[start], tokens.end[i]),
    country: country ?? officeCountry,
    countryFrom: country ? 'pattern' : officeCountry ? 'office' : undefined,
    honorific: false,
    head: i,
    publicOffice: publicOffice && titled,
  };
}

/** A lower-case spokesman of a government: a ministry, cabinet or state word within the office phrase. */
function governmentSpokesperson(tokens: TokenBuffer, start: number, head: number): boolean {
  if (!SPOKESPEOPLE.has(tokens.hash[head])) return false;
  for (let k = start; k < head; k++) if (GOVERNMENT_MODIFIERS.has(tokens.hash[k])) return true;
  return false;
}

/** "Senate Finance Committee chairman": an office of a legislature or its committee, in lower case. */
function legislatureOffice(tokens: TokenBuffer, start: number, head: number): boolean {
  for (let k = start; k < head; k++)
    if (US_CONGRESS.has(tokens.hash[k]) || tokens.hash[k] === COMMITTEE) return true;
  return false;
}
const COMMITTEE = hashKey('committee') | 0;

/** "Ukraine's Foreign Minister", "Turkish Interior Minister": a country mention ending just before the office. */
function countryBefore(
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
  const to = nameEnd(value, tokens, from);
  if (to === from || (comma && to - from < 2)) return undefined;
  if (to - from === 1 && !office.honorific && !tokens.isTitle(from - 1)) return undefined;
  if (taken(from, to) || blockedAfter(tokens, to)) return undefined;
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
  return person(value, tokens, from, to, office.role, country, countryFrom, office.usualCountries);
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
  return person(value, tokens, k, to, role, office.country, office.countryFrom, office.usualCountries);
}

/** "Labour's Elizabeth Blackman", "Plaid Cymru's Elfyn Llwyd": a full name after a party's genitive. */
function partyGenitive(
  value: string,
  tokens: TokenBuffer,
  i: number,
  taken: (from: number, to: number) => boolean,
): PatternPerson | undefined {
  // Asked of every token: the case, in the token's flags, is cheaper to read than the party table.
  if (!(tokens.isTitle(i) || tokens.isUpper(i))) return undefined;
  const usual = PARTY_COUNTRIES.get(tokens.hash[i]);
  if (usual === undefined) return undefined;
  // One more capitalized word may belong to the party's name ("Plaid Cymru").
  let s = i + 1;
  if (s < tokens.count && !tokens.breakBefore(s) && tokens.isTitle(s) && tokens.end[s] - tokens.start[s] > 1)
    s++;
  if (s >= tokens.count || value.slice(tokens.start[s], tokens.end[s]) !== 's') return undefined;
  const apostrophe = value[tokens.start[s] - 1];
  if (apostrophe !== "'" && apostrophe !== '\u2019') return undefined;
  const from = s + 1;
  if (from >= tokens.count || tokens.breakBefore(from)) return undefined;
  const to = nameEnd(value, tokens, from);
  if (to - from < 2 || taken(from, to) || blockedAfter(tokens, to)) return undefined;
  return person(
    value,
    tokens,
    from,
    to,
    value.slice(tokens.start[i], tokens.end[s - 1]),
    undefined,
    undefined,
    usual,
  );
}

/** The second name of "Sens. Tom Udall and Martin Heinrich": a full name right after "and". */
function coordinated(
  value: string,
  tokens: TokenBuffer,
  first: PatternPerson,
  office: Office,
  taken: (from: number, to: number) => boolean,
): PatternPerson | undefined {
  const and = first.to;
  if (and + 1 >= tokens.count || tokens.hash[and] !== AND || tokens.breakBefore(and)) return undefined;
  const from = and + 1;
  const to = nameEnd(value, tokens, from);
  if (to - from < 2 || taken(from, to) || blockedAfter(tokens, to)) return undefined;
  return person(value, tokens, from, to, first.role, office.country, office.countryFrom);
}

/** "Maria Zakharova, the Russian foreign ministry spokeswoman", "Kasim Reed, Atlanta's mayor". */
function apposition(
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
    return person(value, tokens, from, to, 'Legislator', 'US', 'office');
  if (!tokens.breakBefore(to)) return undefined;
  if (value.slice(tokens.end[to - 1], tokens.start[to]).trim() !== ',') return undefined;
  // "Cindy Axne, a Democrat"
  const article =
    to + 1 < tokens.count && (value[tokens.start[to]] === 'a' || value[tokens.start[to]] === 'A')
      ? to + 1
      : to;
  const party = PARTIES.get(tokens.hash[article]);
  if (party && tokens.isTitle(article)) {
    return person(
      value,
      tokens,
      from,
      to,
      value.slice(tokens.start[article], tokens.end[article]),
      party,
      'office',
    );
  }
  for (let h = to; h < tokens.count && h < to + APPOSITION_REACH; h++) {
    if (h > to && tokens.breakBefore(h)) return undefined;
    if (!HEADS.has(tokens.hash[h]) || NON_POLITICAL.has(tokens.hash[h])) continue;
    let start = h;
    while (start > to && (MODIFIERS.has(tokens.hash[start - 1]) || HEADS.has(tokens.hash[start - 1])))
      start--;
    const country = countryBefore(value, tokens, countries, start);
    // "Michelle Mungall, MLA for Nelson-Creston": a public office needs no country (the caller's dominant one).
    if (!country && !(PUBLIC_OFFICES.has(tokens.hash[h]) && h - to <= 2)) return undefined;
    return person(
      value,
      tokens,
      from,
      to,
      value.slice(tokens.start[start], tokens.end[h]),
      country,
      country ? 'pattern' : undefined,
    );
  }
  return undefined;
}
