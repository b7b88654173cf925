import placesJson from '../data/places.json';
import leadersJson from '../data/leaders.json';
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

export interface TopicCue {
  phrase: string;
  weight: number;
}

export interface TopicDefinition {
  id: string;
  label: string;
  description: string;
  iptc?: string;
  cues: TopicCue[];
}

export interface TopicsFile {
  source: string;
  asOf: string;
  minScore: number;
  negators: string[];
  neutral: string[];
  topics: TopicDefinition[];
}

export const PLACES = placesJson as PlacesFile;
export const LEADERS = leadersJson as LeadersFile;
export const ORGANIZATIONS = organizationsJson as OrganizationsFile;
export const TOPICS = topicsJson as TopicsFile;
