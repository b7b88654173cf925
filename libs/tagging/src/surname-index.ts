import type { Person } from './gazetteer-data';
import { hashKey, phraseKeys } from './tokenizer';

/**
 * The listed people by each one-word surname they are known by, as three typed tables (stored flat in the
 * gazetteer snapshot and shared by the pipeline threads): the surnames' key hashes in ascending order, where
 * each one's people start in `people`, and the people's indices. Built once with the gazetteer, so that a
 * titled surname ("President Bush") is looked up without reading the tens of thousands of listed people.
 */
export interface SurnameIndex {
  hashes: Int32Array;
  /** starts[k] .. starts[k + 1] is the range of `people` for hashes[k]; one entry more than `hashes`. */
  starts: Int32Array;
  people: Int32Array;
}

/** Key hashes of the one-word surnames a person is named by (the token hashes of those words in a text). */
export function surnameKeyHashes(person: Person): number[] {
  return (person.surnames ?? [person.name.split(' ').pop() ?? person.name])
    .map((s) => phraseKeys(s))
    .filter((k) => k.length === 1)
    .map((k) => hashKey(k[0]) | 0);
}

/**
 * The index of the people the list does not name by surname alone (those are phrases of the trie), of those
 * that `keep` accepts.
 */
export function buildSurnameIndex(
  people: readonly Person[],
  keep: (person: Person) => boolean = () => true,
): SurnameIndex {
  const byHash = new Map<number, number[]>();
  people.forEach((person, p) => {
    if (person.surnameAlone || !keep(person)) return;
    for (const hash of surnameKeyHashes(person)) {
      const list = byHash.get(hash);
      if (!list) byHash.set(hash, [p]);
      else if (list[list.length - 1] !== p) list.push(p);
    }
  });
  const hashes = Int32Array.from([...byHash.keys()].sort((a, b) => a - b));
  const starts = new Int32Array(hashes.length + 1);
  const indices: number[] = [];
  hashes.forEach((hash, k) => {
    starts[k] = indices.length;
    indices.push(...(byHash.get(hash) ?? []));
  });
  starts[hashes.length] = indices.length;
  return { hashes, starts, people: Int32Array.from(indices) };
}

/** The people of surname hash `hash`, in list order (empty when none). */
export function peopleOfSurname(index: SurnameIndex, hash: number): Int32Array {
  const { hashes, starts, people } = index;
  let low = 0;
  let high = hashes.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = hashes[mid];
    if (value === hash) return people.subarray(starts[mid], starts[mid + 1]);
    if (value < hash) low = mid + 1;
    else high = mid - 1;
  }
  return EMPTY;
}
const EMPTY = new Int32Array(0);

/** The list's words for the head of a state or government (a deputy's or a vice-president's are not). */
const HEAD_ROLE =
  /^(?:Head of state or government|(?:Acting )?(?:President|Prime Minister|Premier|(?:Federal )?Chancellor|Monarch|King|Queen|Emir|Sultan|Supreme Leader)(?: of (?!the Exchequer).+)?)$/;

export function isHeadRole(role: string): boolean {
  return HEAD_ROLE.test(role);
}

/**
 * Heads of state or government that news may name by surname alone next to their country ("Israel ... as
 * Sharon pushes on"): not those whose name many non-politicians share.
 */
export function namedAloneAsHead(person: Person): boolean {
  return !person.common && person.country !== undefined && person.roles.some((r) => isHeadRole(r.role));
}
