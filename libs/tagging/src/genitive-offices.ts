import type { TokenBuffer } from './tokenizer';
import { HEADS, MAX_OFFICE_TOKENS, MODIFIERS, PARTY_COUNTRIES } from './role-words';
import { blockedAfter, isGenitiveS, nameEnd } from './name-spans';
import { person, type PatternPerson } from './pattern-person';

/** People introduced by a genitive: a party's ("Labour's Elizabeth Blackman") or a politician's staff. */

/** "Labour's Elizabeth Blackman", "Plaid Cymru's Elfyn Llwyd": a full name after a party's genitive. */
export function partyGenitive(
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
  if (!isGenitiveS(value, tokens, s)) return undefined;
  return afterGenitive(value, tokens, i, s, taken, undefined, usual);
}

/**
 * The person after the genitive "s" at token `s` of a party or a political person (from token `owner`): a full
 * name, or an office and a name ("UKIP's chairman Petrina Holdsworth", "Plaid Cymru's former President, Dafydd
 * Wigley", "Gov. Steve Bullock's budget director, Dan Villa"). The office may be any: the owner makes it
 * political.
 */
function afterGenitive(
  value: string,
  tokens: TokenBuffer,
  owner: number,
  s: number,
  taken: (from: number, to: number) => boolean,
  country: string | undefined,
  usual?: readonly string[],
): PatternPerson | undefined {
  let from = s + 1;
  if (from >= tokens.count || tokens.breakBefore(from)) return undefined;
  let head = -1;
  for (let k = from; k < tokens.count && k - from < MAX_OFFICE_TOKENS; k++) {
    if (k > from && tokens.breakBefore(k)) break;
    const h = tokens.hash[k];
    if (HEADS.has(h)) head = k;
    else if (!MODIFIERS.has(h)) break;
  }
  if (head >= 0) {
    from = head + 1;
    if (from >= tokens.count) return undefined;
    const gap = value.slice(tokens.end[head], tokens.start[from]);
    if (gap !== ' ' && gap !== ', ') return undefined;
  } else if (country !== undefined) return undefined;
  const to = nameEnd(value, tokens, from);
  if (to - from < 2 || taken(from, to) || blockedAfter(tokens, to)) return undefined;
  const role = value.slice(tokens.start[owner], tokens.end[head >= 0 ? head : s - 1]);
  return person(value, tokens, from, to, { role, country, countryFrom: 'pattern', usualCountries: usual });
}

/** "Gov. Steve Bullock's budget director, Dan Villa": the people of the people found, with their country. */
export function staffOf(
  value: string,
  tokens: TokenBuffer,
  found: readonly PatternPerson[],
  taken: (from: number, to: number) => boolean,
): PatternPerson[] {
  const out: PatternPerson[] = [];
  for (const p of found) {
    if (!isGenitiveS(value, tokens, p.to)) continue;
    const staff = afterGenitive(value, tokens, p.from, p.to, taken, p.country ?? '', p.usualCountries);
    if (!staff) continue;
    if (!p.country) delete staff.country;
    out.push(staff);
  }
  return out;
}
