import countries from 'world-countries';

/**
 * Keeps Prometheus label values bounded. Every distinct label value is a new time series held forever by
 * the registry and by Prometheus, so a value that comes from data (a country guess, a topic id, an error
 * reason) must be checked against a known set, or capped, before it becomes a label.
 */
export class LabelGuard {
  private readonly seen = new Set<string>();

  constructor(
    private readonly accept: (value: string) => boolean,
    private readonly maxDistinct: number,
    private readonly overflow = 'other',
  ) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (!this.accept(value) || this.seen.size >= this.maxDistinct) return this.overflow;
    this.seen.add(value);
    return value;
  }
}

// world-countries' alpha-2 codes: ISO 3166-1 plus the user-assigned XK (Kosovo), 250 in all.
const COMMON_NAMES = new Map(countries.map((c) => [c.cca2, c.name.common]));

/** Country codes the tagging library can emit; anything else is not a label value. */
export function isIsoCountry(code: string): boolean {
  return COMMON_NAMES.has(code);
}

/** Common English name ("Russia", not "Russian Federation"), for people reading the status page. */
export function countryName(code: string): string {
  return COMMON_NAMES.get(code) ?? code;
}

/** Taxonomy ids and retry reasons are short machine identifiers, never free text. */
export function isIdentifier(value: string): boolean {
  return /^[a-z0-9][a-z0-9._:/-]{0,63}$/i.test(value);
}
