import { GeoTagger } from './geo-tagger';
import { genericSiteCountry, sourceDomainCountry } from './source-domain';

const names = new Map([
  ['CA', 'Canada'],
  ['GB', 'United Kingdom'],
  ['AU', 'Australia'],
]);

describe("the country of a site's domain", () => {
  it('reads country-code domains, the UK as GB, and nothing of generic ones', () => {
    expect(sourceDomainCountry('https://www.cbc.ca/news/local', names)).toBe('CA');
    expect(sourceDomainCountry('http://www.bbc.co.uk/news', names)).toBe('GB');
    expect(sourceDomainCountry('https://www.abc.net.au/news/x', names)).toBe('AU');
    expect(sourceDomainCountry('https://news.example.com/a', names)).toBeUndefined();
    expect(sourceDomainCountry('https://site.tv/a', names)).toBeUndefined();
    expect(sourceDomainCountry('not a url', names)).toBeUndefined();
  });

  it('gives a story that names no country the domain country, and a story that names one its own', () => {
    const tagger = GeoTagger.load();
    const local = tagger.tag({
      title: 'Crews battle two apartment fires',
      text: 'Firefighters battled two fires on Elm Street overnight, the fire chief said.',
      url: 'https://www.cbc.ca/news/fires',
    });
    expect(local.countries).toEqual([
      {
        code: 'CA',
        name: 'Canada',
        primary: true,
        salience: 1,
        mentions: 0,
        evidence: [],
        from: 'source-domain',
      },
    ]);
    const foreign = tagger.tag({
      title: 'Talks in Paris',
      text: 'France and Germany met in Paris on Monday.',
      url: 'https://www.cbc.ca/news/world',
    });
    expect(foreign.countries.map((c) => c.code)).not.toContain('CA');
  });

  it("makes a national site's country primary in a local story that names another country in passing", () => {
    const tagger = GeoTagger.load();
    const story = {
      title: 'Couple celebrate their diamond wedding anniversary',
      text:
        'A retired electrician and his wife celebrate sixty years of marriage this week. ' +
        'They met as teenagers on a coach trip and spent last summer in Portugal with their daughter.',
      url: 'https://www.localgazette.co.uk/news/anniversary',
    };
    const local = tagger.tag(story);
    expect(local.countries.map((c) => [c.code, c.primary])).toEqual([
      ['GB', true],
      ['PT', false],
    ]);
    expect(local.countries[0].from).toBe('source-domain');
    // The same story elsewhere keeps the one country it names.
    const elsewhere = tagger.tag({ ...story, url: 'https://news.example.org/anniversary' });
    expect(elsewhere.countries.map((c) => [c.code, c.primary])).toEqual([['PT', true]]);
  });

  it('keeps a foreign country that the headline names, and makes the site country primary when prominent', () => {
    const tagger = GeoTagger.load();
    const abroad = tagger.tag({
      title: 'Floods hit Portugal',
      text: 'Heavy rain flooded towns across the north on Monday, officials said.',
      url: 'https://www.localgazette.co.uk/news/floods',
    });
    expect(abroad.countries.map((c) => [c.code, c.primary])).toEqual([['PT', true]]);
    const both = tagger.tag({
      title: 'Premier defends his time away',
      text:
        'The premier says he will spend weeks a year at his vacation home in Costa Rica. ' +
        'He bought the house in Costa Rica years ago. His critics say the trips to Costa Rica are too long. ' +
        'He said he works while he is away. He said he answers every call. ' +
        'Voters across Canada and in Ottawa will judge, he said.',
      url: 'https://www.cbc.ca/news/premier',
    });
    expect(both.countries.filter((c) => c.primary).map((c) => c.code)).toEqual(['CR', 'CA']);
  });

  it('gives an English story on a .com site that names no country the US, and nothing to other generic sites', () => {
    expect(genericSiteCountry('https://www.localnews.com/a', 'en')).toBe('US');
    expect(genericSiteCountry('https://www.localnews.com/a', undefined)).toBe('US');
    expect(genericSiteCountry('https://www.localnews.com/a', 'fr')).toBeUndefined();
    expect(genericSiteCountry('https://www.localnews.org/a', 'en')).toBeUndefined();
    expect(genericSiteCountry('https://www.comedy.net/a', 'en')).toBeUndefined();
    const tagger = GeoTagger.load();
    const story = {
      title: 'Crews battle two apartment fires',
      text: 'Firefighters battled two fires on Elm Street overnight, the fire chief said.',
      url: 'https://www.localnews.com/fires',
    };
    expect(tagger.tag(story).countries.map((c) => [c.code, c.from])).toEqual([['US', 'source-domain']]);
    expect(tagger.tag({ ...story, url: 'https://www.localnews.org/fires' }).countries).toEqual([]);
    // A story that names a country keeps it alone.
    const named = tagger.tag({ ...story, text: `${story.text} The family had moved from Poland.` });
    expect(named.countries.map((c) => c.code)).toEqual(['PL']);
  });

  it("makes a .com story that names countries only as where people come from the US's", () => {
    const tagger = GeoTagger.load();
    const story = {
      title: 'Mason charged with assault',
      text:
        'A stonework mason was arraigned in Superior Court on Tuesday. ' +
        'Gomez, a native of Mexico, was arrested by police last week.',
      url: 'https://www.localnews.com/courts',
    };
    expect(tagger.tag(story).countries.map((c) => [c.code, c.primary])).toEqual([
      ['US', true],
      ['MX', false],
    ]);
    // Named as where the story happens, the country stays the story's own.
    const abroad = tagger.tag({ ...story, text: 'A stonework mason was arraigned in Mexico on Tuesday.' });
    expect(abroad.countries.map((c) => [c.code, c.primary])).toEqual([['MX', true]]);
  });
});
