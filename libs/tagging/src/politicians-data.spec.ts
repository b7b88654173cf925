// Invariants of the committed office-holder gazetteer (libs/tagging/data/politicians.json, written by
// `npm run gazetteer`): whatever the sources contain, the file the tagger loads keeps these.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Person } from './gazetteer-data';

interface PoliticiansFile {
  source: string;
  licenses: { name: string; license: string; copyright?: string }[];
  asOf: string;
  generatedBy: string;
  notes: string;
  people: (Person & { common?: boolean })[];
}

const path = join(__dirname, '..', 'data', 'politicians.json');
const text = readFileSync(path, 'utf8');
const file = JSON.parse(text) as PoliticiansFile;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(iso: string): boolean {
  if (!ISO_DATE.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

describe('politicians.json', () => {
  it('names its sources, their licenses, its date and the command that makes it', () => {
    expect(file.source).toMatch(/Phoenix/);
    expect(file.source).toMatch(/Wikidata/);
    const licenses = new Map(file.licenses.map((l) => [l.license, l]));
    expect(licenses.get('MIT')?.copyright).toMatch(/^Copyright \(c\) \d{4} /);
    expect(licenses.has('CC0-1.0')).toBe(true);
    expect(isRealDate(file.asOf)).toBe(true);
    expect(file.generatedBy).toBe('npm run gazetteer');
    expect(file.notes.length).toBeGreaterThan(100);
  });

  it('holds thousands of people, one line each', () => {
    expect(file.people.length).toBeGreaterThan(5000);
    const lines = text.split('\n').filter((l) => l.trimStart().startsWith('{"name"'));
    expect(lines).toHaveLength(file.people.length);
  });

  it('gives every person a name, an ISO alpha-2 country and dated roles', () => {
    const bad: string[] = [];
    for (const p of file.people) {
      const ok =
        typeof p.name === 'string' &&
        p.name.trim() === p.name &&
        p.name.length > 1 &&
        /^[A-Z]{2}$/.test(p.country ?? '') &&
        Array.isArray(p.roles) &&
        p.roles.length > 0 &&
        p.roles.every(
          (r) =>
            typeof r.role === 'string' &&
            r.role.length > 0 &&
            isRealDate(r.from) &&
            (r.to === null || (isRealDate(r.to) && r.from <= r.to)),
        );
      if (!ok) bad.push(JSON.stringify(p));
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('lists each name once per country', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const p of file.people) {
      const key = `${p.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()}|${p.country}`;
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    expect(duplicates).toEqual([]);
  });

  it('keeps optional fields in the Person shape', () => {
    const allowed = new Set(['name', 'country', 'roles', 'surnames', 'aliases', 'surnameAlone', 'common']);
    const extra = file.people.flatMap((p) => Object.keys(p).filter((k) => !allowed.has(k)));
    expect([...new Set(extra)]).toEqual([]);
    for (const p of file.people) {
      for (const list of [p.surnames ?? [], p.aliases ?? []]) {
        expect(list.every((s) => typeof s === 'string' && s.trim() !== '')).toBe(true);
      }
    }
  });

  it('keeps a former office-holder’s dated offices (no later title for an earlier date)', () => {
    const thatcher = file.people.find((p) => p.name === 'Margaret Thatcher' && p.country === 'GB');
    const pm = thatcher?.roles.find((r) => r.role === 'Prime Minister');
    expect(pm).toEqual({ role: 'Prime Minister', from: '1979-05-04', to: '1990-11-28' });
  });
});
