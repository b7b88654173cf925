/** Code-unit order of two strings (the order `FlatStringMap` searches in). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A read-only map of strings over flat tables (see captureFlatMap): keys in insertion order as UTF-16 units,
 * found by binary search through a sorted permutation. Iterates in insertion order, as the Map it was made from.
 */
export class FlatStringMap implements ReadonlyMap<string, string> {
  constructor(
    private readonly keyChars: Uint16Array,
    private readonly keyStart: Int32Array,
    private readonly valueOf: Uint16Array,
    private readonly order: Int32Array,
    private readonly valueTable: readonly string[],
  ) {}

  get size(): number {
    return this.valueOf.length;
  }

  get(key: string): string | undefined {
    const at = this.find(key);
    return at < 0 ? undefined : this.valueTable[this.valueOf[at]];
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [key, value] of this) callback(value, key, this);
  }

  *entries(): MapIterator<[string, string]> {
    for (let i = 0; i < this.valueOf.length; i++) yield [this.keyAt(i), this.valueTable[this.valueOf[i]]];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.valueOf.length; i++) yield this.keyAt(i);
  }

  *values(): MapIterator<string> {
    for (let i = 0; i < this.valueOf.length; i++) yield this.valueTable[this.valueOf[i]];
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  private keyAt(i: number): string {
    let s = '';
    for (let c = this.keyStart[i]; c < this.keyStart[i + 1]; c++) s += String.fromCharCode(this.keyChars[c]);
    return s;
  }

  /** Index of `key` in insertion order, or -1. */
  private find(key: string): number {
    let lo = 0;
    let hi = this.order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const i = this.order[mid];
      const c = this.compareAt(i, key);
      if (c === 0) return i;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Stored key i against `key`, unit by unit, as JavaScript compares strings. */
  private compareAt(i: number, key: string): number {
    const from = this.keyStart[i];
    const length = this.keyStart[i + 1] - from;
    const n = Math.min(length, key.length);
    for (let c = 0; c < n; c++) {
      const d = this.keyChars[from + c] - key.charCodeAt(c);
      if (d !== 0) return d;
    }
    return length - key.length;
  }
}
