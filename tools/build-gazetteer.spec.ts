// The gazetteer builder's parsers on small inline samples written for these tests (TABARI actors, agents,
// Wikidata CSV); nothing here reads ../shared.
import {
  buildGazetteer,
  cameoToIso2,
  cleanTabariName,
  countryFromName,
  coverage,
  isCommonName,
  looksLikePersonName,
  nameKey,
  parseActors,
  parseAgents,
  parseCsv,
  parseRoleCode,
  parseTabariDate,
  phoenixPeople,
  properCase,
  roleFromComment,
  splitTitle,
  stripLeadingTitles,
  surnameOf,
  surnamesOf,
  wikidataPeople,
  wikidataRole,
  writeGazetteerJson,
} from './build-gazetteer';

const ACTORS = [
  '# header comment',
  'CAMBODIA_  [KHM]',
  '+CAMBODIAN_ ',
  '+PHNOM_PENH_ ',
  'HUN_SEN_  # CountryInfo.txt',
  '+PRIME_MINISTER_HUN_SEN_',
  '+SAMDECH_HUN_SEN_',
  '\t[KHMELI 700101-000101]',
  '\t[KHMGOV 850114-930702]',
  '\t[KHMELI]',
  'KEAT_CHHON_  # CountryInfo.txt',
  '\t[KHMGOVBUS >941101]',
  '# National institutions',
  'ROYAL_CAMBODIAN_ARMED_FORCES',
  '+RCAF_',
  '\t[KHMMIL]',
  'ARMENIA_',
  '+ARMENIAN_',
  '\t[USRARM <900823]',
  '\t[ARM >911221]',
  'IVO_JOSIPOVIC_',
  'PRESIDENT_JOSIPOVIC_',
  'JOSIPOVIC_',
  '\t[HRVGOV >20120219]',
  '\t[HRVGOVLEG 20031222-20100218]',
  'GERHARD_SCHROEDER_',
  '\t[DEUGOV 19981027-20051122] # Chancellor of Germany',
  '\t[DEUGOVLEG 19971101-19981027] # President of the Bundesrat',
  "THOMAS_P._O'NEILL,_JR._",
  '\t[USAGOVLEG 770104-870103]',
  'KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]',
  'BROKEN_DATES_PERSON_',
  '\t[FRAGOV 9008223-911221]',
  '\t[FRAGOV 880101-890101]',
  '',
].join('\n');

const AGENTS = [
  '!MINIST! = MINISTER, MINISTRY',
  'PRESIDENT [~GOV]',
  'PRIME_MINISTER [~GOV]',
  'FOREIGN_MINISTER [~GOV]',
  'DEFENSE_!MINIST! [~GOVMIL]',
  'FARMER [~AGR] # comment',
  'CABINET [~GOV]',
].join('\n');

const WIKIDATA = [
  'countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year',
  'Q424,Cambodia,Q1,Prime Minister of Cambodia,Q57788,Hun Sen,1998,2023',
  'Q347,Liechtenstein,Q2,Prince of Lichtenstein,Q57454,"Hans-Adam II, Prince of Liechtenstein",1989,',
  'Q778,The Bahamas,Q3,Prime Minister of the Bahamas,Q7183082,"Philip ""Brave"" Davis",2021,',
  'Q965,Burkina Faso,Q4,military leader,Q27146606,Q27146606,2016,',
  'Q145,United Kingdom,Q5,monarch of the United Kingdom,Q9682,Elizabeth II,1952,2022',
  'Q16,Canada,Q6,monarch of Canada,Q9682,Elizabeth II,1952,2022',
  'Q1,Transnistria,Q7,President of Transnistria,Q8,Somebody Else,2016,',
  '',
].join('\n');

describe('TABARI dates and codes', () => {
  it('reads YYMMDD with 00-30 as 20xx and YYYYMMDD, and rejects malformed dates', () => {
    expect(parseTabariDate('850114')).toBe('1985-01-14');
    expect(parseTabariDate('041014')).toBe('2004-10-14');
    expect(parseTabariDate('300101')).toBe('2030-01-01');
    expect(parseTabariDate('310101')).toBe('1931-01-01');
    expect(parseTabariDate('19270101')).toBe('1927-01-01');
    expect(parseTabariDate('9008223')).toBeNull();
    expect(parseTabariDate('850230')).toBeNull();
  });

  it('splits the country prefix from the role code and reads open ranges', () => {
    expect(parseRoleCode('KHMGOV 850114-930702')).toMatchObject({
      country: 'KHM',
      roleCode: 'GOV',
      from: '1985-01-14',
      to: '1993-07-02',
      bad: false,
    });
    expect(parseRoleCode('AFGGOVBUS >041014')).toMatchObject({
      roleCode: 'GOVBUS',
      from: '2004-10-14',
      to: null,
    });
    expect(parseRoleCode('EGYGOV > 140608')).toMatchObject({ from: '2014-06-08', to: null });
    expect(parseRoleCode('USRARM <900823')).toMatchObject({
      country: 'USR',
      roleCode: 'ARM',
      to: '1990-08-23',
    });
    expect(parseRoleCode('ELI')).toMatchObject({ country: null, roleCode: 'ELI', dated: false });
    expect(parseRoleCode('KHM')).toMatchObject({ country: 'KHM', roleCode: '' });
    expect(parseRoleCode('FRAGOV 9008223-911221')).toMatchObject({ bad: true });
  });

  it('maps CAMEO codes to ISO alpha-2, historical states as the labels read them, bodies to nothing', () => {
    expect(cameoToIso2('KHM')).toBe('KH');
    expect(cameoToIso2('CMR')).toBe('CM');
    expect(cameoToIso2('SUN')).toBe('RU');
    expect(cameoToIso2('KSV')).toBe('XK');
    expect(cameoToIso2('IGO')).toBeUndefined();
  });
});

describe('parseActors', () => {
  const entries = parseActors(ACTORS);

  it('groups names, variants and codes, with codes on the name line too', () => {
    const hun = entries.find((e) => e.names[0] === 'HUN_SEN_');
    expect(hun?.variants).toEqual(['PRIME_MINISTER_HUN_SEN_', 'SAMDECH_HUN_SEN_']);
    expect(hun?.codes.map((c) => c.code)).toEqual(['KHMELI', 'KHMGOV', 'KHMELI']);
    const annan = entries.find((e) => e.names[0] === 'KOFI_ANNAN_');
    expect(annan?.codes.map((c) => c.code)).toEqual(['IGOUNO', 'ELI']);
  });

  it('reads consecutive name lines before one code list as one entry', () => {
    const ivo = entries.find((e) => e.names[0] === 'IVO_JOSIPOVIC_');
    expect(ivo?.names).toEqual(['IVO_JOSIPOVIC_', 'PRESIDENT_JOSIPOVIC_', 'JOSIPOVIC_']);
    expect(ivo?.codes).toHaveLength(2);
  });

  it('keeps the comment of a code line with the code', () => {
    const gs = entries.find((e) => e.names[0] === 'GERHARD_SCHROEDER_');
    expect(gs?.codes[0].comment).toBe('Chancellor of Germany');
  });
});

describe('names', () => {
  it('proper-cases TABARI names with particles, Mc, O’ and suffixes', () => {
    expect(properCase('HUN_SEN_')).toBe('Hun Sen');
    expect(properCase('BASHAR_AL-ASSAD_')).toBe('Bashar al-Assad');
    expect(properCase('JOHN_MCCAIN_')).toBe('John McCain');
    expect(properCase("MARTIN_O'MALLEY")).toBe("Martin O'Malley");
    expect(properCase('HERMAN_VAN_ROMPUY_')).toBe('Herman van Rompuy');
    expect(properCase('JEAN-MARIE_LE_PEN_')).toBe('Jean-Marie le Pen');
    expect(properCase('EMMANUEL_MACRON_')).toBe('Emmanuel Macron');
    expect(properCase('ELIZABETH_II')).toBe('Elizabeth II');
    expect(properCase('HAMAD_BIN_ISA_AL_KHALIFA_')).toBe('Hamad bin Isa al Khalifa');
  });

  it('cleans nicknames, notes and suffix commas off name lines', () => {
    expect(cleanTabariName("THOMAS_P._O'NEILL,_JR._")).toBe("THOMAS_P._O'NEILL_JR.");
    expect(cleanTabariName('STANKO_TODOROV (ACTING_')).toBe('STANKO_TODOROV');
    expect(cleanTabariName('MANUEL_HELDER_DIAS_"KOPELIPA"_')).toBe('MANUEL_HELDER_DIAS');
    expect(cleanTabariName('JOHN_ROLAND_ROBINSON, BARON_MARTONMERE_')).toBe('JOHN_ROLAND_ROBINSON');
  });

  it('takes titles off the front of names with the agents phrases', () => {
    const agents = parseAgents(AGENTS);
    expect(splitTitle('PRESIDENT_JOSIPOVIC_', agents)).toEqual({
      title: 'PRESIDENT',
      code: 'GOV',
      rest: 'JOSIPOVIC',
    });
    expect(splitTitle('PRIME_MINISTER_HUN_SEN_', agents).rest).toBe('HUN_SEN');
    expect(stripLeadingTitles('Russian Foreign Minister Sergey Lavrov', agents)).toBe('Sergey Lavrov');
    expect(stripLeadingTitles('President-Elect Obama', agents)).toBe('Obama');
    expect(stripLeadingTitles('President', agents)).toBeNull();
  });

  it('tells people from institutions', () => {
    expect(looksLikePersonName('HUN_SEN')).toBe(true);
    expect(looksLikePersonName('ROYAL_CAMBODIAN_ARMED_FORCES')).toBe(false);
    expect(looksLikePersonName('MINISTRY_OF_DEFENSE')).toBe(false);
    expect(looksLikePersonName('UNIT_61398')).toBe(false);
  });

  it('takes the surname news uses alone', () => {
    expect(surnameOf('Hun Sen', 'KH')).toBe('Hun');
    expect(surnameOf('Gerhard Schroeder', 'DE')).toBe('Schroeder');
    expect(surnameOf('Luiz Inacio Lula da Silva', 'BR')).toBe('da Silva');
    expect(surnameOf("Thomas P. O'Neill Jr.", 'US')).toBe("O'Neill");
    expect(surnameOf('Sugiono', 'ID')).toBeNull();
    expect(surnamesOf('Juan Antonio Morales Anaya', 'BO')).toEqual(['Morales', 'Anaya']);
    expect(surnamesOf('Jose Luis Prieto', 'VE')).toEqual(['Prieto']);
    expect(surnamesOf('Regina Ip', 'HK')).toEqual(['Ip']);
    expect(surnamesOf('Kim Jong Un', 'KP')).toEqual(['Kim']);
    expect(surnamesOf('Thaksin Shinawatra', 'TH')).toEqual(['Thaksin', 'Shinawatra']);
    expect(nameKey("Ya'alon")).toBe(nameKey('YAALON'));
    expect(nameKey('Recep Tayyip Erdoğan')).toBe(nameKey('RECEP TAYYIP ERDOGAN'));
  });
});

describe('agents and roles', () => {
  it('expands substitution sets of the agents file', () => {
    const agents = parseAgents(AGENTS);
    expect(agents.get('DEFENSE_MINISTER')).toBe('GOVMIL');
    expect(agents.get('DEFENSE_MINISTRY')).toBe('GOVMIL');
    expect(agents.get('FARMER')).toBe('AGR');
  });

  it('reads offices from code-line comments', () => {
    expect(roleFromComment('PM pt. 1')).toBe('Prime Minister');
    expect(roleFromComment('Acting PM')).toBe('Acting Prime Minister');
    expect(roleFromComment('Dep. PM')).toBe('Deputy Prime Minister');
    expect(roleFromComment('Chancellor of Germany')).toBe('Chancellor of Germany');
    expect(roleFromComment('CountryInfo.txt')).toBeNull();
    expect(roleFromComment('check start date')).toBeNull();
  });

  it('turns entries into dated people with their country, skipping bodies, blocks and IGO officials', () => {
    const stats: Record<string, number> = {};
    const people = phoenixPeople(parseActors(ACTORS), parseAgents(AGENTS), stats);
    const names = people.map((p) => p.name);
    expect(names).toEqual([
      'Hun Sen',
      'Keat Chhon',
      'Ivo Josipovic',
      'Gerhard Schroeder',
      "Thomas P. O'Neill Jr.",
      'Broken Dates Person',
    ]);
    const hun = people[0];
    expect(hun.country).toBe('KH');
    expect(hun.roles).toEqual([
      { role: 'Notable figure', from: '1970-01-01', to: '1985-01-14' },
      // the title in the variant "PRIME_MINISTER_HUN_SEN_" fits his one GOV term
      { role: 'Prime Minister', from: '1985-01-14', to: '1993-07-02' },
      { role: 'Former official', from: '1993-07-02', to: null },
    ]);
    expect(hun.aliases).toEqual(['Samdech Hun Sen']);
    expect(people[1].roles).toEqual([{ role: 'Economy and finance official', from: '1994-11-01', to: null }]);
    const ivo = people[2];
    expect(ivo.country).toBe('HR');
    expect(ivo.roles).toEqual([
      { role: 'Legislator', from: '2003-12-22', to: '2010-02-18' },
      { role: 'President', from: '2012-02-19', to: null },
    ]);
    expect(ivo.surnames).toEqual(['Josipovic']);
    expect(people[3].roles.map((r) => r.role)).toEqual([
      'President of the Bundesrat',
      'Chancellor of Germany',
    ]);
    expect(people[5].roles).toEqual([{ role: 'Government official', from: '1988-01-01', to: '1989-01-01' }]);
    expect(stats.internationalOnly).toBe(1);
    expect(stats.countryBlock).toBe(1); // Armenia; Cambodia's block has no role code at all
    expect(stats.noRoleCode).toBe(1);
    expect(stats.notAPerson).toBe(1);
    expect(stats.badDate).toBe(1);
  });
});

describe('Wikidata', () => {
  it('parses quoted CSV fields', () => {
    const rows = parseCsv(WIKIDATA);
    expect(rows).toHaveLength(7);
    expect(rows[1].officeholderLabel).toBe('Hans-Adam II, Prince of Liechtenstein');
    expect(rows[2].officeholderLabel).toBe('Philip "Brave" Davis');
    expect(rows[1].end_year).toBe('');
  });

  it('maps country labels and office labels', () => {
    expect(countryFromName('The Bahamas')).toBe('BS');
    expect(countryFromName('Ivory Coast')).toBe('CI');
    expect(countryFromName('Kingdom of the Netherlands')).toBe('NL');
    expect(countryFromName('Transnistria')).toBeUndefined();
    expect(wikidataRole('Prime Minister of the Bahamas', 'The Bahamas')).toBe('Prime Minister');
    expect(wikidataRole('monarch of the United Kingdom', 'United Kingdom')).toBe('Monarch');
    expect(wikidataRole('Member of the Swiss Federal Council', 'Switzerland')).toBe(
      'Member of the Swiss Federal Council',
    );
  });

  it('reads years as dates, skips raw ids and non-ISO entities, keeps a shared monarch once', () => {
    const stats: Record<string, unknown> = {};
    const people = wikidataPeople(parseCsv(WIKIDATA), new Set(), stats);
    const byName = new Map(people.map((p) => [p.name, p]));
    expect(byName.get('Hun Sen')?.roles).toEqual([
      { role: 'Prime Minister', from: '1998-01-01', to: '2023-12-31' },
    ]);
    expect(byName.get('Hans-Adam II')).toMatchObject({
      country: 'LI',
      roles: [{ from: '1989-01-01', to: null }],
    });
    expect(byName.get('Philip Davis')?.country).toBe('BS');
    expect(people.filter((p) => p.name === 'Elizabeth II').map((p) => p.country)).toEqual(['GB']);
    expect(stats).toMatchObject({ rawId: 1, noCountry: 1, multiCountry: 1 });
  });
});

describe('buildGazetteer', () => {
  const leaders = {
    people: [
      {
        name: 'Hun Sen',
        country: 'KH',
        roles: [{ role: 'Prime Minister', from: '1985-01-14', to: '2023-08-22' }],
        surnames: ['Hun Sen'],
        surnameAlone: false,
      },
      { name: 'Antonio Guterres', roles: [{ role: 'Secretary-General', from: '2017-01-01', to: null }] },
    ],
  };
  const { file } = buildGazetteer({
    actorsText: ACTORS,
    agentsText: AGENTS,
    wikidataText: WIKIDATA,
    lexiconTexts: ['FARMER [~AGR]'],
    leaders,
    cities: [{ name: 'Sen', population: 10 }],
    asOf: '2026-12-01',
    copyright: 'Copyright (c) 2014 Open Event Data',
  });

  it('lets curated entries win and merges the same person from every source once', () => {
    const hun = file.people.filter((p) => p.name === 'Hun Sen');
    expect(hun).toHaveLength(1);
    expect(hun[0].roles).toEqual(leaders.people[0].roles);
    expect(hun[0].surnames).toEqual(['Hun Sen']);
    expect(hun[0].aliases).toEqual(['Samdech Hun Sen']);
    expect(file.people.some((p) => p.name === 'Antonio Guterres')).toBe(false);
  });

  it('names sources, licenses, date and command, and writes one line per person', () => {
    expect(file.asOf).toBe('2026-12-01');
    expect(file.generatedBy).toBe('npm run gazetteer');
    expect(file.licenses.map((l) => l.license)).toEqual(expect.arrayContaining(['MIT', 'CC0-1.0']));
    const text = writeGazetteerJson(file);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(file)));
    const personLines = text.split('\n').filter((l) => l.startsWith('    {'));
    expect(personLines).toHaveLength(file.people.length);
  });

  it('marks names likely to collide', () => {
    const words = new Set(['farmer', 'brown']);
    const places = new Set(['jordan']);
    const common = (name: string, surnames?: string[]) =>
      isCommonName({ name, country: 'XX', roles: [], surnames }, words, places);
    expect(common('Sugiono')).toBe(true);
    expect(common('Gordon Brown')).toBe(true);
    expect(common('Michael Jordan')).toBe(true);
    expect(common('John Smith')).toBe(true);
    expect(common('Elizabeth II')).toBe(false);
    expect(common('Gerhard Schroeder')).toBe(false);
  });

  it('counts labelled people by surname and country', () => {
    const labels = [
      JSON.stringify({ source: 'S', people: [{ name: 'Ivo Josipovic', country: 'HR' }] }),
      JSON.stringify({
        source: 'S',
        people: [
          { name: 'Josipovic', country: 'RS' },
          { name: 'Nobody Known', country: 'HR' },
        ],
      }),
    ].join('\n');
    const [report] = coverage(file, [{ name: 'labels', text: labels }]);
    expect(report).toMatchObject({ people: 3, surname: 1, fullName: 1 });
    expect(report.misses).toEqual(['Josipovic (RS, S)', 'Nobody Known (HR, S)']);
  });
});
