// Phoenix people: offices from role codes and comments, titles in variant spellings, one record per person.
// Part of tools/build-gazetteer.js, whose header says what the gazetteer is built from.
'use strict';
const worldCountries = require('world-countries');
const { NOT_A_COUNTRY, cameoToIso2 } = require('./tabari');
const {
  cleanTabariName,
  looksLikePersonName,
  nameKey,
  properCase,
  splitTitle,
  surnamesOf,
} = require('./names');

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

module.exports = {
  ELI_AFTER,
  dedupeRoles,
  roleFromComment,
  stripLeadingTitles,
  isSpellingOf,
  phoenixPeople,
};
