// Reading the TABARI actor dictionaries of Phoenix: countries (CAMEO codes), dates, role codes, actor and agent files.
// Part of tools/build-gazetteer.js, whose header says what the gazetteer is built from.
'use strict';
const isoCountries = require('i18n-iso-countries');
const worldCountries = require('world-countries');

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

// The role codes of a TABARI code (the part after the country).
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

module.exports = {
  NOT_A_COUNTRY,
  cameoToIso2,
  countryFromName,
  parseTabariDate,
  parseRoleCode,
  parseActors,
  parseAgents,
};
