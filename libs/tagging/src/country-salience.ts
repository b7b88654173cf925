import type { CountryTag, Evidence } from '@news/contracts';

/** Where a mention sits: headlines, datelines and ledes say what a story is about; the rest mostly adds context. */
export type Position = 'title' | 'dateline' | 'lede' | 'body';

export interface CountryMention {
  code: string;
  evidence: Evidence;
  /** Strength of the wording (a name beats a demonym beats an organization based there). */
  weight: number;
  position: Position;
}

const POSITION_FACTOR: Record<Position, number> = { title: 2.5, dateline: 2.5, lede: 1.7, body: 1 };
/** A country whose weight reaches this share of the leading country's is also what the story is about. */
export const PRIMARY_RATIO = 0.45;
const MAX_EVIDENCE = 20;

/**
 * Salience is a country's prominence relative to the most prominent one: repeated mentions add less and less
 * (the fifth "Ukraine" matters less than the first), and position multiplies. An editor marks as primary the
 * countries that carry the story, which in news is the leader and those close to it, and any country in both
 * the headline and the dateline.
 */
export function scoreCountries(mentions: readonly CountryMention[], names: ReadonlyMap<string, string>): CountryTag[] {
  const byCode = new Map<string, CountryMention[]>();
  for (const m of mentions) {
    const list = byCode.get(m.code);
    if (list) list.push(m);
    else byCode.set(m.code, [m]);
  }
  const raw = new Map<string, number>();
  for (const [code, list] of byCode) {
    const sorted = list.map((m) => m.weight * POSITION_FACTOR[m.position]).sort((a, b) => b - a);
    let sum = 0;
    sorted.forEach((w, i) => (sum += w / Math.sqrt(i + 1)));
    raw.set(code, sum);
  }
  const max = Math.max(0, ...raw.values());
  const tags: CountryTag[] = [];
  for (const [code, list] of byCode) {
    const salience = max > 0 ? (raw.get(code) ?? 0) / max : 0;
    const inHeadline = list.some((m) => m.position === 'title' || m.position === 'dateline');
    const evidence = list
      .map((m) => m.evidence)
      .sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1))
      .slice(0, MAX_EVIDENCE);
    tags.push({
      code,
      name: names.get(code) ?? code,
      primary: salience >= PRIMARY_RATIO || (inHeadline && salience >= PRIMARY_RATIO / 2),
      salience: Math.round(salience * 1000) / 1000,
      mentions: list.length,
      evidence,
    });
  }
  return tags.sort((a, b) => b.salience - a.salience || b.mentions - a.mentions || a.code.localeCompare(b.code));
}
