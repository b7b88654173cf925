import type { Evidence } from '@news/contracts';
import type { TokenBuffer } from './tokenizer';

/** What the role patterns find: a person no list knows, with the office the text gives and where it stands. */

export interface CountryAt {
  /** Country of a mention that ends at this offset of the field (a demonym or name just before an office). */
  endingAt(offset: number): string | undefined;
  /** Country of a mention that starts at this offset. */
  startingAt(offset: number): { code: string; end: number } | undefined;
}

export interface PatternPerson {
  name: string;
  /** Lower-case key of the last name word, for later surname-only mentions. */
  surname: string;
  role: string;
  country?: string;
  countryFrom?: 'pattern' | 'office';
  /** Without a country: those its office usually belongs to, the first the story mentions taken. */
  usualCountries?: readonly string[];
  /** Token range of the name. */
  from: number;
  to: number;
  evidence: Evidence;
}

/** How the text introduces a person: the office as written, and the country it gives, if any. */
export interface Introduction {
  role: string;
  country?: string;
  countryFrom?: 'pattern' | 'office';
  /** Without a country: those the office usually belongs to (a party's, a senator's). */
  usualCountries?: readonly string[];
}

/** The person whose name runs over tokens `from` to `to`, introduced as `by` says. */
export function person(
  value: string,
  tokens: TokenBuffer,
  from: number,
  to: number,
  { role, country, countryFrom, usualCountries }: Introduction,
): PatternPerson {
  const start = tokens.start[from];
  const end = tokens.end[to - 1];
  const name = value.slice(start, end);
  const last = value.slice(tokens.start[to - 1], tokens.end[to - 1]);
  const found: PatternPerson = {
    name,
    surname: last.toLowerCase(),
    role,
    country,
    countryFrom: country ? countryFrom : undefined,
    from,
    to,
    evidence: { field: 'text', start, end, text: name },
  };
  // Only a person without a country of their own looks for the one their office usually belongs to.
  if (!country && usualCountries) found.usualCountries = usualCountries;
  return found;
}
