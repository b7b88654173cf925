import { PLACES } from './gazetteer-data';
import type { CountryMention } from './country-salience';

/**
 * Names with two readings (Georgia the country or the US state, Jordan, Chad): each mention waits until the
 * whole article is read, then takes the reading its context words voted for, else one of the other countries
 * present, else the name's default reading.
 */

export interface PendingAmbiguous {
  /** Index of the name in `PLACES.ambiguous`. */
  index: number;
  mention: Omit<CountryMention, 'code'>;
}

export function resolveAmbiguous(
  pending: readonly PendingAmbiguous[],
  votes: ReadonlyMap<string, number>,
  mentions: CountryMention[],
  defaults: readonly string[],
): void {
  if (pending.length === 0) return;
  const present = new Set(mentions.map((m) => m.code));
  const ambiguous = PLACES.ambiguous;
  for (const p of pending) {
    const readings = Object.keys(ambiguous[p.index].readings);
    // The default reading breaks ties; it is kept apart from `best`, which the loop below moves.
    const fallback = defaults[p.index];
    let best = fallback;
    let bestScore = -1;
    for (const code of readings) {
      const score =
        (votes.get(`${p.index}|${code}`) ?? 0) +
        (present.has(code) ? 0.5 : 0) +
        (code === fallback ? 0.25 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = code;
      }
    }
    mentions.push({ code: best, ...p.mention });
  }
}
