// Wikidata heads of state and government, and the merge of the curated list, Phoenix and Wikidata.
// Part of tools/build-gazetteer.js, whose header says what the gazetteer is built from.
'use strict';
const { countryFromName } = require('./tabari');
const { nameKey, surnamesOf } = require('./names');
const { ELI_AFTER, dedupeRoles } = require('./phoenix');

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

module.exports = {
  parseCsv,
  wikidataRole,
  wikidataPeople,
  mergePeople,
  closeSucceededTerms,
};
