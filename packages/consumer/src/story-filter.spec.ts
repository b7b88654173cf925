import { HEADERS, type EnrichedArticle } from '@news/contracts';
import { StoryFilterError, StoryMatcher } from './story-filter';

const headersOf =
  (headers: Record<string, string>) =>
  (name: string): string | undefined =>
    headers[name];

const ROUTED = headersOf({
  [HEADERS.primaryCountries]: 'UA,RU',
  [HEADERS.countries]: 'UA,RU,CN,US',
  [HEADERS.topics]: 'armed-conflict,diplomacy',
  [HEADERS.geopolitical]: 'true',
});

function article(tags: {
  countries: { code: string; primary: boolean }[];
  topics: string[];
  geopolitical?: boolean;
}): EnrichedArticle {
  return {
    countries: tags.countries.map((c) => ({ ...c, name: c.code, salience: 1, mentions: 1, evidence: [] })),
    topics: tags.topics.map((id) => ({ id, label: id, score: 1, evidence: [] })),
    geopolitical:
      tags.geopolitical === undefined ? undefined : { value: tags.geopolitical, score: 1, evidence: [] },
  } as unknown as EnrichedArticle;
}

describe('StoryMatcher', () => {
  it('decides on the routing headers: every criterion must hold, a list holds on any of its items', () => {
    const cases: [string, ConstructorParameters<typeof StoryMatcher>[0], boolean][] = [
      ['topic listed', { topics: ['sanctions', 'armed-conflict'] }, true],
      ['topic not listed', { topics: ['sanctions'] }, false],
      ['any country', { countries: ['us'] }, true],
      ['primary only', { primaryCountries: ['US'] }, false],
      ['primary listed', { primaryCountries: ['RU'] }, true],
      ['all three hold', { topics: ['armed-conflict'], countries: ['UA', 'RU'], geopolitical: true }, true],
      ['one of three fails', { topics: ['armed-conflict'], countries: ['PL'], geopolitical: true }, false],
      ['flag differs', { geopolitical: false }, false],
      ['empty filter', {}, true],
    ];
    for (const [name, filter, expected] of cases) {
      expect([name, new StoryMatcher(filter).matchesHeaders(ROUTED)]).toEqual([name, expected]);
    }
  });

  it('reads empty list headers as "none" and a missing flag as matching neither value', () => {
    const bare = headersOf({ [HEADERS.primaryCountries]: '', [HEADERS.countries]: '', [HEADERS.topics]: '' });
    expect(new StoryMatcher({ countries: ['UA'] }).matchesHeaders(bare)).toBe(false);
    expect(new StoryMatcher({ geopolitical: true }).matchesHeaders(bare)).toBe(false);
    expect(new StoryMatcher({ geopolitical: false }).matchesHeaders(bare)).toBe(false);
    expect(new StoryMatcher({}).matchesHeaders(bare)).toBe(true);
  });

  it('leaves the decision to the event when the record has no routing headers', () => {
    expect(new StoryMatcher({ topics: ['armed-conflict'] }).matchesHeaders(headersOf({}))).toBeUndefined();
  });

  it('decides on a decoded event exactly as on the headers built from it', () => {
    const event = article({
      countries: [
        { code: 'UA', primary: true },
        { code: 'US', primary: false },
      ],
      topics: ['armed-conflict'],
      geopolitical: true,
    });
    expect(
      new StoryMatcher({ primaryCountries: ['UA'], topics: ['armed-conflict'] }).matchesEvent(event),
    ).toBe(true);
    expect(new StoryMatcher({ primaryCountries: ['US'] }).matchesEvent(event)).toBe(false);
    expect(new StoryMatcher({ countries: ['US'], geopolitical: true }).matchesEvent(event)).toBe(true);
    expect(
      new StoryMatcher({ geopolitical: true }).matchesEvent(article({ countries: [], topics: [] })),
    ).toBe(false);
  });

  it('refuses empty or non-string lists and a non-boolean flag', () => {
    expect(() => new StoryMatcher({ topics: [] })).toThrow(StoryFilterError);
    expect(() => new StoryMatcher({ countries: [7 as unknown as string] })).toThrow(/countries/);
    expect(() => new StoryMatcher({ geopolitical: 'yes' as unknown as boolean })).toThrow(/geopolitical/);
  });
});
