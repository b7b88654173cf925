import { lowerUnit } from './text-hygiene';

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
