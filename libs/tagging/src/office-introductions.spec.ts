import { GeoTagger } from './geo-tagger';

const tagger = GeoTagger.load();

function people(text: string) {
  return tagger
    .tag({ title: '', text, language: 'en' })
    .entities.filter((e) => e.type === 'person')
    .map((e) => ({ name: e.name, country: e.country, role: e.role, from: e.countryFrom }));
}

describe('offices of a public body, styles of address and envoys', () => {
  it.each([
    [
      'In Nigeria, the Governor of Sokoto State, Alhaji Musa Danladi Kware, spoke.',
      'Musa Danladi Kware',
      'Governor of Sokoto State',
    ],
    [
      'In Nigeria, they backed the Deputy President of the Senate, Chief Obinna Ezeaku.',
      'Obinna Ezeaku',
      'Deputy President of the Senate',
    ],
    [
      'In Somalia, the deputy speaker of the 275-member transitional parliament, Hassan Dirie, said no.',
      'Hassan Dirie',
      'deputy speaker of the 275-member transitional parliament',
    ],
  ])('"<office> of <a state or legislature>, <name>": %s', (text, name, role) => {
    expect(people(text)).toContainEqual(expect.objectContaining({ name, role }));
  });

  it('makes no person of a company president introduced the same way', () => {
    expect(people('In Canada, the President of Maplesoft, John Cardwell, said so.')).toEqual([]);
  });

  it.each([
    ['In Montana, Montana Department of Corrections director Reginald Tolle spoke.', 'Reginald Tolle', 'US'],
    [
      'In Japan, Ministry of International Trade and Industry (MITI) director general Noboru Hatayama spoke.',
      'Noboru Hatayama',
      'JP',
    ],
    ['In Ohio, Cuyahoga County Executive Armond Budowski told the board.', 'Armond Budowski', 'US'],
    ['In Michigan, Attorney General spokeswoman Andrea Bitton said so.', 'Andrea Bitton', 'US'],
  ])('an office after a public body or a local government: %s', (text, name, country) => {
    expect(people(text)).toContainEqual(expect.objectContaining({ name, country }));
  });

  it('makes no person of an officer of the police or of an international body', () => {
    expect(people('In Ohio, Cleveland Police Department spokesman John Tarrow said so.')).toEqual([]);
    expect(people('In Britain, EU Commission president Jose Maria Baroza said so.')).toEqual([]);
  });

  it('reads a party acronym before a capitalized office, an envoy to a country and a peer with his seat', () => {
    expect(people('In Manitoba, NDP Leader Wab Kinnaird said no.')).toContainEqual(
      expect.objectContaining({ name: 'Wab Kinnaird', country: 'CA', role: 'NDP Leader' }),
    );
    expect(people('He met Egyptian ambassador to Moscow Salah Bassiouny.')).toContainEqual(
      expect.objectContaining({ name: 'Salah Bassiouny', country: 'EG', role: 'ambassador to Moscow' }),
    );
    expect(people('In Britain, Lord Roberts of Conwy denied it.')).toContainEqual(
      expect.objectContaining({ name: 'Roberts of Conwy', country: 'GB' }),
    );
    expect(people('In the UAE, Oil Minister Mana Said al-Otaibi spoke.')).toContainEqual(
      expect.objectContaining({ name: 'Mana Said al-Otaibi' }),
    );
  });

  it("keeps a party's country in a story that names none, but not a portfolio's", () => {
    expect(
      people('The US voted. Washington and the US again. Liberal Democrat leader Charles Kenwood spoke.'),
    ).toContainEqual(expect.objectContaining({ name: 'Charles Kenwood', country: 'GB', from: 'office' }));
    expect(people('Brazil was hit. Brazil again. Labour Minister Almir Pazzini mediated.')).toContainEqual(
      expect.objectContaining({ name: 'Almir Pazzini', country: 'BR' }),
    );
  });
});

describe('offices after a name, lists of names and the people of a party or a politician', () => {
  it.each([
    ['Bill Frenzlow, R-Minn., said the bill was bad.', 'Bill Frenzlow', 'US'],
    ['Ways and Means chairman Dan Rostowski, an Illinois Democrat, said it.', 'Dan Rostowski', 'US'],
    ['David Mulroy, Assistant Secretary of the U.S. Treasury, told the conference.', 'David Mulroy', 'US'],
    [
      'In Washington, Mark Roskin, administrator of the National Highway Traffic Safety Administration, spoke.',
      'Mark Roskin',
      'US',
    ],
    [
      "In Taiwan, Wang Chao-ling, vice chairman of the government's Council for Economic Planning, spoke.",
      'Wang Chao-ling',
      'TW',
    ],
  ])('%s', (text, name, country) => {
    expect(people(text)).toContainEqual(expect.objectContaining({ name, country }));
  });

  it("makes no person of an officer of a country's business body", () => {
    expect(people("Julio Mateos, vice president of Costa Rica's Sugar Cane League, said so.")).toEqual([]);
    expect(people('Elisa Myles, director of the Kidney Foundation of Canada, said so.')).toEqual([]);
  });

  it('gives a plural office to every name of its list', () => {
    const names = (text: string) => people(text).map((p) => `${p.name}/${p.country}`);
    expect(
      names('In Britain, shadow cabinet members David Dawes, Oliver Lemon and Tim Yoe disagreed.'),
    ).toEqual(expect.arrayContaining(['David Dawes/GB', 'Oliver Lemon/GB', 'Tim Yoe/GB']));
    expect(names('In Iowa, the congressional candidates are Cindy Axworth, and Eddie Maurer.')).toEqual(
      expect.arrayContaining(['Cindy Axworth/US', 'Eddie Maurer/US']),
    );
    expect(people('The board members John Smithers, Jane Dorne and Jim Beamer voted.')).toEqual([]);
  });

  it("reads the office after a party's or a politician's genitive", () => {
    expect(people("UKIP's chairman Petrina Holdstock said so.")).toContainEqual(
      expect.objectContaining({ name: 'Petrina Holdstock', country: 'GB', role: "UKIP's chairman" }),
    );
    expect(people("In Montana, Gov. Steve Bullard's budget director, Dan Villar, traveled.")).toContainEqual(
      expect.objectContaining({ name: 'Dan Villar', country: 'US' }),
    );
    expect(people("Microsoft's chief executive Satya Nadeem said so.")).toEqual([]);
  });
});

describe('offices given in a neighbouring phrase', () => {
  it.each([
    [
      'Voters may surprise us in the general election, Charles Kenworth has said. The Liberal Democrat leader predicted more.',
      'Charles Kenworth',
    ],
    [
      'A former Home Office minister has called for a body to count UK immigration. Barbara Rocheford said it should report.',
      'Barbara Rocheford',
    ],
    ['Charles Kenworth has told voters his Liberal Democrats will offer them a choice.', 'Charles Kenworth'],
    ['Michael Howarth has denied his shadow cabinet was split.', 'Michael Howarth'],
  ])('%s', (text, name) => {
    expect(people(text)).toContainEqual(expect.objectContaining({ name, country: 'GB' }));
  });

  it('needs one sure antecedent and a political party', () => {
    expect(people('John Smithson said his party was a great success at the club.')).toEqual([]);
    expect(people('John Smithson met Mr Howarth at the club. The Tory leader said so.')).toEqual([]);
    expect(people('Tony Blakeley met Jane Dorne in Leeds. The Tory leader said so.')).toEqual([]);
  });

  it('reads a secretary with a portfolio as a minister, and a province in a body as no country', () => {
    expect(people('In Britain, former education secretary Estella Morrow said so.')).toContainEqual(
      expect.objectContaining({ name: 'Estella Morrow', country: 'GB' }),
    );
    expect(
      people('Nigeria and Nigeria again. The Governor of Sokoto State, Alhaji Musa Kware, spoke in Nigeria.'),
    ).toContainEqual(expect.objectContaining({ name: 'Musa Kware', country: 'NG' }));
  });
});

describe('a surname alone after an office word', () => {
  const tagged = (text: string, publishedAt?: string) =>
    tagger
      .tag({ title: '', text, language: 'en', publishedAt })
      .entities.filter((e) => e.type === 'person')
      .map((e) => ({ name: e.name, country: e.country, evidence: e.evidence.map((x) => x.text) }));

  it('is the listed office-holder of that surname, of the country the article names', () => {
    const found = tagged(
      'AP - President Bush holds a slim lead over his Democratic rival John Kerry one week before the U.S. vote.',
      '2004-10-26T00:00:00Z',
    );
    expect(found).toContainEqual(expect.objectContaining({ country: 'US', evidence: ['Bush'] }));
  });

  it('is no surname when a particle and a name follow (a first name)', () => {
    const found = tagged('British Columbia Finance Minister Michael de Jong said the offer was too small.');
    expect(found.map((p) => p.country)).not.toContain('ET');
    expect(found.map((p) => p.evidence.join(' '))).not.toContain('Michael');
  });
});

describe('a surname alone beside its country', () => {
  const tagged = (title: string, text: string) =>
    tagger
      .tag({ title, text, language: 'en', publishedAt: '2004-08-14T00:00:00Z' })
      .entities.filter((e) => e.type === 'person')
      .map((e) => ({ name: e.name, country: e.country, evidence: e.evidence.map((x) => x.text) }));

  it("is a head of state or government of that surname when the sentence names the head's country", () => {
    expect(tagged('', 'Venezuela holds a recall vote, and Chavez says he will win it.')).toContainEqual(
      expect.objectContaining({ name: 'Hugo Chavez', country: 'VE', evidence: ['Chavez'] }),
    );
    // A snippet's headline and lede are one statement.
    expect(
      tagged(
        'Venezuela Prepares for Recall Vote',
        "The government says Chavez's defeat could bring turmoil.",
      ),
    ).toContainEqual(expect.objectContaining({ name: 'Hugo Chavez', country: 'VE' }));
  });

  it('is nobody without the country in the sentence, as part of a longer name, or in a firm name', () => {
    const nobody = [
      ['', 'Chavez says he will win the recall vote.'],
      ['', 'Venezuela was there. Rodrigo\nChavez says he will win it.'],
      ['', 'In Venezuela the bank Lopez and Chavez lent the money.'],
      ['', 'In Venezuela, the Chavez-era rules stay.'],
    ];
    for (const [title, text] of nobody)
      expect(tagged(title, text).filter((p) => p.name === 'Hugo Chavez')).toEqual([]);
  });
});
