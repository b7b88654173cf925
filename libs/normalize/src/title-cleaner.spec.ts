import { cleanTitle } from './title-cleaner';

describe('cleanTitle', () => {
  it.each([
    [
      'Ukraine captures two Chinese nationals - BBC News',
      '',
      'bbc.co.uk',
      'Ukraine captures two Chinese nationals',
    ],
    ['Harbour reopens after strike | Example News', 'Example News', '', 'Harbour reopens after strike'],
    [
      'Harbour reopens after strike | World | Example News',
      'Example News',
      '',
      'Harbour reopens after strike',
    ],
    ['Example News: Harbour reopens after strike', 'Example News', '', 'Harbour reopens after strike'],
    ['Harbour reopens after strike – The Daily Post', '', '', 'Harbour reopens after strike'],
    ['Brexit - what happens next', '', 'example.com', 'Brexit - what happens next'],
    ['Covid-19 cases rise again', '', '', 'Covid-19 cases rise again'],
    ['A single headline', '', '', 'A single headline'],
  ])('%s', (title, site, host, expected) => {
    expect(cleanTitle(title, site, host)).toBe(expected);
  });
});
