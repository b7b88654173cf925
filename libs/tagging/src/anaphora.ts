import { hashKey, type TokenBuffer } from './tokenizer';
import {
  HEADS,
  MAX_OFFICE_TOKENS,
  MODIFIERS,
  NON_POLITICAL,
  NOT_NAMES,
  PARTY_WORDS,
  PUBLIC_OFFICES,
  partyCountriesAt,
} from './role-words';
import { blockedAfter, nameEnd } from './name-spans';
import { person, type PatternPerson } from './pattern-person';

/**
 * People whose office the story gives in a neighbouring phrase rather than next to the name, the way British
 * and wire news write about party politicians:
 * - "…, Charles Kennedy has said. The Liberal Democrat leader predicted …": a party office opening the next
 *   sentence, when the sentence before names one full name no list or pattern knows;
 * - "A former Home Office minister has called for … . Barbara Roche said …": the lede's indefinite office and
 *   the full name that opens the second sentence;
 * - "Charles Kennedy has told voters his Liberal Democrats …", "Michael Howard has denied his shadow cabinet
 *   …": a party the person owns ("his party", "her party's").
 */
export function anaphoricPeople(
  value: string,
  tokens: TokenBuffer,
  taken: (from: number, to: number) => boolean,
): PatternPerson[] {
  const out: PatternPerson[] = [];
  for (let i = 0; i < tokens.count; i++) {
    const h = tokens.hash[i];
    let found: PatternPerson | undefined;
    if (h === THE && tokens.sentStart(i)) found = partyOfficeAfterName(value, tokens, i, taken);
    else if ((h === A || h === AN) && tokens.sentence[i] === 0) found = ledeOffice(value, tokens, i, taken);
    else if ((h === HIS || h === HER) && tokens.isLower(i)) found = ownParty(value, tokens, i, taken);
    if (found && !out.some((p) => p.from === found.from)) out.push(found);
  }
  return out;
}

const THE = hashKey('the') | 0;
const A = hashKey('a') | 0;
const AN = hashKey('an') | 0;
const HIS = hashKey('his') | 0;
const HER = hashKey('her') | 0;
const PARTY = hashKey('party') | 0;
const CABINET = hashKey('cabinet') | 0;
const OFFICE = hashKey('office') | 0;
const OPPOSITION = hashKey('opposition') | 0;
const MR = new Set(['mr', 'mrs', 'ms'].map((w) => hashKey(w) | 0));
const NAME_REACH = 20;

/** The office phrase starting at token `from`: its head and the countries of a party in it, if it is political. */
function officeAt(
  tokens: TokenBuffer,
  from: number,
  needParty: boolean,
): { head: number; usual?: readonly string[] } | undefined {
  let usual: readonly string[] | undefined;
  let party = false;
  for (let k = from; k < tokens.count && k - from < MAX_OFFICE_TOKENS; k++) {
    if (k > from && tokens.breakBefore(k)) return undefined;
    const h = tokens.hash[k];
    const countries = partyCountriesAt(tokens, k);
    if (countries) usual ??= countries;
    if (countries || h === PARTY || h === OPPOSITION) party = true;
    if (HEADS.has(h) && !MODIFIERS.has(h)) {
      if (needParty ? !party : !party && !PUBLIC_OFFICES.has(h)) return undefined;
      return NON_POLITICAL.has(h) && !party ? undefined : { head: k, usual };
    }
    // "A former Home Office minister"
    if (!MODIFIERS.has(h) && !countries && !PARTY_WORDS.has(h) && h !== OFFICE) return undefined;
  }
  return undefined;
}

/** A full name no list or pattern knows starting at token k. */
function unknownName(
  value: string,
  tokens: TokenBuffer,
  k: number,
  taken: (f: number, t: number) => boolean,
) {
  if (!tokens.isTitle(k) || NOT_NAMES.has(tokens.hash[k])) return -1;
  if (k > 0 && !tokens.breakBefore(k) && tokens.isTitle(k - 1)) return -1;
  const to = nameEnd(value, tokens, k);
  if (to - k < 2 || taken(k, to) || blockedAfter(tokens, to)) return -1;
  // "the Lib Dems", "Labour Party": a party's name is nobody's.
  for (let j = k; j < to; j++)
    if (PARTY_WORDS.has(tokens.hash[j]) || partyCountriesAt(tokens, j) || HEADS.has(tokens.hash[j]))
      return -1;
  return to;
}

/** "… Charles Kennedy has said. The Liberal Democrat leader …": the one unknown name of the sentence before. */
function partyOfficeAfterName(
  value: string,
  tokens: TokenBuffer,
  the: number,
  taken: (f: number, t: number) => boolean,
): PatternPerson | undefined {
  const office = officeAt(tokens, the + 1, true);
  if (!office || the === 0) return undefined;
  const sentence = tokens.sentence[the] - 1;
  let name: [number, number] | undefined;
  for (let k = the - 1; k >= 0 && tokens.sentence[k] === sentence; k--) {
    // "… access to Mr Howard …": a sentence that names someone else is no sure antecedent.
    if (MR.has(tokens.hash[k])) return undefined;
    const to = unknownName(value, tokens, k, taken);
    if (to < 0) continue;
    if (name) return undefined;
    name = [k, to];
  }
  if (!name) return undefined;
  const role = value.slice(tokens.start[the + 1], tokens.end[office.head]);
  return person(value, tokens, name[0], name[1], { role, usualCountries: office.usual });
}

/** "A former Home Office minister has called for … . Barbara Roche said": the lede's office, then the name. */
function ledeOffice(
  value: string,
  tokens: TokenBuffer,
  a: number,
  taken: (f: number, t: number) => boolean,
): PatternPerson | undefined {
  const office = officeAt(tokens, a + 1, false);
  if (!office) return undefined;
  let k = office.head + 1;
  while (k < tokens.count && tokens.sentence[k] === 0) k++;
  if (k >= tokens.count || tokens.sentence[k] !== 1) return undefined;
  const to = unknownName(value, tokens, k, taken);
  if (to < 0 || to >= tokens.count || !SPEECH.has(tokens.hash[to])) return undefined;
  const role = value.slice(tokens.start[a + 1], tokens.end[office.head]);
  return person(value, tokens, k, to, { role, usualCountries: office.usual });
}
const SPEECH = new Set(['said', 'says', 'told', 'has', 'had', 'added', 'warned'].map((w) => hashKey(w) | 0));

/** "Charles Kennedy has told voters his Liberal Democrats …": the nearest unknown name before "his party". */
function ownParty(
  value: string,
  tokens: TokenBuffer,
  his: number,
  taken: (f: number, t: number) => boolean,
): PatternPerson | undefined {
  const next = his + 1;
  if (next >= tokens.count || tokens.breakBefore(next)) return undefined;
  const h = tokens.hash[next];
  const usual = partyCountriesAt(tokens, next);
  const shadowCabinet = usual !== undefined && next + 1 < tokens.count && tokens.hash[next + 1] === CABINET;
  if (!(h === PARTY && tokens.isLower(next)) && !(usual && (tokens.isTitle(next) || shadowCabinet)))
    return undefined;
  // The name stands in the same sentence, or in the one before when "his" opens this one ("…, Michael Howard
  // has said. As his party set out …").
  const sentence = tokens.sentence[his];
  const opens = his >= 3 ? tokens.sentence[his - 3] !== sentence : true;
  for (let k = his - 1; k >= 0 && his - k <= NAME_REACH; k--) {
    if (tokens.sentence[k] !== sentence && !(opens && tokens.sentence[k] === sentence - 1)) return undefined;
    const to = unknownName(value, tokens, k, taken);
    if (to < 0) {
      // A known name between them is the nearer owner.
      if (tokens.isTitle(k) && taken(k, k + 1)) return undefined;
      continue;
    }
    // A bare "his party" is a political one only among political words ("leader", "Tory", "election").
    if (!usual && !politicalAround(tokens, k, his)) return undefined;
    const role = value.slice(tokens.start[next], tokens.end[shadowCabinet ? next + 1 : next]);
    return person(value, tokens, k, to, { role, usualCountries: usual });
  }
  return undefined;
}

/** Whether the sentences from the name's (and the one before) to "his" have a party or office word. */
function politicalAround(tokens: TokenBuffer, name: number, his: number): boolean {
  const first = tokens.sentence[name] - 1;
  let from = name;
  while (from > 0 && tokens.sentence[from - 1] >= first) from--;
  const last = tokens.sentence[his];
  for (let k = from; k < tokens.count && tokens.sentence[k] <= last; k++) {
    if (k === his + 1) continue;
    const h = tokens.hash[k];
    if (PARTY_WORDS.has(h) || HEADS.has(h) || partyCountriesAt(tokens, k)) return true;
  }
  return false;
}
