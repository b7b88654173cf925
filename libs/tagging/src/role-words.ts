import { HashMap32, HashSet32 } from './hash-set';
import { hashKey } from './tokenizer';
import { ROLES } from './gazetteer-data';

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
]);
export const AND = hashKey('and') | 0;
export const FOR = hashKey('for') | 0;
export const PARTY_COUNTRIES = HashMap32.ofWords(ROLES.partyCountries);
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
export const HONORIFICS = new Map(Object.entries(ROLES.honorifics).map(([k, v]) => [hashKey(k) | 0, v]));
export const OFFICE_COUNTRY = new Map(Object.entries(ROLES.countryOf).map(([k, v]) => [hashKey(k) | 0, v]));
export const OF = hashKey('of') | 0;
export const PARTIES = new Map(Object.entries(ROLES.parties).map(([k, v]) => [hashKey(k) | 0, v]));
/** "(D-Iowa)", "(R-Texas)": US party and state after a legislator's name. */
export const PARTY_STATE = /^ ?\((?:D|R|I)-[A-Z][A-Za-z. ]{1,20}\)/;
/** Lower-case words that may stand inside a name (Osama bin Laden, Ursula von der Leyen). */
export const PARTICLES = set(ROLES.nameParticles);
/** Capitalized words that never start or continue a person's name. */
export const NOT_NAMES = set(ROLES.notNames);
export const MAX_NAME_TOKENS = 4;
export const MAX_OFFICE_TOKENS = 5;
/** Tokens between a name's comma and the office head of its apposition. */
export const APPOSITION_REACH = 6;
