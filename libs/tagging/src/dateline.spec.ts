import { parseDateline } from './dateline';

describe('parseDateline', () => {
  it.each([
    ['NEW YORK, March 3 - Shares rose.', 'NEW YORK', undefined],
    ['MOSCOW (Reuters) - Officials said.', 'MOSCOW', undefined],
    ['STAMFORD, Conn., March 3 - Profit rose.', 'STAMFORD', 'Conn.'],
    ['KYIV, Ukraine (AP) — Sirens sounded.', 'KYIV', 'Ukraine'],
    ['  SALVADOR, Feb 26 - Showers continued.', 'SALVADOR', undefined],
    ['FARMINGTON, Conn., FEb 26 - Qtly div.', 'FARMINGTON', 'Conn.'],
    ['New York, March 3 - Mixed case with a date.', 'New York', undefined],
    ['Kyiv, 3 March (Reuters) - Day before month.', 'Kyiv', undefined],
  ])('reads %j', (text, place, qualifier) => {
    const d = parseDateline(text);
    expect(d?.place).toBe(place);
    expect(d ? text.slice(d.start, d.end) : null).toBe(place);
    expect(d?.qualifier?.text).toBe(qualifier);
    if (d?.qualifier) expect(text.slice(d.qualifier.start, d.qualifier.end)).toBe(qualifier);
  });

  it.each([
    'Ukrainian forces have captured two Chinese nationals - he said.',
    'The talks - which ended - failed.',
    'Short text',
  ])('finds none in %j', (text) => {
    expect(parseDateline(text)).toBeNull();
  });
});
