import { hashKey, keyOf, phraseKeys, stemSlavic, tokenize } from './tokenizer';

describe('tokenize', () => {
  it('keeps exact offsets and hashes the normalized key', () => {
    const text = "China's U.S.-backed Côte d'Ivoire";
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'China',
      's',
      'U.S.',
      'backed',
      'Côte',
      'd',
      'Ivoire',
    ]);
    expect(tokens.map((t) => keyOf(text, t))).toEqual(['china', 's', 'us', 'backed', 'cote', 'd', 'ivoire']);
    for (const t of tokens) expect(t.hash).toBe(hashKey(keyOf(text, t)));
  });

  it('tells the initialism U.S. and US from the pronoun us by shape', () => {
    const [dotted, caps, lower] = tokenize('U.S. US us');
    expect([dotted.shape, caps.shape, lower.shape]).toEqual(['upper', 'upper', 'lower']);
  });

  it('splits Chinese into characters, since it has no spaces between words', () => {
    const text = '中国和俄罗斯';
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual([
      '中',
      '国',
      '和',
      '俄',
      '罗',
      '斯',
    ]);
  });

  it('ends sentences at a full stop before a capital, not inside numbers or before lower case', () => {
    const tokens = tokenize('Profit rose 1.5 pct at Acme Corp. said officials. Then it fell.');
    const sentenceOf = (word: string) =>
      tokens.find((t) => keyOf('Profit rose 1.5 pct at Acme Corp. said officials. Then it fell.', t) === word)
        ?.sentence;
    expect(sentenceOf('said')).toBe(0);
    expect(sentenceOf('then')).toBe(1);
  });

  it('marks punctuation between words as a break that phrases do not cross', () => {
    const tokens = tokenize('Guinea-Bissau, Guinea');
    expect(tokens.map((t) => t.breakBefore)).toEqual([false, false, true]);
  });

  it('stems Russian and Ukrainian case endings so inflected names meet', () => {
    expect(stemSlavic('россии')).toBe(stemSlavic('россия'));
    expect(phraseKeys('Украины')).toEqual(phraseKeys('Украина'));
    expect(phraseKeys('Україною')).toEqual(phraseKeys('Україна'));
  });

  it('offers Arabic forms without attached conjunctions and prepositions', () => {
    const [token] = tokenize('وبالصين');
    expect(token.alt).toContain(hashKey(phraseKeys('الصين')[0]));
  });

  it('offers German genitives without the -s in German articles', () => {
    const [token] = tokenize('Russlands', { language: 'de' });
    expect(token.alt).toEqual([hashKey('russland')]);
    expect(tokenize('Russlands')[0].alt).toBeUndefined();
  });

  it('tokenizes ASCII text (its fast path) exactly as the same words in text with other scripts', () => {
    const ascii =
      "KYIV, April 8 - U.S.-backed talks. Washington D.C.-based Acme Corp. said 1.5 pct; Ukraine's army (Reuters) -- ok.";
    const mixed = `${ascii} é`;
    for (const language of ['en', 'de']) {
      const fast = tokenize(ascii, { language });
      const general = tokenize(mixed, { language }).slice(0, fast.length);
      expect(fast).toEqual(general);
    }
  });
});
