import { decodeEntities, lowerUnit } from './text-hygiene';

describe('lowerUnit', () => {
  it('agrees with toLowerCase() for every unit it folds, and declines the context-dependent ones', () => {
    const mismatches: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const lower = lowerUnit(c);
      if (lower < 0) continue;
      const expected = String.fromCharCode(c).toLowerCase();
      if (expected.length !== 1 || expected.charCodeAt(0) !== lower) mismatches.push(c);
    }
    expect(mismatches).toEqual([]);
    expect(lowerUnit(0x130)).toBe(-1); // İ lower-cases to two units
    expect(lowerUnit(0x3a3)).toBe(-1); // Σ: σ or final ς depending on the next letter
    expect(lowerUnit(0xd83d)).toBe(-1); // half of a surrogate pair
  });

  it('folds a whole string like toLowerCase() when no unit declines', () => {
    const text = 'Ünïcödé ÀÉÎÕÜ Straße ΑΘΗΝΑ Москва KELVIN \u212a Å';
    const folded = String.fromCharCode(...[...text].map((ch) => lowerUnit(ch.charCodeAt(0))));
    expect(folded).toBe(text.toLowerCase());
  });
});

describe('decodeEntities', () => {
  it('decodes references, with 128-159 as their Windows-1252 characters', () => {
    expect(decodeEntities('Tom &amp; Jerry &#8364;5 &#151; &#x263A;')).toBe('Tom & Jerry €5 — ☺');
  });

  it('repairs references that lost their ampersand, keeping the spaces a reader expects', () => {
    expect(decodeEntities('Ya #39;alon saw the hostage #39;s family')).toBe(
      "Ya'alon saw the hostage's family",
    );
    expect(decodeEntities('AT amp;T said:  quot;Battle For Supremacy quot; is on')).toBe(
      'AT&T said:  "Battle For Supremacy" is on',
    );
    expect(decodeEntities('a new threat #151;prostate cancer')).toBe('a new threat—prostate cancer');
  });

  it('leaves a semicolon after an ordinary number or word alone', () => {
    const text = 'See ticket #12; ticket #100; quotas; room #4096; rows 100;';
    expect(decodeEntities(text)).toBe(text);
  });

  it('drops inline markup a feed escaped into its text, and keeps escaped comparisons', () => {
    expect(
      decodeEntities('Gaza &lt;b&gt;...&lt;/b&gt; and &lt;a href=&quot;/x&quot;&gt;more&lt;/a&gt;'),
    ).toBe('Gaza ... and more');
    expect(decodeEntities('if 5 &lt; 6 and 7 &gt; 3')).toBe('if 5 < 6 and 7 > 3');
  });
});
