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

const POSITION_FACTOR: Record<Position, number> = { title: 2.5, dateline: 2.5, lede: 1.7, body: 1 };
/**
 * Primary rule, from how wire editors label stories (checked against Reuters-21578 `places`): the dateline and
 * headline countries are what the story is about; another country is too when the lede names it, when the
 * opening names it and a later sentence comes back to it, or when the body keeps returning to it. Passing mentions (weight below STRONG: currencies, company names, organizations
 * based there) do not count.
 */
const STRONG = 0.5;
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
  const byCode = new Map<string, CountryMention[]>();
  for (const m of mentions) {
    const list = byCode.get(m.code);
    if (list) list.push(m);
    else byCode.set(m.code, [m]);
  }
  const raw = new Map<string, number>();
  let max = 0;
  for (const [code, list] of byCode) {
    // A typed array sorts natively (ascending, no comparator callback): read it from the end for the
    // strongest-first order that the decay expects.
    const weights = new Float64Array(list.length);
    for (let k = 0; k < list.length; k++) weights[k] = list[k].weight * POSITION_FACTOR[list[k].position];
    weights.sort();
    let sum = 0;
    for (let i = 0, k = weights.length - 1; k >= 0; i++, k--)
      sum += weights[k] * DECAY[Math.min(i, DECAY.length - 1)];
    raw.set(code, sum);
    if (sum > max) max = sum;
  }
  const tags: CountryTag[] = [];
  for (const [code, list] of byCode) {
    const salience = max > 0 ? (raw.get(code) ?? 0) / max : 0;
    const strong = list.filter((m) => m.weight >= STRONG);
    const inHeadline = strong.some((m) => m.position === 'title' || m.position === 'dateline');
    const opening = strong.some((m) => m.sentence >= 0 && m.sentence < OPENING_SENTENCES);
    const inLede = strong.some((m) => m.position === 'lede');
    const laterSentence = strong.some((m) => m.sentence !== strong[0].sentence);
    const primary =
      inHeadline ||
      (salience >= MIN_SALIENCE && (inLede || (opening && laterSentence) || strong.length >= BODY_ONLY));
    const evidence = list
      .map((m) => m.evidence)
      .sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1))
      .slice(0, MAX_EVIDENCE);
    tags.push({
      code,
      name: names.get(code) ?? code,
      primary,
      salience: Math.round(salience * 1000) / 1000,
      mentions: list.length,
      evidence,
    });
  }
  return tags.sort(
    (a, b) => b.salience - a.salience || b.mentions - a.mentions || a.code.localeCompare(b.code),
  );
}
