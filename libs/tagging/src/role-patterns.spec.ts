import { GeoTagger } from './geo-tagger';

const tagger = GeoTagger.load();

function people(text: string, extra: { publishedAt?: string; fetchedAt?: string } = {}) {
  return tagger
    .tag({ title: '', text, language: 'en', ...extra })
    .entities.filter((e) => e.type === 'person')
    .map((e) => ({
      name: e.name,
      country: e.country,
      role: e.role,
      foundBy: e.foundBy,
      from: e.countryFrom,
    }));
}

describe('political people no list knows, from how news introduces them', () => {
  it.each([
    [
      'Turkish Interior Minister Suleyman Soylu spoke in Ankara.',
      {
        name: 'Suleyman Soylu',
        country: 'TR',
        role: 'Interior Minister',
        foundBy: 'role-pattern',
        from: 'pattern',
      },
    ],
    [
      'Maria Zakharova, the Russian foreign ministry spokeswoman, said Moscow would respond.',
      {
        name: 'Maria Zakharova',
        country: 'RU',
        role: 'foreign ministry spokeswoman',
        foundBy: 'role-pattern',
        from: 'pattern',
      },
    ],
    [
      'Sen. Tom Udall issued a statement on Thursday.',
      { name: 'Tom Udall', country: 'US', role: 'Senator', foundBy: 'role-pattern', from: 'office' },
    ],
    [
      'Cindy Axne, a Democrat from West Des Moines, said she would run.',
      { name: 'Cindy Axne', country: 'US', role: 'Democrat', foundBy: 'role-pattern', from: 'office' },
    ],
  ])('%s', (text, expected) => {
    expect(people(text)).toContainEqual(expected);
  });

  it.each([
    ['In Canada, Beaconsfield Mayor Georges Bourelle told reporters.', 'Georges Bourelle', 'Mayor'],
    ['In Canada, Federal Finance Minister Bill Morneau spoke.', 'Bill Morneau', 'Federal Finance Minister'],
    ['In Canada, newly elected town councillor Dewly Nelson spoke.', 'Dewly Nelson', 'town councillor'],
    ['In Canada, a ministry spokesman David Jensen said.', 'David Jensen', 'ministry spokesman'],
    ['In Zimbabwe, Harare Mayor, Bernard Manyenyeni confirmed it.', 'Bernard Manyenyeni', 'Mayor'],
    ['In Canada, Michelle Mungall, MLA for Nelson-Creston, spoke.', 'Michelle Mungall', 'MLA'],
    ['In Ireland, Cllr Seamus Morris said so.', 'Seamus Morris', 'Councillor'],
  ])('a public office in any case or place: %s', (text, name, role) => {
    expect(people(text)).toContainEqual(expect.objectContaining({ name, role, foundBy: 'role-pattern' }));
  });

  it.each([
    [
      'In Greece, Opposition leader Constantine Mitsotakis told reporters.',
      'Constantine Mitsotakis',
      'Opposition leader',
    ],
    [
      'In Britain, Shadow foreign secretary Michael Ancram said so.',
      'Michael Ancram',
      'Shadow foreign secretary',
    ],
    [
      "Japan's Trade and Industry Minister Hajime Tamura spoke.",
      'Hajime Tamura',
      'Trade and Industry Minister',
    ],
    ['In Britain, Tory leader Michael Howard said so.', 'Michael Howard', 'Tory leader'],
    ['In Britain, Home Affairs spokesman Mark Oaten said so.', 'Mark Oaten', 'Home Affairs spokesman'],
  ])('a party office or a joined department: %s', (text, name, role) => {
    expect(people(text)).toContainEqual(expect.objectContaining({ name, role, foundBy: 'role-pattern' }));
  });

  it('gives a party office the country of its party, and a bare office the one country of its sentence', () => {
    const iraq = 'Iraq held elections. Iraq voted. Iraq again. Baghdad and Iraq. Britain watched. ';
    expect(people(`${iraq}Lib Dem leader Charles Kennedy spoke.`)).toContainEqual(
      expect.objectContaining({ name: 'Charles Kennedy', country: 'GB', from: 'office' }),
    );
    expect(people(`${iraq}Prime minister Andreas Papadakis said Greece was ready.`)).toContainEqual(
      expect.objectContaining({ name: 'Andreas Papadakis', country: 'GR', from: 'pattern' }),
    );
  });

  it('gives the office of a bare "party" the party its sentence named before', () => {
    const text =
      'The DUP was reconsidering its boycott of talks with the Irish government after the Irish ' +
      'prime minister apologised to party leader Ian Paisley.';
    expect(people(text)).toContainEqual(
      expect.objectContaining({ name: 'Ian Paisley', country: 'GB', role: 'party leader' }),
    );
  });

  it("reads a party's genitive and a peer's title, and collects a person introduced twice once", () => {
    expect(people("In Britain, Labour's Elizabeth Blackman won the seat.")).toContainEqual(
      expect.objectContaining({ name: 'Elizabeth Blackman', country: 'GB', role: 'Labour' }),
    );
    const peers = people('In Britain, Lord Falconer spoke. Later Lord Falconer spoke again.');
    expect(peers).toEqual([expect.objectContaining({ name: 'Falconer', country: 'GB', role: 'Lord' })]);
    expect(people('In Britain, the Lord of the Rings opened.')).toEqual([]);
  });

  it('reads an office with its portfolio after "of" before the name', () => {
    expect(people('In 2004 Secretary of State Jonas K. Pemberton resigned in Washington.')).toContainEqual(
      expect.objectContaining({ name: 'Jonas K. Pemberton', role: 'Secretary of State' }),
    );
    expect(
      people("Japan's Minister of International Trade and Industry, Hajime Tamura, spoke."),
    ).toContainEqual(expect.objectContaining({ name: 'Hajime Tamura', country: 'JP', from: 'pattern' }));
  });

  it('reads names of four words and hyphenated names whole', () => {
    expect(people("Brazil's Trade and Industry Minister Jose Hugo Castelo Branco spoke.")).toContainEqual(
      expect.objectContaining({ name: 'Jose Hugo Castelo Branco', country: 'BR' }),
    );
    expect(people('In Saudi Arabia, Finance Minister Mohammed Ali Abal-Khail spoke.')).toContainEqual(
      expect.objectContaining({ name: 'Mohammed Ali Abal-Khail' }),
    );
  });

  it('reads a lower-case office of a legislature or its committee', () => {
    expect(people('In Washington, Senate Finance Committee chairman Lloyd Bentsen spoke.')).toContainEqual(
      expect.objectContaining({ name: 'Lloyd Bentsen', role: 'Senate Finance Committee chairman' }),
    );
    expect(people('In Canada, the board chairman Jim Smith spoke.')).toEqual([]);
  });

  it('gives a member of Congress the US when the story names it, not the dominant country', () => {
    const text =
      'Japan rejected the bill. Tokyo and Japan said so. Japan again. The United States disagreed. ' +
      'Democratic Senator Lloyd Bentsen introduced it.';
    expect(people(text)).toContainEqual(
      expect.objectContaining({ name: 'Lloyd Bentsen', country: 'US', from: 'office' }),
    );
  });

  it('gives a plural office to both names joined by "and"', () => {
    const found = people('Sens. Tom Udall and Martin Heinrich issued statements.');
    expect(found.map((p) => `${p.name}/${p.country}/${p.role}`).sort()).toEqual([
      'Martin Heinrich/US/Senator',
      'Tom Udall/US/Senator',
    ]);
  });

  it('makes no person of a company spokesman or chief executive', () => {
    expect(people('In Canada, the company spokesman David Jensen said.')).toEqual([]);
    expect(people('Apple Chief Executive Tim Cook said.')).toEqual([]);
  });

  it('joins later surname mentions to the person introduced earlier', () => {
    const [zakharova] = tagger
      .tag({
        title: '',
        text: 'Maria Zakharova, the Russian foreign ministry spokeswoman, spoke. Zakharova added more.',
      })
      .entities.filter((e) => e.type === 'person');
    expect(zakharova.evidence.map((e) => e.text)).toEqual(['Maria Zakharova', 'Zakharova']);
  });

  it('takes the country of an office-holder without a demonym from the story', () => {
    expect(
      people('Ukraine is at war in Ukraine. President Ivanenko Tarasov visited the front.'),
    ).toContainEqual(expect.objectContaining({ name: 'Ivanenko Tarasov', country: 'UA', from: 'dominant' }));
  });

  it('never makes a person of an airport, a company title or a capitalized word after an office', () => {
    expect(people('Flights left John F. Kennedy International Airport and Reagan National Airport.')).toEqual(
      [],
    );
    expect(people('Cadillac President Johan de Nysschen unveiled a car.')).toEqual([]);
  });
});

describe('listed office-holders and their dates', () => {
  it('gives the office held at the published date, else at the fetch date', () => {
    const at = (extra: { publishedAt?: string; fetchedAt?: string }) =>
      people('Dmytro Kuleba met his counterparts.', extra).find((p) => p.name === 'Dmytro Kuleba')?.role;
    expect(at({ publishedAt: '2022-03-01T00:00:00Z' })).toBe('Foreign Minister');
    expect(at({ fetchedAt: '2022-03-01T00:00:00Z' })).toBe('Foreign Minister');
    // A former office-holder is never given the office later than it was held.
    expect(at({ publishedAt: '2026-01-01T00:00:00Z' })).not.toBe('Foreign Minister');
  });

  it('needs support in the text for a name that many non-politicians share', () => {
    // "Robert Harris" is a listed Anguilla official, and the name of many others.
    expect(people('Robert Harris scored twice in the second half.')).toEqual([]);
    expect(people('In Anguilla, Robert Harris spoke to the assembly.')).toContainEqual(
      expect.objectContaining({ name: 'Robert Harris', country: 'AI', foundBy: 'list' }),
    );
  });
});
