import type { Person } from './gazetteer-data';
import { buildSurnameIndex, peopleOfSurname, surnameKeyHashes } from './surname-index';

const person = (name: string, extra: Partial<Person> = {}): Person => ({
  name,
  country: 'US',
  roles: [],
  ...extra,
});

describe('the surname index', () => {
  const people = [
    person('George Bush'),
    person('McKeeva Bush', { country: 'KY' }),
    person('Vladimir Putin', { surnameAlone: true }),
    person('Herman Rosa Chavez', { surnames: ['Rosa', 'Chavez'] }),
    person('Ursula von der Leyen', { surnames: ['von der Leyen'] }),
  ];
  const index = buildSurnameIndex(people);
  const of = (surname: string) => [...peopleOfSurname(index, surnameKeyHashes(person(surname))[0])];

  it('finds every listed person of a surname, in list order', () => {
    expect(of('Bush')).toEqual([0, 1]);
    expect(of('Rosa')).toEqual([3]);
    expect(of('Chavez')).toEqual([3]);
    expect(of('Kerry')).toEqual([]);
  });

  it('leaves out the people the list names by surname alone, and surnames of several words', () => {
    expect(of('Putin')).toEqual([]);
    expect(surnameKeyHashes(people[4])).toEqual([]);
  });

  it('is typed tables, which the gazetteer snapshot stores flat and the threads share', () => {
    expect(index.hashes).toBeInstanceOf(Int32Array);
    expect(index.starts).toHaveLength(index.hashes.length + 1);
    expect(index.people).toBeInstanceOf(Int32Array);
  });
});
