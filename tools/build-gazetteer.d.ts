// Types of the parsers that tools/build-gazetteer.js exports for its unit tests.

export interface RoleCode {
  code: string;
  country: string | null;
  roleCode: string;
  from: string | null;
  to: string | null;
  dated: boolean;
  bad: boolean;
  comment?: string;
}

export interface ActorEntry {
  names: string[];
  variants: string[];
  codes: RoleCode[];
  comment: string;
  heading: string | null;
  line: number;
}

export interface GazetteerRole {
  role: string;
  from: string;
  to: string | null;
}

export interface GazetteerPerson {
  name: string;
  country: string;
  roles: GazetteerRole[];
  surnames?: string[];
  aliases?: string[];
  surnameAlone?: boolean;
  common?: boolean;
  source?: string;
}

export interface GazetteerFile {
  source: string;
  licenses: { name: string; license: string; copyright?: string }[];
  asOf: string;
  generatedBy: string;
  notes: string;
  people: GazetteerPerson[];
}

export interface BuildInput {
  actorsText: string;
  agentsText: string;
  wikidataText: string;
  lexiconTexts: string[];
  leaders: { people: Partial<GazetteerPerson>[] };
  cities: { name: string; population: number }[];
  asOf: string;
  copyright: string;
}

export interface CoverageReport {
  labels: string;
  people: number;
  anyNameWord: number;
  surname: number;
  fullName: number;
  bySource: Record<string, { people: number; surname: number }>;
  misses: string[];
}

export function parseTabariDate(raw: string): string | null;
export function parseRoleCode(inner: string): RoleCode | null;
export function parseActors(text: string): ActorEntry[];
export function parseAgents(text: string): Map<string, string>;
export function parseCsv(text: string): Record<string, string>[];
export function properCase(tabari: string): string;
export function cleanTabariName(raw: string): string;
export function splitTitle(
  tabari: string,
  agents: Map<string, string>,
): { title: string | null; code: string | null; rest: string };
export function stripLeadingTitles(variant: string, agents: Map<string, string>): string | null;
export function isSpellingOf(words: string[], nameWords: string[]): boolean;
export function looksLikePersonName(tabari: string): boolean;
export function surnameOf(name: string, country: string): string | null;
export function surnamesOf(name: string, country: string): string[];
export function nameKey(name: string): string;
export function cameoToIso2(code: string): string | undefined;
export function countryFromName(label: string): string | undefined;
export function roleFromComment(comment: string): string | null;
export function wikidataRole(positionLabel: string, countryLabel: string): string;
export function phoenixPeople(
  entries: ActorEntry[],
  agents: Map<string, string>,
  stats?: Record<string, number>,
): GazetteerPerson[];
export function wikidataPeople(
  rows: Record<string, string>[],
  knownKeys: Set<string>,
  stats?: Record<string, unknown>,
): GazetteerPerson[];
export function isCommonName(
  person: GazetteerPerson,
  commonWords: Set<string>,
  placeNames: Set<string>,
): boolean;
export function buildGazetteer(input: BuildInput): { file: GazetteerFile; stats: Record<string, unknown> };
export function coverage(file: GazetteerFile, labelTexts: { name: string; text: string }[]): CoverageReport[];
export function writeGazetteerJson(file: GazetteerFile): string;
