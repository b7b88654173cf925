import { cleanScrapedLines } from './scraped-text-cleaner';

const para = (n: number): string =>
  `Paragraph ${n} of the story carries enough words to read as real prose, as stories do.`;

describe('cleanScrapedLines', () => {
  it('drops widget labels, share prompts and copyright lines wherever they are', () => {
    const lines = [
      'Listen to this article',
      para(1),
      'Advertisement',
      'Share this article:',
      para(2),
      '3 min read',
      'Sign up for our daily newsletter to get the headlines in your inbox',
      para(3),
      '© 2025 Example Media. All rights reserved.',
    ];
    expect(cleanScrapedLines(lines)).toEqual([para(1), para(2), para(3)]);
  });

  it('cuts a trailing rail after its header', () => {
    const lines = [
      para(1),
      para(2),
      'Most Read',
      'Mayor opens new bridge',
      'Storm warning for weekend',
      'Local team wins cup',
    ];
    expect(cleanScrapedLines(lines)).toEqual([para(1), para(2)]);
  });

  it('cuts a header-less rail of headlines with relative timestamps', () => {
    const lines = [
      para(1),
      para(2),
      'Mayor opens new bridge',
      '5 minutes ago',
      'Storm warning for weekend',
      '2 hours -',
      'Local team wins cup',
      '1 day ago',
    ];
    expect(cleanScrapedLines(lines)).toEqual([para(1), para(2)]);
  });

  it('keeps the story after an inline promo header ("DON\'T MISS" between paragraphs)', () => {
    const lines = [para(1), "DON'T MISS", para(2), para(3), para(4)];
    expect(cleanScrapedLines(lines)).toEqual([para(1), para(2), para(3), para(4)]);
  });

  it('keeps prose that merely mentions furniture words', () => {
    const lines = [
      'Related talks will continue next week, the minister said, after advertisement rules were changed.',
      para(1),
    ];
    expect(cleanScrapedLines(lines)).toEqual(lines);
  });

  it('drops date-only lines but keeps sentences with years', () => {
    const lines = [
      'Updated: Nov. 19, 2019 at 5:30 p.m. ET',
      para(1),
      '05/10/2018 14:00',
      'In 2019 the mayor resigned.',
    ];
    expect(cleanScrapedLines(lines)).toEqual([para(1), 'In 2019 the mayor resigned.']);
  });

  it('drops photo credit captions', () => {
    expect(cleanScrapedLines([para(1), 'The harbour at dawn (Image: Example Agency)', para(2)])).toEqual([
      para(1),
      para(2),
    ]);
  });
});
