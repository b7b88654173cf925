/**
 * String formats of the contracts, without TypeBox: the schemas register them with TypeBox's format registry, and
 * the pipeline's precompiled raw-article check calls them directly.
 */

// Timestamps as scrapers write them: a date, optionally a time and a zone offset, and a real calendar date.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function isIsoDateTime(value: string): boolean {
  return ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

/** Each format by the name the schemas give it. */
export const FORMATS: Readonly<Record<string, (value: string) => boolean>> = { 'date-time': isIsoDateTime };
