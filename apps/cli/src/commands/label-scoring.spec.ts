import { emptyScores, f1, scoreArticle } from './label-scoring';

const labels = {
  primary: ['UA', 'RU'],
  mentioned: ['CN'],
  topics: ['armed-conflict'],
  people: [
    { name: 'Volodymyr Zelensky', country: 'UA' },
    { name: 'Sybiha', country: 'UA' },
  ],
  geopolitical: true,
};

describe('label scoring', () => {
  it('counts set overlaps, people by surname and country, and the flag', () => {
    const scores = emptyScores();
    const errors = scoreArticle(scores, labels, {
      primary: ['UA', 'GH'],
      all: ['UA', 'RU', 'GH'],
      topics: ['armed-conflict', 'elections'],
      people: [
        { name: 'Zelensky', country: 'UA' },
        { name: 'Andrii Sybiha', country: 'RU' },
        { name: 'Somebody Else', country: 'GH' },
      ],
      geopolitical: false,
    });
    expect(scores.primary).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(scores.all).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(scores.topics).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(scores.perTopic.get('elections')).toEqual({ tp: 0, fp: 1, fn: 0 });
    // Sybiha is named but with the wrong country: a miss, and not counted as a person beyond the labels.
    expect(scores.people).toEqual({ labelled: 2, found: 1, emitted: 3, emittedBeyondLabels: 1 });
    expect(errors.missedPeople).toEqual([{ name: 'Sybiha', country: 'UA' }]);
    expect(scores.geopolitical.fn).toBe(1);
    expect(errors.geopolitical).toBe('missed');
  });

  it('gives precision, recall and F1, and 1 for empty sets', () => {
    expect(f1({ tp: 3, fp: 1, fn: 1 }).f1).toBeCloseTo(0.75);
    expect(f1({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});
