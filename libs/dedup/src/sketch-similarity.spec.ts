import { compareSketches } from './sketch-similarity';
import { fingerprintText } from './text-fingerprint';
import { syntheticCorpus } from './eval/synthetic-corpus';

const [a, b] = syntheticCorpus(2, 3, 1000).map((x) => x.paragraphs);
const sketch = (paragraphs: string[]) => fingerprintText(paragraphs.join('\n\n')).sketch;

describe('compareSketches', () => {
  it('scores identical bodies 1 and unrelated ones near 0', () => {
    expect(compareSketches(sketch(a), sketch(a))).toMatchObject({ containment: 1, jaccard: 1 });
    expect(compareSketches(sketch(a), sketch(b)).containment).toBeLessThan(0.1);
  });

  it('sees a truncated copy as contained in its original although their Jaccard index is low', () => {
    const longStory = [...a, ...b.map((p) => p + ' extra')];
    const c = compareSketches(sketch(longStory.slice(0, 3)), sketch(longStory));
    expect(c.containment).toBe(1);
    expect(c.jaccard).toBeLessThan(0.6);
  });

  it('is symmetric', () => {
    const x = sketch(a.slice(0, 3));
    const y = sketch(a);
    expect(compareSketches(x, y)).toEqual(compareSketches(y, x));
  });
});
