import { GeoTagger } from './geo-tagger';

const tagger = GeoTagger.load();
const codes = (text: string) => tagger.tag({ title: '', text, language: 'en' }).countries.map((c) => c.code);

describe('ambiguous toponyms and dateline qualifiers', () => {
  it('gives an ambiguous name without context its default reading (Georgia the country)', () => {
    expect(codes('Georgia said the talks would resume next week.')).toEqual(['GE']);
  });

  it('reads each of two demonyms the country list gives in one entry', () => {
    expect(codes('Bosnian Serb Prime Minister Dragan Mikerevic resigned.')).toEqual(['BA']);
    expect(codes('A Kittitian minister met Antiguan officials.').sort()).toEqual(['AG', 'KN']);
  });

  it('still reads the US state where the context says so', () => {
    expect(
      codes('ATLANTA, March 3 - Georgia voters went to the polls in Atlanta, the state capital.'),
    ).toContain('US');
  });

  it('reads a US state qualifier with or without its period', () => {
    expect(codes('STAMFORD, Conn., March 3 - The company said sales rose.')).toEqual(['US']);
    expect(codes('STAMFORD, Conn, March 3 - The company said sales rose.')).toEqual(['US']);
  });

  it('reads a place with its abbreviated state as a mention of the country', () => {
    const tags = tagger.tag({
      title: 'New development opens',
      text: 'A new development in Gainesville, Va., opened on Monday. Walker County, Ga., inmates were caught.',
      language: 'en',
    });
    expect(tags.countries.map((c) => [c.code, c.primary])).toEqual([['US', true]]);
    expect(tags.countries[0].evidence.map((e) => e.text)).toEqual(['Va.', 'Ga.']);
    expect(codes('Miss. Smith arrived in Paris. Va. is an abbreviation.')).toEqual(['FR']);
  });

  it('reads a namesake town by its state and a building by its name, and blocks dishes and breeds', () => {
    expect(codes('He is originally from Paris, Idaho, and moved to London, Kentucky.')).toEqual(['US']);
    expect(codes('She lives in Tbilisi, Georgia.')).toEqual(['GE']);
    expect(codes('The project at Westminster House and the Paris Victory Gardens opened.')).toEqual([]);
    expect(codes('They ate Greek salad and walked their French bulldog.')).toEqual([]);
    expect(codes('Flights on Air France resumed.')).toEqual([]);
  });

  it('reads an initial with its full stop as part of what it abbreviates, not the end of a sentence', () => {
    expect(codes('Talks with N. Korea stalled on Monday.')).toEqual(['KP']);
    expect(codes('U.S. says N.Korea is stalling.').sort()).toEqual(['KP', 'US']);
    const tags = tagger.tag({ title: '', text: 'President George H. W. Bush spoke.', language: 'en' });
    expect(tags.entities.filter((e) => e.type === 'person').map((e) => e.evidence[0].text)).toEqual([
      'George H. W. Bush',
    ]);
  });

  it("reads a person's nationality in the headline as weak evidence", () => {
    const tags = tagger.tag({
      title: 'American woman, Afghan girl die after Kabul blast',
      text: 'A bomb exploded in Kabul on Monday, killing two people, Afghan officials said.',
      language: 'en',
    });
    const primary = tags.countries.filter((c) => c.primary).map((c) => c.code);
    expect(primary).toEqual(['AF']);
    expect(tags.countries.map((c) => c.code)).toContain('US');
  });

  it('reads a country naming a war as a passing mention, as it does a currency', () => {
    const tags = tagger.tag({
      title: 'Leader dismisses tax fears',
      text:
        'The opposition leader defended his tax plans on Monday. Critics said the Iraq war and council tax ' +
        'would decide the election. Tony Blair said the plans did not add up.',
      language: 'en',
    });
    expect(tags.countries.map((c) => [c.code, c.primary])).toEqual([
      ['GB', true],
      ['IQ', false],
    ]);
  });

  it("reads where a person comes from as weak evidence: 'a native of', 'a national', 'an American'", () => {
    const salience = (text: string, code: string) =>
      tagger
        .tag({
          title: '',
          text: `The court heard the case on Monday. ${text} Police in Canada said so.`,
          language: 'en',
        })
        .countries.find((c) => c.code === code)?.salience;
    expect(salience('The man, a native of Mexico, was arrested.', 'MX')).toBeLessThan(0.5);
    expect(salience('He stabbed a Mexico national at the house.', 'MX')).toBeLessThan(0.5);
    expect(salience('The Mexican-born suspect was arrested.', 'MX')).toBeLessThan(0.5);
    expect(salience('Eric Miller, an American, was sentenced.', 'US')).toBeLessThan(0.5);
    // A plain mention, and a demonym before a noun that is no person, weigh as before.
    expect(salience('He flew to Mexico on Friday.', 'MX')).toBe(1);
    expect(salience('He bought an American car.', 'US')).toBeGreaterThan(0.5);
  });

  it('reads the states and provinces of federal countries as their country', () => {
    expect(codes('Tamil Nadu moved the Supreme Court on Saturday.')).toEqual(['IN']);
    expect(codes('Gunmen attacked a village in Borno on Monday.')).toEqual(['NG']);
    // The state or the delta of Nigeria is not the country Niger.
    expect(codes('Floods hit Niger State and the Niger Delta.')).toEqual(['NG']);
    expect(codes('Niger closed its border.')).toEqual(['NE']);
    expect(codes('Factories in Zhejiang and Jiangsu cut output.')).toEqual(['CN']);
  });

  it("reads a place-like name that was part of a person's name as that person when it comes back alone", () => {
    expect(codes('Reporter Bill Holland covered the trial. Holland recalled the verdict.')).toEqual([]);
    expect(codes('The family moved to Holland. Holland recalled its ambassador.')).toEqual(['NL']);
    // Only names that are also given names or surnames are remembered: "Amsterdam-London" is no person.
    expect(codes('The Amsterdam-London service started. The train left London on time.')).toContain('GB');
  });
});
