import type { TokenBuffer } from './tokenizer';
import {
  BLOCKERS,
  HEADS,
  HONORIFICS,
  MAX_NAME_TOKENS,
  MODIFIERS,
  NON_POLITICAL,
  NOT_NAMES,
  PARTICLES,
  STYLES,
} from './role-words';
import { hashKey } from './tokenizer';

/**
 * Where a person's name runs in the tokens: capitalized words with initials and particles inside, never a
 * function word, and not a name when a blocker word follows ("Kennedy Airport").
 */

/** One past the last token of a capitalized name starting at `from` (initials and particles allowed inside). */
export function nameEnd(value: string, tokens: TokenBuffer, from: number): number {
  let to = from;
  let words = 0;
  while (to < tokens.count && words < MAX_NAME_TOKENS) {
    if (to > from && tokens.breakBefore(to) && !isInitial(value, tokens, to - 1)) break;
    const h = tokens.hash[to];
    if (tokens.isTitle(to) || (tokens.isUpper(to) && tokens.end[to] - tokens.start[to] === 1)) {
      // A blocker word may be a first name ("Bill Morneau"), never a later part ("Kennedy Airport"); an
      // honorific never starts a name ("Lieutenant Col. Smith").
      if (
        (NOT_NAMES.has(h) && !(to > from && h === SAID && saidInName(tokens, to))) ||
        (to > from && BLOCKERS.has(h)) ||
        (to === from && HONORIFICS.has(h))
      )
        break;
      // An office word ends the name unless it is a surname: "Steve King", not "Sybiha Foreign Minister".
      if ((HEADS.has(h) || MODIFIERS.has(h)) && (to === from || nextIsTitle(tokens, to))) break;
      // Middle initials and the second half of a hyphenated word do not count as words of the name ("George
      // H. W. Bush", "Mohammed Ali Abal-Khail").
      const joined = to > from && value.charCodeAt(tokens.start[to] - 1) === 0x2d; // "-"
      if (!joined && !isInitial(value, tokens, to)) words++;
      to++;
    } else if (to > from && tokens.isLower(to) && value.charCodeAt(tokens.start[to] - 1) === 0x2d) {
      // The lower-case half of a hyphenated given name ("Chang Chi-cheng").
      to++;
    } else if (to > from && PARTICLES.has(h) && to + 1 < tokens.count && tokens.isTitle(to + 1)) {
      to++;
    } else break;
  }
  while (to > from && (isInitial(value, tokens, to - 1) || PARTICLES.has(tokens.hash[to - 1]))) to--;
  return to;
}

const SAID = hashKey('said') | 0;

/** "Mana Said al-Oteiba": inside a name, a capitalized "Said" before more of the name is a given name. */
function saidInName(tokens: TokenBuffer, i: number): boolean {
  const k = i + 1;
  if (k >= tokens.count || tokens.breakBefore(k)) return false;
  return (
    tokens.isTitle(k) || (PARTICLES.has(tokens.hash[k]) && k + 1 < tokens.count && tokens.isTitle(k + 1))
  );
}

/**
 * Where the name starts after a form of address at token i ("Chief Ike Ekweremadu", "Alhaji Aminu Tambuwal",
 * "Dr. Tunji Olaopa"): the next token when one stands there before a capitalized word, else i.
 */
export function afterStyle(value: string, tokens: TokenBuffer, i: number): number {
  if (i + 1 >= tokens.count || !tokens.isTitle(i) || !STYLES.has(tokens.hash[i])) return i;
  if (!tokens.isTitle(i + 1)) return i;
  const gap = value.slice(tokens.end[i], tokens.start[i + 1]);
  return gap === ' ' || gap === '. ' ? i + 1 : i;
}

export function nextIsTitle(tokens: TokenBuffer, i: number): boolean {
  return i + 1 < tokens.count && !tokens.breakBefore(i + 1) && tokens.isTitle(i + 1);
}

export function isInitial(value: string, tokens: TokenBuffer, i: number): boolean {
  return (
    tokens.end[i] - tokens.start[i] === 1 &&
    (tokens.isUpper(i) || tokens.isTitle(i)) &&
    value[tokens.end[i]] === '.'
  );
}

/** "Kennedy Airport", "the Nelson Mandela Foundation": a name followed by these names a place or a body. */
export function blockedAfter(tokens: TokenBuffer, to: number): boolean {
  // "Reagan National Airport": the blocking word may come after another capitalized word.
  for (let k = to; k < tokens.count && k < to + BLOCKER_REACH; k++) {
    if (tokens.breakBefore(k) || !tokens.isTitle(k)) return false;
    if (BLOCKERS.has(tokens.hash[k])) return true;
  }
  return false;
}
const BLOCKER_REACH = 2;

/** Whether an office word stands right before token `i` ("President Putin", "Gov. Walker"). */
export function titledAt(value: string, tokens: TokenBuffer, i: number): boolean {
  const k = i - 1;
  if (k < 0) return false;
  const h = tokens.hash[k];
  if (HONORIFICS.has(h)) return value[tokens.end[k]] === '.';
  return !tokens.breakBefore(i) && tokens.isTitle(k) && HEADS.has(h) && !NON_POLITICAL.has(h);
}

/** Token k is the "s" of a genitive ("government's", "UKIP’s"; the tokenizer reads the "s" as a token of its own). */
export function isGenitiveS(value: string, tokens: TokenBuffer, k: number): boolean {
  if (k >= tokens.count || tokens.end[k] - tokens.start[k] !== 1 || value[tokens.start[k]] !== 's')
    return false;
  const apostrophe = value[tokens.start[k] - 1];
  return apostrophe === "'" || apostrophe === '\u2019';
}
