import { hashKey } from './tokenizer';

/**
 * A fixed set of word hashes, asked about tokens in the tagger's inner loops. Token hashes are 32-bit, and
 * most of them are heap numbers to V8 rather than small integers, so a `Set<number>` hashes and boxes on
 * every lookup; this table answers with a few integer compares in typed arrays.
 */
export class HashSet32 {
  private readonly slots: Int32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(hashes: readonly number[]) {
    let size = 16;
    // At most a quarter full, so a miss usually ends at the first empty slot.
    while (size < hashes.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
    for (const h of hashes) this.add(h | 0);
  }

  /** The hashes of these words' keys (already lower case, as the tokenizer normalizes them). */
  static ofWords(words: readonly string[]): HashSet32 {
    return new HashSet32(words.map(hashKey));
  }

  /** `hash` as the tokenizer stores it (int32) or as `hashKey` returns it (uint32). */
  has(hash: number): boolean {
    const h = hash | 0;
    let slot = (h ^ (h >>> 16)) & this.mask;
    while (this.used[slot] !== 0) {
      if (this.slots[slot] === h) return true;
      slot = (slot + 1) & this.mask;
    }
    return false;
  }

  private add(h: number): void {
    let slot = (h ^ (h >>> 16)) & this.mask;
    while (this.used[slot] !== 0) {
      if (this.slots[slot] === h) return;
      slot = (slot + 1) & this.mask;
    }
    this.slots[slot] = h;
    this.used[slot] = 1;
  }
}

/**
 * A fixed map from word hashes to values, for the same inner loops as `HashSet32`: a `Map` keyed by token
 * hashes pays a generic hash lookup for every token it is asked about, most of which are not in it. A later
 * entry with the same hash replaces an earlier one, as in a `Map`.
 */
export class HashMap32<V> {
  private readonly slots: Int32Array;
  private readonly used: Uint8Array;
  private readonly values: (V | undefined)[];
  private readonly mask: number;

  constructor(entries: readonly (readonly [number, V])[]) {
    let size = 16;
    while (size < entries.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.values = new Array<V | undefined>(size).fill(undefined);
    this.mask = size - 1;
    for (const [h, v] of entries) this.values[this.slotOf(h | 0)] = v;
  }

  /** A map keyed by the hashes of these words' keys (already lower case, as the tokenizer normalizes them). */
  static ofWords<V>(record: Readonly<Record<string, V>>): HashMap32<V> {
    return new HashMap32(Object.entries(record).map(([k, v]) => [hashKey(k), v] as const));
  }

  has(hash: number): boolean {
    return this.get(hash) !== undefined;
  }

  /** The value for `hash` as the tokenizer stores it (int32) or as `hashKey` returns it (uint32). */
  get(hash: number): V | undefined {
    const h = hash | 0;
    let slot = (h ^ (h >>> 16)) & this.mask;
    while (this.used[slot] !== 0) {
      if (this.slots[slot] === h) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
    return undefined;
  }

  /** The slot of `h`, claimed if new. */
  private slotOf(h: number): number {
    let slot = (h ^ (h >>> 16)) & this.mask;
    while (this.used[slot] !== 0) {
      if (this.slots[slot] === h) return slot;
      slot = (slot + 1) & this.mask;
    }
    this.slots[slot] = h;
    this.used[slot] = 1;
    return slot;
  }
}
