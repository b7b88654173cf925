import { GeoTagger } from './geo-tagger';
import { sourceDomainCountry } from './source-domain';

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
});
