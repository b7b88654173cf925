import type { CountryTag, Evidence } from '@news/contracts';

/** Where a mention sits: headlines, datelines and ledes say what a story is about; the rest mostly adds context. */
export type Position = 'title' | 'dateline' | 'lede' | 'body';

export interface CountryMention {
  code: string;
  evidence: Evidence;
  /** Strength of the wording (a name beats a demonym beats an organization based there). */
  weight: number;
  position: Position;
  /** Sentence of the text the mention is in (title and dateline: -1). */
  sentence: number;
}

const POSITION_FACTOR: Record<Position, number> = { title: 2.5, dateline: 1.5, lede: 1.7, body: 1 };

/**
 * POSITION_FACTOR[position] as compares of interned strings: indexing the record by a varying key is a
 * megamorphic keyed load, the largest line of the salience sums in a profile.
 */
function positionFactor(position: Position): number {
  switch (position) {
    case 'title':
      return POSITION_FACTOR.title;
    case 'dateline':
      return POSITION_FACTOR.dateline;
    case 'lede':
      return POSITION_FACTOR.lede;
    case 'body':
      return POSITION_FACTOR.body;
  }
}
/**
 * Primary rule, from how editors label stories (checked against Reuters-21578 `places` and the hand-labelled
 * news set): the headline countries are what the story is about; a dateline country is when the story names it
 * again (a dateline alone is often a hub: Brussels for EU meetings); another country is when it is prominent and
 * the lede names it, or the opening names it and a later sentence comes back to it, or when it dominates the
 * body. When nothing qualifies, the most salient country is primary (a local story names only its town).
 * Passing mentions (weight below STRONG: currencies, company names, organizations based there, a person's
 * nationality) do not count.
 */
const STRONG = 0.5;
/** Salience a country needs to be primary from the lede or the opening, and from body mentions alone. */
const LEDE_SALIENCE = 0.45;
const BODY_SALIENCE = 0.6;
/** Sentences that open the story: a country named there and again later is part of the story. */
const OPENING_SENTENCES = 4;
const BODY_ONLY = 3;
/** In long stories, repeated mentions of a minor country stay minor next to the leader. */
const MIN_SALIENCE = 0.2;
const MAX_EVIDENCE = 20;
/** 1/sqrt(rank): each further mention adds less. */
const DECAY = Float64Array.from({ length: 64 }, (_, i) => 1 / Math.sqrt(i + 1));

/**
 * Salience is a country's prominence relative to the most prominent one: repeated mentions add less and less
 * (the fifth "Ukraine" matters less than the first), and position multiplies.
 */
export function scoreCountries(
  mentions: readonly CountryMention[],
  names: ReadonlyMap<string, string>,
): CountryTag[] {
  const { codes, lists } = groupByCode(mentions);
  const raw = lists.map((list) =>
    list.length <= INSERTION_MAX ? decayedSumShort(list) : decayedSumLong(list),
  );
  let max = 0;
  for (const sum of raw) if (sum > max) max = sum;
  const tags: CountryTag[] = [];
  for (let c = 0; c < codes.length; c++) {
    const code = codes[c];
    const list = lists[c];
    const salience = max > 0 ? raw[c] / max : 0;
    const strong = strongFacts(list);
    const primary =
      strong.inTitle ||
      (salience >= MIN_SALIENCE && strong.inDateline && strong.count > 1) ||
      (salience >= LEDE_SALIENCE && (strong.inLede || (strong.opening && strong.laterSentence))) ||
      (salience >= BODY_SALIENCE && strong.count >= BODY_ONLY);
    const evidence = list.map((m) => m.evidence);
    if (evidence.length <= INSERTION_MAX) insertionSortEvidence(evidence);
    else evidence.sort(evidenceOrder);
    if (evidence.length > MAX_EVIDENCE) evidence.length = MAX_EVIDENCE;
    tags.push({
      code,
      name: names.get(code) ?? code,
      primary,
      salience: Math.round(salience * 1000) / 1000,
      mentions: list.length,
      evidence,
    });
  }
  tags.sort((a, b) => b.salience - a.salience || b.mentions - a.mentions || compareCodes(a.code, b.code));
  // A story is about some country: a local story names only its town or state, a domestic one its leaders.
  if (tags.length > 0 && !tags.some((t) => t.primary)) tags[0].primary = true;
  return tags;
}

/**
 * `a.localeCompare(b)` for country codes: two capital letters A-Z collate in alphabetical order, the same as their
 * char codes, so they are compared directly (localeCompare costs a collator call per comparison); anything else
 * is left to localeCompare.
 */
function compareCodes(a: string, b: string): number {
  if (a.length === 2 && b.length === 2 && isCapitalPair(a) && isCapitalPair(b))
    return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

function isCapitalPair(code: string): boolean {
  const x = code.charCodeAt(0);
  const y = code.charCodeAt(1);
  return x >= 65 && x <= 90 && y >= 65 && y <= 90;
}

/**
 * Mentions grouped by country, countries in order of first mention. An article names a handful of countries,
 * so a scan of the codes seen so far beats hashing each mention's code into a Map.
 */
function groupByCode(mentions: readonly CountryMention[]): { codes: string[]; lists: CountryMention[][] } {
  const codes: string[] = [];
  const lists: CountryMention[][] = [];
  for (const m of mentions) {
    const c = codes.indexOf(m.code);
    if (c >= 0) lists[c].push(m);
    else {
      codes.push(m.code);
      lists.push([m]);
    }
  }
  return { codes, lists };
}

interface StrongFacts {
  count: number;
  inTitle: boolean;
  /** A dateline alone is often a hub (Brussels for EU meetings): it needs another mention to make a country primary. */
  inDateline: boolean;
  /** In one of the opening sentences. */
  opening: boolean;
  inLede: boolean;
  /** In another sentence than the first strong mention. */
  laterSentence: boolean;
}

/** What the primary rule asks about a country's strong mentions (weight ≥ STRONG), in one pass. */
function strongFacts(list: readonly CountryMention[]): StrongFacts {
  const facts = {
    count: 0,
    inTitle: false,
    inDateline: false,
    opening: false,
    inLede: false,
    laterSentence: false,
  };
  let firstSentence = 0;
  for (const m of list) {
    if (!(m.weight >= STRONG)) continue;
    if (facts.count === 0) firstSentence = m.sentence;
    else if (m.sentence !== firstSentence) facts.laterSentence = true;
    facts.count++;
    if (m.position === 'title') facts.inTitle = true;
    if (m.position === 'dateline') facts.inDateline = true;
    if (m.sentence >= 0 && m.sentence < OPENING_SENTENCES) facts.opening = true;
    if (m.position === 'lede') facts.inLede = true;
  }
  return facts;
}

/**
 * Mentions per country are few (a few dozen at most in a 4 KB story) and mostly arrive in text order, so an
 * insertion sort into a reused buffer beats allocating and sorting a fresh array per country; long lists
 * fall back to the built-in sort. Both give the same order, so the same sums and the same evidence.
 */
const INSERTION_MAX = 64;
const scratch = new Float64Array(INSERTION_MAX);

function decayedSumShort(list: readonly CountryMention[]): number {
  let count = 0;
  for (const m of list) {
    const w = m.weight * positionFactor(m.position);
    let k = count++;
    while (k > 0 && scratch[k - 1] < w) {
      scratch[k] = scratch[k - 1];
      k--;
    }
    scratch[k] = w;
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += scratch[i] * DECAY[Math.min(i, DECAY.length - 1)];
  return sum;
}

function decayedSumLong(list: readonly CountryMention[]): number {
  const weights = list.map((m) => m.weight * positionFactor(m.position)).sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] * DECAY[Math.min(i, DECAY.length - 1)];
  return sum;
}

/** Title first, then by offset. */
function evidenceOrder(a: Evidence, b: Evidence): number {
  return a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1;
}

/** Stable, like Array.prototype.sort: an item moves only past items that order strictly after it. */
function insertionSortEvidence(items: Evidence[]): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let k = i;
    while (k > 0 && evidenceOrder(items[k - 1], item) > 0) {
      items[k] = items[k - 1];
      k--;
    }
    items[k] = item;
  }
}
