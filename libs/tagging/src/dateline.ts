/**
 * Wire datelines ("NEW YORK, March 3 -", "MOSCOW (Reuters) -", "STAMFORD, Conn., March 3 -") open the text
 * and say where the reporter was: a strong hint of what the story is about, and not a mention in a sentence.
 */

export interface Dateline {
  /** Offsets of the place name in the text. */
  start: number;
  end: number;
  place: string;
  qualifier?: { start: number; end: number; text: string };
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATELINE = new RegExp(
  '^(\\s*)' +
    "([A-Z][A-Za-z.'’ -]{1,40}?)" +
    `(?:\\s*,\\s*(?!${MONTH}\\s)([A-Z][A-Za-z. ]{1,25}?))?` +
    `(\\s*,?\\s+(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH}))?` +
    '(\\s*\\([A-Za-z ]{2,30}\\))?' +
    '\\s*(?:-{1,2}|–|—)\\s',
  'i',
);

/**
 * What every dateline ends with, as DATELINE reads it: a dash and a space. Most texts have none in their
 * opening, and this test rules them out several times faster than DATELINE's backtracking fails on them.
 */
const DASH_SPACE = /[-–—]\s/;

export function parseDateline(text: string): Dateline | null {
  const opening = text.slice(0, 120);
  if (!DASH_SPACE.test(opening)) return null;
  const m = DATELINE.exec(opening);
  if (!m) return null;
  const [, lead, place, qualifier, date, agency] = m;
  const allCaps = !/[a-z]/.test(place);
  // Mixed-case openings are only datelines when a date or an agency follows ("New York, March 3 -").
  if (!allCaps && !date && !agency) return null;
  if (place.split(' ').length > 5) return null;
  const start = lead.length;
  const result: Dateline = { start, end: start + place.length, place };
  if (qualifier) {
    const qStart = text.indexOf(qualifier, result.end);
    result.qualifier = { start: qStart, end: qStart + qualifier.length, text: qualifier };
  }
  return result;
}
