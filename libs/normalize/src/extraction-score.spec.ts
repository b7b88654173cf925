import { scoreCorpus, scorePage } from './extraction-score';

describe('extraction score (benchmark metric)', () => {
  it('is perfect for an identical body, whatever the whitespace and punctuation', () => {
    const s = scorePage('One two three four five six.', 'One  two, three\nfour five six');
    expect(s).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('splits into true positives, false positives and false negatives that sum to 1', () => {
    // truth shingles: a b c d | b c d e ; extracted: a b c d | b c d x
    const s = scorePage('a b c d e', 'a b c d x');
    expect(s.tp + s.fp + s.fn).toBeCloseTo(1);
    expect(s.tp).toBeCloseTo(1 / 3);
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(0.5);
  });

  it('counts shingles as a multiset and tokens Unicode-aware', () => {
    expect(scorePage('été à Paris été à Paris', 'été à Paris').recall).toBeLessThan(1);
    expect(scorePage('Привет мир как дела сегодня', 'Привет мир как дела сегодня').f1).toBe(1);
  });

  it('an empty extraction scores zero, and both empty counts as right', () => {
    expect(scorePage('some true body text here', '').f1).toBe(0);
    expect(scorePage('', '').f1).toBe(1);
  });

  it('weighs every page the same in the corpus score', () => {
    const long = 'w '.repeat(1000);
    const corpus = scoreCorpus([scorePage(long, long), scorePage('a b c d e f', '')]);
    expect(corpus.precision).toBeCloseTo(1);
    expect(corpus.recall).toBeCloseTo(0.5);
  });
});
