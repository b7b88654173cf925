import { loadPoliticians, ORGANIZATIONS, PLACES, TOPICS } from './gazetteer-data';

const POLITICIANS = loadPoliticians();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('curated data files', () => {
  it('each say where their facts come from and when they were checked', () => {
    for (const file of [POLITICIANS, ORGANIZATIONS, PLACES, TOPICS]) {
      expect(file.source.length).toBeGreaterThan(20);
      expect(file.asOf).toMatch(ISO_DATE);
    }
  });

  it('give every office a valid date range', () => {
    for (const person of POLITICIANS.people) {
      expect(person.roles.length).toBeGreaterThan(0);
      for (const role of person.roles) {
        expect(role.from).toMatch(ISO_DATE);
        if (role.to !== null) expect(Date.parse(role.to)).toBeGreaterThanOrEqual(Date.parse(role.from));
      }
      if (person.country) expect(person.country).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('cover heads of state or government of the G20 and the permanent Security Council members', () => {
    const heads = /President|Prime Minister|Chancellor|Premier|King|Supreme Leader|Emir/;
    const countries = new Set(
      POLITICIANS.people
        .filter((p) => p.roles.some((r) => r.to === null && heads.test(r.role)))
        .map((p) => p.country),
    );
    for (const code of [
      'US',
      'CN',
      'RU',
      'GB',
      'FR',
      'DE',
      'IT',
      'JP',
      'CA',
      'IN',
      'BR',
      'AR',
      'AU',
      'ID',
      'KR',
      'MX',
      'SA',
      'ZA',
      'TR',
      'UA',
      'IL',
    ]) {
      expect([code, countries.has(code)]).toEqual([code, true]);
    }
  });

  it('list the organizations the issue names', () => {
    const names = new Set(
      ORGANIZATIONS.organizations.flatMap((o) => [o.name, ...(o.aliases ?? []), ...(o.acronyms ?? [])]),
    );
    for (const name of [
      'UN',
      'UN Security Council',
      'NATO',
      'EU',
      'African Union',
      'ECOWAS',
      'ASEAN',
      'IAEA',
      'ICC',
      'WHO',
      'OPEC',
      'G7',
      'G20',
      'BRICS',
    ]) {
      expect([name, names.has(name)]).toEqual([name, true]);
    }
    expect(ORGANIZATIONS.organizations.some((o) => o.type === 'armed-group')).toBe(true);
  });

  it('define the topic taxonomy with labels, descriptions and IPTC codes', () => {
    const ids = TOPICS.topics.map((t) => t.id);
    for (const id of [
      'armed-conflict',
      'military-aid-arms',
      'terrorism',
      'diplomacy',
      'sanctions',
      'trade-policy',
      'elections',
      'protest-unrest',
      'coup',
      'nuclear-weapons',
      'territorial-dispute',
      'refugees-migration',
      'humanitarian-crisis',
      'human-rights',
      'war-crimes-justice',
      'espionage-cyber',
      'energy-security',
    ]) {
      expect(ids).toContain(id);
    }
    for (const topic of TOPICS.topics) {
      expect(topic.label.length).toBeGreaterThan(2);
      expect(topic.description.length).toBeGreaterThan(10);
      if (topic.iptc) expect(topic.iptc).toMatch(/^medtop:\d{8}$/);
      expect(Object.values(topic.cues).flat().length).toBeGreaterThan(3);
    }
  });
});
