import countries from 'i18n-iso-countries';

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

const ISO_ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));

/** ISO 3166-1 alpha-2 codes only (about 250 values), as the tagging library emits them. */
export function isIsoCountry(code: string): boolean {
  return ISO_ALPHA2.has(code);
}

/** English short name for a country code, for people reading the status page. */
export function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}

/** Taxonomy ids and retry reasons are short machine identifiers, never free text. */
export function isIdentifier(value: string): boolean {
  return /^[a-z0-9][a-z0-9._:/-]{0,63}$/i.test(value);
}
