import type { EntityTag, Evidence } from '@news/contracts';
import type { Gazetteer } from './gazetteer';
import type { Person, Role } from './gazetteer-data';
import type { PatternPerson } from './role-patterns';
import { titledAt } from './name-spans';
import { usualEvenUnnamed } from './role-words';
import { HashSet32 } from './hash-set';
import { isHeadRole, peopleOfSurname, surnameKeyHashes, type SurnameIndex } from './surname-index';
import type { TokenBuffer } from './tokenizer';

const MAX_EVIDENCE = 10;

/**
 * Gathers people, organizations and places of one article. A surname alone ("Sybiha said") is a person only
 * after the full name appeared, next to a title ("President Putin"), or when the list marks the surname as
 * how news names that person ("Putin"). A listed name that many non-politicians share needs support in the
 * text: a title next to it, or a mention of the person's country. A person counts for their country only
 * while in office at the article's date; their entity carries the office held then.
 */
export class EntityCollector {
  /** Every entity in order of first mention: `result()` sorts stably, so ties keep this order. */
  private readonly entities: EntityTag[] = [];
  // One map per kind with the natural key, rather than one map of built "kind:key" strings per mention.
  private readonly people = new Map<number, EntityTag>();
  private readonly organizations = new Map<number, EntityTag>();
  private readonly places = new Map<string, EntityTag>();
  private readonly introduced = new Set<number>();
  /** Common names seen without a title: kept at the end only if the article names their country. */
  private readonly unsupported = new Set<number>();
  /** The listed people read so far, shared by the collectors of one gazetteer (see `readPeople`). */
  private readonly read: (Person | undefined)[];

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly date: number,
  ) {
    this.read = readPeopleOf(gazetteer.people);
  }

  /** Listed person `index`, read through the gazetteer's array only the first time. */
  private listed(index: number): Person {
    return (this.read[index] ??= this.gazetteer.people[index]);
  }

  /** Returns the country the mention counts for, if any. `titled`: an office word stands right before it. */
  person(index: number, surnameOnly: boolean, evidence: Evidence, titled: boolean): string | undefined {
    const person = this.listed(index);
    if (surnameOnly && !person.surnameAlone && !this.introduced.has(index) && !titled) return undefined;
    const known = this.people.get(index);
    if (person.common && !titled && !known) {
      if (surnameOnly) return undefined;
      this.unsupported.add(index);
    } else this.unsupported.delete(index);
    if (!surnameOnly) this.introduced.add(index);
    const role = roleAt(person, this.date);
    const tag = this.upsert(this.people, index, () => {
      const t: EntityTag = { name: person.name, type: 'person', evidence: [], foundBy: 'list' };
      if (person.country) {
        t.country = person.country;
        t.countryFrom = 'list';
      }
      if (role) t.role = role.role;
      return t;
    });
    push(tag, evidence);
    return role && !this.unsupported.has(index) ? person.country : undefined;
  }

  /**
   * A person recognized by how the text introduces them. A listed person of the same surname found in the
   * article takes the mention (and the text's office when the list has none at the date); the country
   * otherwise comes from the pattern, the office, or the article's dominant country.
   */
  patternPerson(
    found: PatternPerson,
    dominant: string | undefined,
    laterMentions: readonly Evidence[],
    mentioned: (code: string) => boolean = () => false,
    sentenceCountry?: string,
  ): void {
    for (const [index, tag] of this.people) {
      const listed = this.listed(index);
      const surname = listed.name.split(' ').pop()?.toLowerCase();
      if (surname !== found.surname && !listed.surnames?.some((s) => s.toLowerCase() === found.surname))
        continue;
      if (found.country && listed.country && found.country !== listed.country) continue;
      if (!tag.role) tag.role = found.role;
      this.unsupported.delete(index);
      return;
    }
    // The same person introduced again ("Lord Woolf" … "Lord Woolf"; "Gov. Walker" after "Gov. S. Walker").
    const again = this.entities.find((e) => e.foundBy === 'role-pattern' && samePerson(e.name, found));
    if (again) {
      push(again, found.evidence);
      for (const e of laterMentions) push(again, e);
      return;
    }
    const tag: EntityTag = {
      name: found.name,
      type: 'person',
      evidence: [],
      role: found.role,
      foundBy: 'role-pattern',
    };
    // Without a country of its own: the one its office or party usually serves, if the story names it; else
    // the only country named in the person's sentence ("Prime minister Andreas Papandreou said Greece ...");
    // else the story's dominant one. A party's or a peer's office keeps its usual country when the story
    // names none of them (a BBC story on the Tories need not say Britain); a Senate's does not, since many
    // states have one.
    const usualCountries = found.usualCountries;
    const usual =
      usualCountries?.find(mentioned) ??
      (usualCountries && usualEvenUnnamed(usualCountries)
        ? dominant && usualCountries.includes(dominant)
          ? dominant
          : usualCountries[0]
        : undefined);
    const country = found.country ?? usual ?? sentenceCountry ?? dominant;
    if (country) {
      tag.country = country;
      tag.countryFrom = found.country
        ? found.countryFrom
        : usual
          ? 'office'
          : sentenceCountry
            ? 'pattern'
            : 'dominant';
    }
    push(tag, found.evidence);
    for (const e of laterMentions) push(tag, e);
    this.entities.push(tag);
  }

  organization(index: number, evidence: Evidence): string | undefined {
    const org = this.gazetteer.organizations[index];
    const tag = this.upsert(this.organizations, index, () => {
      const t: EntityTag = { name: org.name, type: 'organization', evidence: [] };
      if (org.country) t.country = org.country;
      return t;
    });
    push(tag, evidence);
    return org.country;
  }

  place(label: string, country: string, evidence: Evidence): void {
    const tag = this.upsert(this.places, label, () => ({
      name: label,
      type: 'place',
      country,
      evidence: [],
    }));
    push(tag, evidence);
  }

  /**
   * Later mentions of introduced people by surname alone ("Sybiha said"): a capitalized token with the
   * surname's key that does not start a longer name. Returns them so the caller can count their countries.
   */
  surnameMentions(
    field: 'title' | 'text',
    value: string,
    tokens: TokenBuffer,
  ): { evidence: Evidence; country: string | undefined; from: number }[] {
    const out: { evidence: Evidence; country: string | undefined; from: number }[] = [];
    let capitals: number[] | undefined;
    for (const index of this.introduced) {
      const person = this.listed(index);
      if (person.surnameAlone) continue;
      const tag = this.people.get(index);
      if (!tag) continue;
      const hashes = surnameHashes(person);
      capitals ??= loneCapitals(tokens);
      for (const i of capitals) {
        if (!hashes.includes(tokens.hash[i])) continue;
        const start = tokens.start[i];
        if (tag.evidence.some((e) => e.field === field && e.start <= start && start < e.end)) continue;
        const evidence: Evidence = {
          field,
          start,
          end: tokens.end[i],
          text: value.slice(start, tokens.end[i]),
        };
        push(tag, evidence);
        const role = roleAt(person, this.date);
        out.push({
          evidence,
          country: role && !this.unsupported.has(index) ? person.country : undefined,
          from: i,
        });
      }
    }
    return out;
  }

  /**
   * Surnames alone of listed people the list does not name by surname alone. Right after an office word
   * ("President Bush", "Gov. Walker"): the person is the one of that surname holding a role at the article's
   * date. Several such people of one country are one reading (the list's first, in office rather than
   * former); of several countries, the one of the only country among them that the article names (`named`),
   * else none. Without an office word, in running text ("Israel ... as Sharon pushes on"), only a head of
   * state or government of that surname (then or earlier) whose country the same sentence names
   * (`sentenceCountries`; the lede also sees the title's); a name many non-politicians share never counts so.
   * Tokens already read as a person's are skipped.
   */
  loneSurnames(
    field: 'title' | 'text',
    value: string,
    tokens: TokenBuffer,
    named: (code: string) => boolean,
    sentenceCountries: (sentence: number) => ReadonlySet<string> | undefined,
  ): { evidence: Evidence; country: string | undefined; from: number }[] {
    const out: { evidence: Evidence; country: string | undefined; from: number }[] = [];
    const heads = headSurnames(this.gazetteer.heads);
    for (let i = 0; i < tokens.count; i++) {
      if (!tokens.isTitle(i)) continue;
      // The office word or a head's surname first: they rule out nearly every token at a hash lookup.
      const titled = i > 0 && titledAt(value, tokens, i);
      let countries: ReadonlySet<string> | undefined;
      if (!titled) {
        if (field === 'title' || !heads.has(tokens.hash[i]) || !untitledSurnameAt(value, tokens, i)) continue;
        countries = sentenceCountries(tokens.sentence[i]);
        if (countries === undefined) continue;
      }
      if (startsLongerName(tokens, i) || beforeParticle(tokens, i)) continue;
      const index = countries ? this.gazetteer.heads : this.gazetteer.surnames;
      const candidates = peopleOfSurname(index, tokens.hash[i] | 0);
      if (candidates.length === 0) continue;
      const start = tokens.start[i];
      if (this.covers(field, start) || (countries && namedInFull(value, tokens, i))) continue;
      const person = countries
        ? this.headOfCountry(candidates, countries)
        : this.titledReading(candidates, named);
      if (person === undefined) continue;
      const evidence: Evidence = {
        field,
        start,
        end: tokens.end[i],
        text: value.slice(start, tokens.end[i]),
      };
      out.push({ evidence, country: this.person(person, true, evidence, true), from: i });
    }
    return out;
  }

  private covers(field: 'title' | 'text', start: number): boolean {
    for (const tag of this.people.values())
      if (tag.evidence.some((e) => e.field === field && e.start <= start && start < e.end)) return true;
    return false;
  }

  private titledReading(candidates: Int32Array, named: (code: string) => boolean): number | undefined {
    // Per country, the list's first candidate, or its first in office when the first is a former one.
    const byCountry = new Map<string, { index: number; former: boolean }>();
    for (const index of candidates) {
      const person = this.listed(index);
      const role = roleAt(person, this.date);
      if (!role || !person.country || role.role === NOTABLE) continue;
      const chosen = byCountry.get(person.country);
      const former = role.role === FORMER;
      if (chosen === undefined || (chosen.former && !former))
        byCountry.set(person.country, { index, former });
    }
    if (byCountry.size === 1) return byCountry.values().next().value?.index;
    let reading: number | undefined;
    for (const [country, { index }] of byCountry) {
      if (!named(country)) continue;
      if (reading !== undefined) return undefined;
      reading = index;
    }
    return reading;
  }

  /**
   * The one head of state or government (by the article's date) among `candidates` of the named countries.
   */
  private headOfCountry(candidates: Int32Array, countries: ReadonlySet<string>): number | undefined {
    let reading: number | undefined;
    for (const index of candidates) {
      const person = this.listed(index);
      if (!person.country || !countries.has(person.country)) continue;
      if (!person.roles.some((r) => isHeadRole(r.role) && spanOf(r).from <= this.date)) continue;
      if (reading === undefined) reading = index;
      else if (this.listed(reading).country !== person.country) return undefined;
    }
    return reading;
  }

  /** Evidence of the listed people kept so far (their names are not read again as role patterns or cues). */
  peopleEvidence(): Evidence[] {
    const out: Evidence[] = [];
    for (const [index, tag] of this.people) if (!this.unsupported.has(index)) out.push(...tag.evidence);
    return out;
  }

  /**
   * Whether a common name seen without a title waits for its country (`supportCommonNames` has work to do).
   */
  get waitingForSupport(): boolean {
    return this.unsupported.size > 0;
  }

  /** Common names without a title count when the article names their country. */
  supportCommonNames(countries: ReadonlySet<string>): { index: number; country: string }[] {
    const supported: { index: number; country: string }[] = [];
    for (const index of this.unsupported) {
      const country = this.listed(index).country;
      if (country && countries.has(country)) supported.push({ index, country });
    }
    for (const { index } of supported) this.unsupported.delete(index);
    return supported;
  }

  result(): EntityTag[] {
    const dropped = new Set<EntityTag>();
    for (const index of this.unsupported) {
      const tag = this.people.get(index);
      if (tag) dropped.add(tag);
    }
    return this.entities
      .filter((tag) => !dropped.has(tag))
      .sort((a, b) => b.evidence.length - a.evidence.length || a.name.localeCompare(b.name));
  }

  private upsert<K>(byKey: Map<K, EntityTag>, key: K, create: () => EntityTag): EntityTag {
    let tag = byKey.get(key);
    if (!tag) {
      tag = create();
      byKey.set(key, tag);
      this.entities.push(tag);
    }
    return tag;
  }
}

function push(tag: EntityTag, evidence: Evidence): void {
  if (tag.evidence.length < MAX_EVIDENCE) tag.evidence.push(evidence);
}

/** The role held at the article's date; undefined when the person held none then. */
export function roleAt(person: Person, date: number): Role | undefined {
  return person.roles.find((r) => {
    const span = spanOf(r);
    return span.from <= date && (span.to === null || date < span.to);
  });
}

/** Capitalized tokens that do not start a longer name: where a surname alone may stand, in text order. */
function loneCapitals(tokens: TokenBuffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.count; i++) if (tokens.isTitle(i) && !startsLongerName(tokens, i)) out.push(i);
  return out;
}

function startsLongerName(tokens: TokenBuffer, i: number): boolean {
  return i + 1 < tokens.count && !tokens.breakBefore(i + 1) && tokens.isTitle(i + 1);
}

/**
 * Token i may be a surname standing alone in running text: a word of four letters or more (not "I" of
 * "Philippe I", nor a Korean family name such as Kim that many share) that neither ends nor starts a longer
 * name ("Eyad Allawi", "Saudi Arabia", a wire story's "Smith\nBarney"), nor a firm's, nor a hyphenated one.
 */
function untitledSurnameAt(value: string, tokens: TokenBuffer, i: number): boolean {
  if (tokens.end[i] - tokens.start[i] < 4) return false;
  const before = value.charCodeAt(tokens.start[i] - 1);
  if (before === 45 /* - */ || value.charCodeAt(tokens.end[i]) === 45) return false;
  return !endsName(value, tokens, i) && !endsName(value, tokens, i + 1) && !inFirmName(tokens, i);
}

/** "Matthews and Wright", "Bilfinger und Berger": a surname joined to another name is a firm's name. */
function inFirmName(tokens: TokenBuffer, i: number): boolean {
  const joins = (k: number) =>
    k > 0 && k < tokens.count && tokens.isLower(k) && CONNECTORS.has(tokens.hash[k]);
  return (joins(i + 1) && capitalized(tokens, i + 2)) || (joins(i - 1) && capitalized(tokens, i - 2));
}
const CONNECTORS = HashSet32.ofWords(['and', 'und', 'et', 'y']);

/**
 * Tokens i - 1 and i are both capitalized with nothing but spaces between: one name ("Eyad Allawi", a wire
 * story's "Pat\nCarney").
 */
function endsName(value: string, tokens: TokenBuffer, i: number): boolean {
  if (i <= 0 || i >= tokens.count || !capitalized(tokens, i - 1) || !capitalized(tokens, i)) return false;
  for (let c = tokens.end[i - 1]; c < tokens.start[i]; c++) {
    const code = value.charCodeAt(c);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return false;
  }
  return true;
}

function capitalized(tokens: TokenBuffer, i: number): boolean {
  return i >= 0 && i < tokens.count && (tokens.isTitle(i) || tokens.isUpper(i));
}

/** Whether the field names someone of token i's surname in full somewhere ("Nikolai Ryzhkov" … "Ryzhkov"). */
function namedInFull(value: string, tokens: TokenBuffer, i: number): boolean {
  const hash = tokens.hash[i];
  for (let j = 1; j < tokens.count; j++)
    if (tokens.hash[j] === hash && endsName(value, tokens, j)) return true;
  return false;
}

/**
 * Token i opens a name with a particle ("Michael de Jong", "Ursula von der Leyen"): a first name, no surname.
 */
function beforeParticle(tokens: TokenBuffer, i: number): boolean {
  const next = i + 1;
  if (next + 1 >= tokens.count || tokens.breakBefore(next) || !tokens.isLower(next)) return false;
  return tokens.end[next] - tokens.start[next] <= 3 && tokens.isTitle(next + 1);
}

/**
 * The listed people read so far, per people array: from a snapshot the gazetteer's array decodes each person
 * on first read behind a Proxy, and every read through it costs ~150 ns (a trap and a key string), a dozen or
 * more per article. The elements never change, so a plain array of those read gives the same objects.
 */
const readPeople = new WeakMap<readonly Person[], (Person | undefined)[]>();

function readPeopleOf(people: readonly Person[]): (Person | undefined)[] {
  let read = readPeople.get(people);
  if (!read) {
    read = new Array<Person | undefined>(people.length);
    readPeople.set(people, read);
  }
  return read;
}

/** The list's roles that are no office: before one, and after the last. */
const NOTABLE = 'Notable figure';
const FORMER = 'Former official';

// The surname hashes of the heads as a hash set, made once per thread: most tokens ask and are not in it.
const headSets = new WeakMap<SurnameIndex, HashSet32>();

function headSurnames(index: SurnameIndex): HashSet32 {
  let set = headSets.get(index);
  if (!set) {
    set = new HashSet32(Array.from(index.hashes));
    headSets.set(index, set);
  }
  return set;
}

// Key hashes of the one-word surnames a person is named by alone, worked out once per person (the list never
// changes after loading) rather than for every article that names them.
const surnames = new WeakMap<Person, number[]>();

function surnameHashes(person: Person): number[] {
  let hashes = surnames.get(person);
  if (!hashes) {
    hashes = surnameKeyHashes(person);
    surnames.set(person, hashes);
  }
  return hashes;
}

interface Span {
  from: number;
  /** null while the role is held. */
  to: number | null;
}

// The data never changes after loading, so each role's dates are parsed once rather than on every mention.
const spans = new WeakMap<Role, Span>();

function spanOf(role: Role): Span {
  let span = spans.get(role);
  if (!span) {
    span = { from: Date.parse(role.from), to: role.to === null ? null : Date.parse(role.to) };
    spans.set(role, span);
  }
  return span;
}

/**
 * Whether a pattern person already collected under `name` is `found`: one name is the other or ends with it.
 */
function samePerson(name: string, found: PatternPerson): boolean {
  if (name.split(' ').pop()?.toLowerCase() !== found.surname) return false;
  return name === found.name || name.endsWith(` ${found.name}`) || found.name.endsWith(` ${name}`);
}
