import placesJson from '../data/places.json';
import rolesJson from '../data/roles.json';
import organizationsJson from '../data/organizations.json';
import topicsJson from '../data/topics.json';

/** Shapes of the curated data files in libs/tagging/data (each also carries `source` and `asOf`). */

export type PlaceKind = 'alias' | 'metonym' | 'region' | 'historical' | 'block';

export interface PlaceEntry {
  kind: PlaceKind;
  code?: string;
  codes?: string[];
  names: string[];
  caseSensitive?: boolean;
}

export interface AmbiguousPlace {
  name: string;
  default: string;
  readings: Record<string, string[]>;
}

export interface PlacesFile {
  source: string;
  asOf: string;
  entries: PlaceEntry[];
  ambiguous: AmbiguousPlace[];
  personLike: string[];
  datelines: Record<string, string>;
  /** State and province abbreviations of wire datelines ("STAMFORD, Conn."). */
  datelineQualifiers: Record<string, string>;
  /** States and provinces by country: after a comma they place a town in that country ('Paris, Texas'). */
  placeQualifiers: Record<string, string[]>;
  /** Words that make a building or a venue of the place name before them. */
  buildingWords: string[];
  /** Package spellings that are mostly ordinary words in English text. */
  excludeNames: string[];
}

export interface Role {
  role: string;
  from: string;
  to: string | null;
}

export interface Person {
  name: string;
  country?: string;
  roles: Role[];
  surnames?: string[];
  aliases?: string[];
  surnameAlone?: boolean;
  /** The name also belongs to many non-politicians (or is a common word): it needs support in the text. */
  common?: boolean;
}

/** Office words: how news introduces political people (role-patterns.ts). */
export interface RolesFile {
  source: string;
  asOf: string;
  heads: string[];
  modifiers: string[];
  honorifics: Record<string, string>;
  countryOf: Record<string, string>;
  nonPolitical: string[];
  nameBlockers: string[];
  politicalWords: string[];
  /** Offices only a state or public body gives: never a company's, political in lower case too. */
  publicOffices: string[];
  /** Words that make a lower-case spokesman or spokeswoman a government's ("ministry spokesman"). */
  governmentModifiers: string[];
  /** Lower-case words that may stand inside a name ('bin', 'von'). */
  nameParticles: string[];
  /** Capitalized words that never start or continue a person's name. */
  notNames: string[];
  /** Party words and acronyms with the countries whose party they name, most usual first. */
  partyCountries: Record<string, string[]>;
  /** Party words that follow a name ("…, a Democrat"), with the country they imply. */
  parties: Record<string, string>;
  /** Styles of address that may stand between an office and a name ("Governor … , Alhaji Aminu Tambuwal"). */
  styles: string[];
  /** Words that make a capitalized phrase before an office a public body ("Montana Department of Corrections"). */
  publicBodies: string[];
  /** Words that make a public body a police, court, school or international one: its officers are not counted. */
  nonPoliticalBodies: string[];
  /** Words that make "<office> of the <body>, <name>" an office of a state ("Deputy President of the Senate"). */
  legislatures: string[];
}

export interface LeadersFile {
  source: string;
  asOf: string;
  people: Person[];
}

export interface Organization {
  id: string;
  name: string;
  type: string;
  aliases?: string[];
  acronyms?: string[];
  country?: string;
  topics?: Record<string, number>;
}

export interface OrganizationsFile {
  source: string;
  asOf: string;
  organizations: Organization[];
}

/** Cue phrases by weight ("2", "1"): a trailing `*` adds English inflections. */
export type CueTiers = Record<string, string[]>;

/** How a context in the same sentence silences a topic: every cue, or only its generic and weaker ones. */
export type VetoStrength = 'all' | 'weak';

export interface TopicDefinition {
  id: string;
  label: string;
  description: string;
  iptc?: string;
  /** Topic-specific cues: they count wherever they stand. */
  cues: CueTiers;
  /** Generic cues (attack, killed, vote): they count only in a passage where the topic also has an anchor. */
  generic: CueTiers;
  vetoedBy: Record<string, VetoStrength>;
  /** Relations between states: generic cues also count in a sentence that names two or more countries. */
  interstate?: boolean;
  /**
   * Needs two states or international bodies in the story: in one that names fewer, every cue of the text is
   * generic (counted only next to an anchor); the headline's are kept.
   */
  international?: boolean;
}

export interface TopicPrecedence {
  /** In a sentence where this topic has an anchor… */
  by: string;
  /** …these cues of this topic do not count for it. */
  topic: string;
  cues: string[];
}

export interface TopicsFile {
  source: string;
  asOf: string;
  negators: string[];
  neutral: string[];
  /** Cue words that count only in lower case (capitalized, they are a month, a name or a party). */
  lowerOnly: string[];
  /** Cue phrases that are names themselves: capitals do not make them part of another name. */
  properNames: string[];
  /** Words that mark a sentence as sports, crime, disaster, award or business news. */
  contexts: Record<string, string[]>;
  /** Contexts that, named anywhere in a snippet, hold for the whole snippet. */
  snippetContexts?: string[];
  /** Contexts of a snippet's lead sentence that also hold for its headline. */
  headlineContexts?: string[];
  absorbs: TopicPrecedence[];
  /** A state's forces (word beginnings) and armed groups in one sentence: fighting, for `topic`. */
  engagement: { topic: string; forces: string[]; opponents: string[] };
  topics: TopicDefinition[];
}

export const PLACES = placesJson as PlacesFile;
let politicians: LeadersFile | undefined;
/**
 * Dated office-holders (tools/build-gazetteer.js: Phoenix, Wikidata and the curated leaders.json). Read only
 * when the gazetteer is built: a process that loads the built gazetteer from its snapshot never parses the file.
 */
export function loadPoliticians(): LeadersFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- 3.8 MB of JSON, read on demand
  politicians ??= require('../data/politicians.json') as LeadersFile;
  return politicians;
}
export const ROLES = rolesJson as RolesFile;
export const ORGANIZATIONS = organizationsJson as OrganizationsFile;
// JSON imports widen string literals (veto strengths); compileVocabulary checks them.
export const TOPICS = topicsJson as unknown as TopicsFile;
