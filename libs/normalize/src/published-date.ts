/** Dates as scrapers and pages spell them, to ISO 8601 UTC (or null when implausible or unreadable). */

const EPOCH_RE = /^\d{10}(?:\d{3})?$/;
const MIN_TIME = Date.UTC(1990, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;

export function toIsoUtc(value: string | null | undefined, now: number = Date.now()): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '' || s.length > 100) return null;
  let t: number;
  if (EPOCH_RE.test(s)) t = s.length === 10 ? Number(s) * 1000 : Number(s);
  else t = Date.parse(s);
  // Pages carry placeholder dates (0000-00-00, 1970) and far-future typos: neither is a publication.
  if (!Number.isFinite(t) || t < MIN_TIME || t > now + FUTURE_SLACK_MS) return null;
  return new Date(t).toISOString();
}
