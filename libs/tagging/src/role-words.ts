import { HashMap32, HashSet32 } from './hash-set';
import { hashKey } from './tokenizer';
import { ROLES } from './gazetteer-data';
import type { TokenBuffer } from './tokenizer';

/**
 * The word sets of the role patterns, built once from `data/roles.json` (and a few function words): office
 * heads and modifiers, honorifics, public and plural offices, parties, words that never make a name.
 */

const set = (words: readonly string[]) => HashSet32.ofWords(words.map((w) => w.toLowerCase()));
export const HEADS = set(ROLES.heads);
export const MODIFIERS = set(ROLES.modifiers);
export const NON_POLITICAL = set(ROLES.nonPolitical);
export const BLOCKERS = set(ROLES.nameBlockers);
export const PUBLIC_OFFICES = set(ROLES.publicOffices);
export const GOVERNMENT_MODIFIERS = set(ROLES.governmentModifiers);
export const SPOKESPEOPLE = set(['spokesman', 'spokeswoman', 'spokesperson', 'secretary']);
/** Honorifics that British usage writes without a period ("Cllr Seamus Morris"). */
export const NO_PERIOD_HONORIFICS = set(['cllr', 'mk', 'lord', 'baroness']);
/** Peers sit in the House of Lords: British legislators when the story mentions Britain. */
export const PEERS = set(['lord', 'baroness']);
/** Plural offices: "Sens. Tom Udall and Martin Heinrich" gives both names the office. */
export const PLURAL_OFFICES = set([
  'sens',
  'reps',
  'govs',
  'senators',
  'governors',
  'mayors',
  'ministers',
  'councillors',
  'councilors',
  'lawmakers',
  'legislators',
  'ambassadors',
  'premiers',
  'presidents',
  'members',
  'candidates',
  'backbenchers',
]);
export const AND = hashKey('and') | 0;
export const FOR = hashKey('for') | 0;
const partyEntries = Object.entries(ROLES.partyCountries);
export const PARTY_COUNTRIES = HashMap32.ofWords(
  Object.fromEntries(partyEntries.filter(([k]) => !k.includes(' '))),
);
/**
 * Two-word party keys ("liberal democrat"): by the first word's hash, the second word's hash and countries.
 */
const PARTY_PAIRS = new Map<number, [number, readonly string[]][]>();
for (const [key, countries] of partyEntries) {
  const [first, second] = key.split(' ');
  if (second === undefined) continue;
  const h = hashKey(first) | 0;
  PARTY_PAIRS.set(h, [...(PARTY_PAIRS.get(h) ?? []), [hashKey(second) | 0, countries]]);
}

/** The countries of the party named at token k: a two-word name first ("Liberal Democrat"), else one word. */
export function partyCountriesAt(tokens: TokenBuffer, k: number): readonly string[] | undefined {
  const pairs = PARTY_PAIRS.get(tokens.hash[k]);
  if (pairs && k + 1 < tokens.count && !tokens.breakBefore(k + 1)) {
    for (const [next, countries] of pairs) if (tokens.hash[k + 1] === next) return countries;
  }
  return PARTY_COUNTRIES.get(tokens.hash[k]);
}
/**
 * "The DUP was reconsidering … after Taoiseach Bertie Ahern apologised to party leader Ian Paisley": an
 * office of a bare "party" (tokens from..to) belongs to the last party its sentence named before it.
 */
export function partyNamedBefore(
  tokens: TokenBuffer,
  from: number,
  to: number,
): readonly string[] | undefined {
  let bare = false;
  for (let k = from; k <= to && !bare; k++) bare = tokens.hash[k] === PARTY && tokens.isLower(k);
  if (!bare) return undefined;
  const sentence = tokens.sentence[from];
  for (let k = from - 1; k >= 0 && tokens.sentence[k] === sentence; k--) {
    const countries = partyCountriesAt(tokens, k);
    if (countries) return countries;
  }
  return undefined;
}
const PARTY = hashKey('party') | 0;

/** Words of parties and parliaments that make a lower-case leader, spokesman or president political. */
// ("elected" supports a known name but is no part of an office: "newly elected town councillor").
export const PARTY_WORDS = set(
  ROLES.politicalWords.filter((w) => !ROLES.heads.includes(w) && w !== 'elected'),
);
/** Offices of the US Congress: the country when the pattern has none and the story mentions the US. */
export const US_CONGRESS = set([
  'senate',
  'senator',
  'senators',
  'sen',
  'sens',
  'congressman',
  'congresswoman',
  'congressional',
  'representative',
  'rep',
  'reps',
  'house',
]);
/** The country of a "Senate" or "House" office when the story names it (other states have senates too). */
export const CONGRESS_COUNTRIES: readonly string[] = ['US'];
/**
 * Usual countries that hold only when the story names one: a Senate's, and a party word that is also a
 * portfolio ("Labour Minister" in a Brazilian story is the labour minister). Other parties ("Tory", "NDP",
 * "Liberal Democrat") and shadow offices keep their first usual country in a story that names none.
 */
const NAMED_ONLY = new Set<readonly string[]>([CONGRESS_COUNTRIES]);
for (const [key, countries] of partyEntries)
  if (!key.includes(' ') && key !== 'shadow' && ROLES.modifiers.includes(key)) NAMED_ONLY.add(countries);
export function usualEvenUnnamed(countries: readonly string[]): boolean {
  return !NAMED_ONLY.has(countries);
}
export const HONORIFICS = new Map(Object.entries(ROLES.honorifics).map(([k, v]) => [hashKey(k) | 0, v]));
export const OFFICE_COUNTRY = new Map(Object.entries(ROLES.countryOf).map(([k, v]) => [hashKey(k) | 0, v]));
export const OF = hashKey('of') | 0;
export const PARTIES = new Map(Object.entries(ROLES.parties).map(([k, v]) => [hashKey(k) | 0, v]));
/** "(D-Iowa)", "(R-Texas)", ", R-Minn.,": US party and state after a legislator's name. */
export const PARTY_STATE =
  /^(?: ?\((?:D|R|I)-[A-Z][A-Za-z. ]{1,20}\)|, (?:D|R|I)-[A-Z][A-Za-z.]{1,14}(?=[,;)]))/;
/** Lower-case words that may stand inside a name (Osama bin Laden, Ursula von der Leyen). */
export const PARTICLES = set(ROLES.nameParticles);
/** Capitalized words that never start or continue a person's name. */
export const NOT_NAMES = set(ROLES.notNames);
/** Forms of address between an office and a name ("Chief", "Alhaji", "Dr."): nobody's office on their own. */
export const STYLES = set(ROLES.styles);
export const PUBLIC_BODIES = set(ROLES.publicBodies);
export const NON_POLITICAL_BODIES = set(ROLES.nonPoliticalBodies);
export const LEGISLATURES = set(ROLES.legislatures);
/** Local governments: a capitalized word before one is a place ("Cuyahoga County Executive"). */
export const LOCAL_GOVERNMENTS = set(['county', 'city', 'borough', 'town', 'village', 'parish', 'municipal']);
/** Offices sent to another state: "Egyptian ambassador to Moscow Salah Bassiouni". */
export const ENVOYS = set(['ambassador', 'envoy', 'consul', 'representative']);
export const TO = hashKey('to') | 0;
/** Between a plural office and its list of names: "the candidates are …". */
export const ARE = set(['are', 'were', 'include', 'included']);
export const THE = hashKey('the') | 0;
export const MAX_NAME_TOKENS = 4;
export const MAX_OFFICE_TOKENS = 5;
/** Tokens between a name's comma and the office head of its apposition. */
export const APPOSITION_REACH = 6;
