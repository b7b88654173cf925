import type { EntityTag, Evidence } from '@news/contracts';
import type { Gazetteer } from './gazetteer';
import type { Person, Role } from './gazetteer-data';

const MAX_EVIDENCE = 10;

/**
 * Gathers people, organizations and places of one article. A surname alone ("Sybiha said") is a person only
 * after the full name appeared, unless the file marks the surname as how news names that person ("Putin").
 * A person counts for their country only while in office at the article's date.
 */
export class EntityCollector {
  /** Every entity in order of first mention: `result()` sorts stably, so ties keep this order. */
  private readonly entities: EntityTag[] = [];
  // One map per kind with the natural key, rather than one map of built "kind:key" strings per mention.
  private readonly people = new Map<number, EntityTag>();
  private readonly organizations = new Map<number, EntityTag>();
  private readonly places = new Map<string, EntityTag>();
  private readonly introduced = new Set<number>();
  private readonly hints = new Map<string, number>();

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly date: number,
  ) {}

  /** Returns the country the mention counts for, if any. */
  person(index: number, surnameOnly: boolean, evidence: Evidence): string | undefined {
    const person = this.gazetteer.people[index];
    if (surnameOnly && !person.surnameAlone && !this.introduced.has(index)) return undefined;
    if (!surnameOnly) this.introduced.add(index);
    const role = roleAt(person, this.date);
    const tag = this.upsert(this.people, index, () => {
      const t: EntityTag = { name: person.name, type: 'person', evidence: [] };
      if (person.country) t.country = person.country;
      if (role) t.role = role.role;
      return t;
    });
    push(tag, evidence);
    return role ? person.country : undefined;
  }

  organization(index: number, evidence: Evidence): string | undefined {
    const org = this.gazetteer.organizations[index];
    const tag = this.upsert(this.organizations, index, () => {
      const t: EntityTag = { name: org.name, type: 'organization', evidence: [] };
      if (org.country) t.country = org.country;
      return t;
    });
    if (tag.evidence.length === 0) {
      for (const [topic, w] of Object.entries(org.topics ?? {}))
        this.hints.set(topic, (this.hints.get(topic) ?? 0) + w);
    }
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

  topicHints(): ReadonlyMap<string, number> {
    return this.hints;
  }

  result(): EntityTag[] {
    return this.entities
      .slice()
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
