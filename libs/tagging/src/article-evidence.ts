import type { Evidence } from '@news/contracts';
import { VIA_WEIGHT } from './gazetteer';
import type { CountryMention } from './country-salience';
import type { NameSpan, StoryActors } from './topic-classifier';
import type { TokenBuffer } from './tokenizer';
import type { CountryAt, PatternPerson } from './role-patterns';
import { findStateQualifiers, qualifierCountryAfter } from './state-qualifiers';
import { buildingAfter } from './place-context';

/**
 * The pieces of one article's tagging that read the mentions found so far: which countries and bodies each
 * sentence names (for the topic scorer), which tokens are already names (for the role patterns), the one
 * country of a sentence, later surname mentions, evidence spans.
 */

/** The states and intergovernmental bodies a story names, datelines aside (for the topic scorer). */
export function storyActors(
  mentions: readonly CountryMention[],
  bodies: readonly { key: number; sentence: number }[],
): StoryActors {
  const counts: number[] = [];
  const all = new Set<string | number>();
  // The actors of each sentence: the one actor while it names one (as most do), an array from the second on.
  const seen = new Map<number, string | number | (string | number)[]>();
  const add = (sentence: number, actor: string | number) => {
    all.add(actor);
    const known = seen.get(sentence);
    if (known === undefined) {
      seen.set(sentence, actor);
      counts[sentence] = 1;
    } else if (Array.isArray(known)) {
      if (!known.includes(actor)) counts[sentence] = known.push(actor);
    } else if (known !== actor) {
      seen.set(sentence, [known, actor]);
      counts[sentence] = 2;
    }
  };
  for (const m of mentions) {
    if (m.position !== 'dateline') add(m.position === 'title' ? 0 : m.sentence + 1, m.code);
  }
  for (const b of bodies) add(b.sentence, b.key);
  return { perSentence: counts, distinct: all.size };
}

/**
 * The countries named in each sentence of the text, by name, demonym, capital or office-holder. A dateline
 * belongs to the first sentence, and so do the title's countries: a snippet's headline and lede are one
 * statement. Worked out on the first question.
 */
export function sentenceCountries(
  mentions: readonly CountryMention[],
): (sentence: number) => ReadonlySet<string> | undefined {
  let bySentence: Map<number, Set<string>> | undefined;
  return (sentence) => {
    if (!bySentence) {
      bySentence = new Map();
      for (const m of mentions) {
        // The country's name, demonym or capital, or one of its office-holders: a town or a body says less.
        if (m.weight < VIA_WEIGHT.region && m.weight !== VIA_WEIGHT.person) continue;
        const key = m.position === 'title' || m.position === 'dateline' ? 0 : m.sentence;
        const codes = bySentence.get(key);
        if (codes) codes.add(m.code);
        else bySentence.set(key, new Set([m.code]));
      }
    }
    return bySentence.get(sentence);
  };
}

/**
 * "Gainesville, Va.": the abbreviated states and provinces of the story (the dateline's own is read already).
 */
export function stateQualifierMentions(
  input: { title: string; text: string },
  datelineQualifier: number | undefined,
): CountryMention[] {
  const found = [...findStateQualifiers('title', input.title), ...findStateQualifiers('text', input.text)];
  const mentions: CountryMention[] = [];
  for (const r of found) {
    if (r.evidence.field === 'text' && r.evidence.start === datelineQualifier) continue;
    mentions.push({
      code: r.code,
      evidence: r.evidence,
      weight: VIA_WEIGHT.city,
      position: r.evidence.field === 'title' ? 'title' : 'body',
      sentence: -1,
    });
  }
  return mentions;
}

export function evidenceOf(field: 'title' | 'text', value: string, start: number, end: number): Evidence {
  return { field, start, end, text: value.slice(start, end) };
}

export function parseDate(value: string | null | undefined): number | undefined {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A town of another country than its namesake ("Paris, Texas": the state is its own mention) or a building
 * named after the place ("Westminster House").
 */
export function placeElsewhere(
  value: string,
  tokens: TokenBuffer,
  to: number,
  end: number,
  codes: readonly string[],
): boolean {
  const qualifier = qualifierCountryAfter(value, end);
  if (qualifier !== undefined && !codes.includes(qualifier)) return true;
  return buildingAfter(tokens, to);
}

/** The one country the text names in this sentence, if it names exactly one there. */
export function soleCountryOf(mentions: readonly CountryMention[], sentence: number): string | undefined {
  let code: string | undefined;
  for (const m of mentions) {
    if (m.evidence.field !== 'text' || m.position === 'dateline' || m.sentence !== sentence) continue;
    if (code !== undefined && code !== m.code) return undefined;
    code = m.code;
  }
  return code;
}

/** Country mentions of the text by where they start and end, for the role patterns (asked near offices). */
export function countryLookup(mentions: readonly CountryMention[]): CountryAt {
  // One loop per edge: reading `evidence[edge]` by a variable key was the slowest part of each question.
  const counts = (m: CountryMention) => m.evidence.field === 'text' && m.position !== 'dateline';
  return {
    endingAt: (offset) => {
      for (const m of mentions) if (m.evidence.end === offset && counts(m)) return m.code;
      return undefined;
    },
    startingAt: (offset) => {
      for (const m of mentions)
        if (m.evidence.start === offset && counts(m)) return { code: m.code, end: m.evidence.end };
      return undefined;
    },
  };
}

/** `coveredTokens`' result, reused from article to article (read only while it is tagged), cleared whole. */
let coveredScratch = new Uint8Array(1024);

/**
 * 1 for each text token inside a known name or a country mention: role patterns never read those as names.
 */
export function coveredTokens(
  tokens: TokenBuffer,
  names: readonly NameSpan[],
  mentions: readonly CountryMention[],
): Uint8Array {
  if (coveredScratch.length < tokens.count) coveredScratch = new Uint8Array(tokens.count * 2);
  const covered = coveredScratch.fill(0);
  const mark = (start: number, end: number) => {
    for (let i = firstTokenAtOrAfter(tokens, start); i < tokens.count && tokens.start[i] < end; i++)
      covered[i] = 1;
  };
  for (const n of names) if (n.field === 'text') mark(n.start, n.end);
  for (const m of mentions) if (m.evidence.field === 'text') mark(m.evidence.start, m.evidence.end);
  return covered;
}

function firstTokenAtOrAfter(tokens: TokenBuffer, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.end[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Later mentions of a recognized person by surname alone ("Sybiha said"). */
export function laterMentions(value: string, tokens: TokenBuffer, person: PatternPerson): Evidence[] {
  const out: Evidence[] = [];
  if (person.to - person.from < 2) return out;
  const surname = tokens.hash[person.to - 1];
  for (let i = person.to; i < tokens.count; i++) {
    if (tokens.hash[i] !== surname || !tokens.isTitle(i)) continue;
    // "Sybiha" alone, not the start of another full name ("Sybiha Holdings").
    out.push(evidenceOf('text', value, tokens.start[i], tokens.end[i]));
  }
  return out;
}
