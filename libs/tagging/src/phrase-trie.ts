import { hashKey, keysAt, type TokenBuffer } from './tokenizer';

export interface PhraseMatch<P> {
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
  payloads: P[];
}

/**
 * Matches of one walk, in reusable objects: the tagger walks every field of every article, and a fresh
 * object per match was a visible share of its garbage. `items[0 .. count - 1]` are valid until the next walk
 * into the same list.
 */
export class MatchList<P> {
  count = 0;
  readonly items: PhraseMatch<P>[] = [];

  clear(): void {
    this.count = 0;
  }

  add(from: number, to: number, payloads: P[]): void {
    const match = this.items[this.count];
    if (match) {
      match.from = from;
      match.to = to;
      match.payloads = payloads;
    } else {
      this.items.push({ from, to, payloads });
    }
    this.count++;
  }
}

export interface MatchOptions {
  language?: string;
  /** Only start phrases at tokens that are not lower case: names never do, and most words are lower case. */
  capitalizedStarts?: boolean;
}

/** The typed tables of a trie: plain data, so they can live in a snapshot or a SharedArrayBuffer. */
export interface TrieTables {
  hasNext: Uint8Array;
  edgeParent: Int32Array;
  edgeHash: Int32Array;
  edgeChild: Int32Array;
  rootBits: Uint32Array;
}

export interface TrieStorage<P> {
  size: number;
  nodes: number;
  edges: number;
  payloads: (P[] | null)[];
  keys: (string[] | null)[];
  tables: TrieTables;
}

/** Empty slot of the edge table: no node has this id. */
const EMPTY = -1;
const ROOT = 0;

/**
 * A trie over token key hashes: every gazetteer phrase or topic cue is a path of keys, so one walk from each
 * token finds the longest phrase starting there, whatever the size of the gazetteer. Built once at start-up.
 * Nodes are keyed by the 32-bit hashes the tokenizer computes while scanning; a hit is confirmed against the
 * phrase's real keys, so a hash collision can never produce a match.
 *
 * Nodes are integer ids and all edges live in one open-addressing table keyed by (parent id, key hash):
 * a walk step is a few integer compares in typed arrays, where a Map keyed by 32-bit hashes (heap numbers,
 * not small integers) cost a slow lookup for every token of every article.
 */
export class PhraseTrie<P> {
  private size = 0;
  private nodes = 1;
  private readonly payloads: (P[] | null)[] = [null];
  private readonly keys: (string[] | null)[] = [null];
  /** 1 when the node has at least one child. */
  private hasNext: Uint8Array = new Uint8Array(1024);
  private edgeParent: Int32Array = new Int32Array(1024).fill(EMPTY);
  private edgeHash: Int32Array = new Int32Array(1024);
  private edgeChild: Int32Array = new Int32Array(1024);
  private mask = 1023;
  private edges = 0;
  /** Low 16 bits of the hashes of the root's edges, one bit each (see `rootChild`). */
  private readonly rootBits: Uint32Array = new Uint32Array(2048);

  /** An empty trie, or one over the storage of a built trie (see `storage()`), shared and never copied. */
  constructor(storage?: TrieStorage<P>) {
    if (!storage) return;
    this.size = storage.size;
    this.nodes = storage.nodes;
    this.edges = storage.edges;
    this.payloads = storage.payloads;
    this.keys = storage.keys;
    this.hasNext = storage.tables.hasNext;
    this.edgeParent = storage.tables.edgeParent;
    this.edgeHash = storage.tables.edgeHash;
    this.edgeChild = storage.tables.edgeChild;
    this.mask = storage.tables.edgeParent.length - 1;
    this.rootBits = storage.tables.rootBits;
  }

  /**
   * Everything the trie holds, for a snapshot: the typed tables (which a loaded trie may keep in shared memory)
   * and the per-node keys and payloads. A trie made from it matches exactly as this one; neither may be added to
   * afterwards while the other is in use.
   */
  storage(): TrieStorage<P> {
    return {
      size: this.size,
      nodes: this.nodes,
      edges: this.edges,
      payloads: this.payloads,
      keys: this.keys,
      tables: {
        hasNext: this.hasNext,
        edgeParent: this.edgeParent,
        edgeHash: this.edgeHash,
        edgeChild: this.edgeChild,
        rootBits: this.rootBits,
      },
    };
  }

  add(keys: readonly string[], payload: P): void {
    if (keys.length === 0) return;
    let node = ROOT;
    for (const key of keys) {
      const hash = hashKey(key) | 0;
      let child = this.child(node, hash);
      if (child === EMPTY) {
        child = this.nodes++;
        this.payloads.push(null);
        this.keys.push(null);
        this.link(node, hash, child);
      }
      node = child;
    }
    const list = (this.payloads[node] ??= []);
    this.keys[node] ??= [...keys];
    list.push(payload);
    this.size++;
  }

  get phraseCount(): number {
    return this.size;
  }

  /**
   * Leftmost-longest matches without overlap. A phrase never spans a hard break (comma, full stop) between
   * two of its tokens, so "Guinea, Bissau" is two mentions and "Guinea-Bissau" one.
   */
  matchAll(text: string, tokens: TokenBuffer, options: MatchOptions = {}): PhraseMatch<P>[] {
    const list = new MatchList<P>();
    this.matchInto(text, tokens, list, options);
    return list.items;
  }

  /**
   * `matchAll` into a reusable list (cleared first). Tokens that start no phrase, nearly all of them, are
   * passed over in a tight loop on local copies of the tables: the root filter's bit, and for
   * `capitalizedStarts` the token's case, are tested before any call or probe of the edge table.
   */
  matchInto(text: string, tokens: TokenBuffer, out: MatchList<P>, options: MatchOptions = {}): void {
    out.clear();
    if (this.hasNext[ROOT] === 0) return;
    const { language, capitalizedStarts } = options;
    const n = tokens.count;
    const hashes = tokens.hash;
    const rootBits = this.rootBits;
    let i = 0;
    while (i < n) {
      const bit = hashes[i] & 0xffff;
      if (
        (capitalizedStarts === true && tokens.isLower(i)) ||
        ((rootBits[bit >>> 5] & (1 << (bit & 31))) === 0 && !tokens.hasAlt(i))
      ) {
        i++;
        continue;
      }
      i = this.longestAt(text, tokens, i, out, language);
    }
  }

  /** The longest confirmed phrase from token i into `out`; returns the token after it, or i + 1 if none. */
  private longestAt(
    text: string,
    tokens: TokenBuffer,
    i: number,
    out: MatchList<P>,
    language?: string,
  ): number {
    const n = tokens.count;
    let node = this.step(ROOT, tokens, i);
    let bestTo = -1;
    let best = EMPTY;
    let j = i;
    while (node !== EMPTY) {
      j++;
      const keys = this.keys[node];
      if (keys !== null && confirm(text, tokens, i, keys, language)) {
        bestTo = j;
        best = node;
      }
      if (j >= n || this.hasNext[node] === 0 || tokens.breakBefore(j)) break;
      node = this.step(node, tokens, j);
    }
    if (best === EMPTY) return i + 1;
    out.add(i, bestTo, this.payloads[best]!);
    return bestTo;
  }

  /** The child of `node` along token i (its own hash, else its variants), or EMPTY. */
  private step(node: number, tokens: TokenBuffer, i: number): number {
    if (this.hasNext[node] === 0) return EMPTY;
    const hash = tokens.hash[i];
    const hit = node === ROOT ? this.rootChild(hash) : this.child(node, hash);
    if (hit !== EMPTY || !tokens.hasAlt(i)) return hit;
    for (let a = tokens.altFrom[i]; a < tokens.altTo[i]; a++) {
      const altHit = this.child(node, tokens.alts[a]);
      if (altHit !== EMPTY) return altHit;
    }
    return EMPTY;
  }

  /**
   * Most tokens start no phrase, so a walk usually ends at the root: a bit per low 16 bits of the hash
   * answers "no" for almost all of them in one load, before a probe of the edge table.
   */
  private rootChild(hash: number): number {
    const bit = hash & 0xffff;
    if ((this.rootBits[bit >>> 5] & (1 << (bit & 31))) === 0) return EMPTY;
    return this.child(ROOT, hash);
  }

  /** The child of `node` along `hash` (both as int32), or EMPTY. */
  private child(node: number, hash: number): number {
    const mask = this.mask;
    let slot = (hash ^ Math.imul(node + 1, 0x9e3779b1)) & mask;
    for (;;) {
      const parent = this.edgeParent[slot];
      if (parent === EMPTY) return EMPTY;
      if (parent === node && this.edgeHash[slot] === hash) return this.edgeChild[slot];
      slot = (slot + 1) & mask;
    }
  }

  private link(node: number, hash: number, child: number): void {
    // Keep the table at most half full so that probes stay short.
    if ((this.edges + 1) * 2 > this.edgeParent.length) this.grow();
    this.insertEdge(node, hash, child);
    this.edges++;
    if (node === ROOT) this.rootBits[(hash & 0xffff) >>> 5] |= 1 << (hash & 31);
    if (node >= this.hasNext.length || child >= this.hasNext.length) {
      const bigger = new Uint8Array(Math.max(this.hasNext.length * 2, child + 1));
      bigger.set(this.hasNext);
      this.hasNext = bigger;
    }
    this.hasNext[node] = 1;
  }

  private insertEdge(node: number, hash: number, child: number): void {
    let slot = (hash ^ Math.imul(node + 1, 0x9e3779b1)) & this.mask;
    while (this.edgeParent[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.edgeParent[slot] = node;
    this.edgeHash[slot] = hash;
    this.edgeChild[slot] = child;
  }

  private grow(): void {
    const parents = this.edgeParent;
    const hashes = this.edgeHash;
    const children = this.edgeChild;
    const size = parents.length * 2;
    this.edgeParent = new Int32Array(size).fill(EMPTY);
    this.edgeHash = new Int32Array(size);
    this.edgeChild = new Int32Array(size);
    this.mask = size - 1;
    for (let s = 0; s < parents.length; s++)
      if (parents[s] !== EMPTY) this.insertEdge(parents[s], hashes[s], children[s]);
  }
}

function confirm(
  text: string,
  tokens: TokenBuffer,
  from: number,
  keys: readonly string[],
  language?: string,
): boolean {
  for (let k = 0; k < keys.length; k++) {
    const t = from + k;
    const start = tokens.start[t];
    const end = tokens.end[t];
    if (tokens.ascii) {
      // An ASCII token's key is the token in lower case without dots: only variants need the slow path.
      if (
        !sameFoldedBytes(tokens.bytes, start, end, keys[k]) &&
        !(tokens.hasAlt(t) && confirmSlow(text, tokens, t, keys[k], language))
      )
        return false;
    } else if (!sameAscii(text, start, end, keys[k]) && !confirmSlow(text, tokens, t, keys[k], language)) {
      return false;
    }
  }
  return true;
}

/** Token t stands for `key` through its normalized form or a variant (Arabic proclitics, German genitive). */
function confirmSlow(text: string, tokens: TokenBuffer, t: number, key: string, language?: string): boolean {
  return keysAt(text, tokens.start[t], tokens.end[t], tokens.hasAlt(t), language).includes(key);
}

/**
 * Compares an ASCII token in the byte copy of its field with a key, as `keyAt` normalizes the token:
 * lower case, the dots of an initialism ("U.S.") dropped.
 */
function sameFoldedBytes(bytes: Uint8Array, start: number, end: number, key: string): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    let c = bytes[i];
    if (c === 46) continue;
    if (c >= 65 && c <= 90) c += 32;
    if (k >= key.length || c !== key.charCodeAt(k)) return false;
    k++;
  }
  return k === key.length;
}

/** Compares an ASCII word with a lower-case key without building a string: the common case, done often. */
function sameAscii(text: string, start: number, end: number, key: string): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== key.charCodeAt(i)) return false;
  }
  return true;
}
