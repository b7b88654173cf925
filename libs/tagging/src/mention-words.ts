import { HashSet32 } from './hash-set';
import type { GeoPayload } from './gazetteer';
import type { PhraseMatch } from './phrase-trie';
import type { TokenBuffer } from './tokenizer';
import words from '../data/mention-words.json';

/**
 * What the words right around a matched place or country name say about the match: whether it is part of a
 * person's name ("Michael Jordan"), or names a currency, an event or a company (weak mentions). The word lists
 * are data (`data/mention-words.json`).
 */

const PLACE_MODIFIERS = HashSet32.ofWords(words.placeModifiers);
const SENTENCE_OPENERS = HashSet32.ofWords(words.sentenceOpeners);
const CURRENCY_OR_EVENT = HashSet32.ofWords(words.currencyOrEvent);
const COMPANY_SUFFIX = HashSet32.ofWords(words.companySuffixes);
const PERSON_NOUNS = HashSet32.ofWords(words.personNouns);
const ORIGIN_BEFORE_OF = HashSet32.ofWords(words.originBeforeOf);
const ORIGIN_AFTER = HashSet32.ofWords(words.originAfter);
const OF = HashSet32.ofWords(['of']);
/** "an American": an article before a demonym used as a noun. */
const INDEFINITE = HashSet32.ofWords(['a', 'an']);
/** Capitalized words after a country word read for a company suffix ("British Petroleum Co PLC"). */
const COMPANY_LOOKAHEAD = 4;
/** What a currency, event or company mention of a country counts for, against 1 for a plain one. */
const WEAK_MENTION = 0.25;

/** The weight factor of a country word followed by the token at `after`: weak before a currency or in a company. */
export function passingFactor(tokens: TokenBuffer, after: number): number {
  if (after >= tokens.count || tokens.breakBefore(after)) return 1;
  if (CURRENCY_OR_EVENT.has(tokens.hash[after])) return WEAK_MENTION;
  for (let k = after; k < tokens.count && k < after + COMPANY_LOOKAHEAD; k++) {
    if (tokens.breakBefore(k) || !(tokens.isTitle(k) || tokens.isUpper(k))) break;
    if (COMPANY_SUFFIX.has(tokens.hash[k])) return WEAK_MENTION;
  }
  return 1;
}

/** "American woman", "Indian truck drivers": the demonym before token `after` is a person's nationality. */
export function nationalityOfPerson(tokens: TokenBuffer, after: number): boolean {
  for (let k = after; k < tokens.count && k < after + 2; k++) {
    if (tokens.breakBefore(k)) return false;
    if (PERSON_NOUNS.has(tokens.hash[k])) return true;
  }
  return false;
}

/**
 * "a native of Mexico", "citizens of France", "a New Zealand national", "Mexican-born", "an American": the
 * country word at tokens [from, to) says where a person comes from, not where the story happens.
 */
export function originOfPerson(tokens: TokenBuffer, from: number, to: number, demonym: boolean): boolean {
  if (
    from >= 2 &&
    !tokens.breakBefore(from) &&
    !tokens.breakBefore(from - 1) &&
    OF.has(tokens.hash[from - 1]) &&
    ORIGIN_BEFORE_OF.has(tokens.hash[from - 2])
  )
    return true;
  if (to < tokens.count && !tokens.breakBefore(to) && tokens.isLower(to) && ORIGIN_AFTER.has(tokens.hash[to]))
    return true;
  // A demonym after "a"/"an" and before punctuation is a noun: a person ("Eric Miller, an American;").
  return (
    demonym &&
    from >= 1 &&
    !tokens.breakBefore(from) &&
    INDEFINITE.has(tokens.hash[from - 1]) &&
    (to >= tokens.count || tokens.breakBefore(to))
  );
}

/** "Michael Jordan", "Chad Smith", "George Washington": a capitalized neighbour makes a name, not a place. */
export function looksLikePersonName(tokens: TokenBuffer, match: PhraseMatch<GeoPayload>): boolean {
  const first = match.from;
  const prev = first - 1;
  const next = match.to;
  if (
    prev >= 0 &&
    !tokens.breakBefore(first) &&
    tokens.isTitle(prev) &&
    !PLACE_MODIFIERS.has(tokens.hash[prev])
  ) {
    // At the start of a sentence a capital says nothing, unless the word is no function word ("Michael").
    if (!tokens.sentStart(prev) || !SENTENCE_OPENERS.has(tokens.hash[prev])) return true;
  }
  return next < tokens.count && !tokens.breakBefore(next) && tokens.isTitle(next) && tokens.isTitle(first);
}

export function allUpper(tokens: TokenBuffer, match: PhraseMatch<GeoPayload>): boolean {
  for (let i = match.from; i < match.to; i++) if (!tokens.isUpper(i)) return false;
  return true;
}

/** Person payloads among the kept ones of a match. */
export function personCount(accepted: readonly GeoPayload[], count: number): number {
  let people = 0;
  for (let k = 0; k < count; k++) if (accepted[k].kind === 'person') people++;
  return people;
}

/** Whether a kept payload already points at the same person, organization or country. */
export function hasTarget(accepted: readonly GeoPayload[], count: number, payload: GeoPayload): boolean {
  for (let k = 0; k < count; k++) if (sameTarget(accepted[k], payload)) return true;
  return false;
}

function sameTarget(a: GeoPayload, b: GeoPayload): boolean {
  if (a.kind === 'person' && b.kind === 'person') return a.person === b.person;
  if (a.kind === 'org' && b.kind === 'org') return a.org === b.org;
  if (a.kind === 'country' && b.kind === 'country') return a.codesKey === b.codesKey;
  return false;
}
