import { hashKey, keysOf, type Token } from './tokenizer';

/**
 * A trie over token key hashes: every gazetteer phrase or topic cue is a path of keys, so one walk from each
 * token finds the longest phrase starting there, whatever the size of the gazetteer. Built once at start-up.
 * Nodes are keyed by the 32-bit hashes the tokenizer computes while scanning; a hit is confirmed against the
 * phrase's real keys, so a hash collision can never produce a match.
 */
interface TrieNode<P> {
  next: Map<number, TrieNode<P>> | null;
  payloads: P[] | null;
  keys: string[] | null;
}

export interface PhraseMatch<P> {
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
  payloads: P[];
}

function newNode<P>(): TrieNode<P> {
  return { next: null, payloads: null, keys: null };
}

export interface MatchOptions {
  language?: string;
  /** Only start phrases at tokens that are not lower case: names never do, and most words are lower case. */
  capitalizedStarts?: boolean;
}

export class PhraseTrie<P> {
  private readonly root: TrieNode<P> = newNode();
  private size = 0;

  add(keys: readonly string[], payload: P): void {
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      const hash = hashKey(key);
      node.next ??= new Map();
      let child = node.next.get(hash);
      if (!child) {
        child = newNode();
        node.next.set(hash, child);
      }
      node = child;
    }
    node.payloads ??= [];
    node.keys ??= [...keys];
    node.payloads.push(payload);
    this.size++;
  }

  get phraseCount(): number {
    return this.size;
  }

  /**
   * Leftmost-longest matches without overlap. A phrase never spans a hard break (comma, full stop) between
   * two of its tokens, so "Guinea, Bissau" is two mentions and "Guinea-Bissau" one.
   */
  matchAll(text: string, tokens: readonly Token[], options: MatchOptions = {}): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = [];
    const { language, capitalizedStarts } = options;
    const n = tokens.length;
    let i = 0;
    while (i < n) {
      if (capitalizedStarts && tokens[i].shape === 'lower') {
        i++;
        continue;
      }
      let node = this.step(this.root, tokens[i]);
      let bestTo = -1;
      let best: TrieNode<P> | null = null;
      let j = i;
      while (node) {
        j++;
        if (node.payloads && confirm(text, tokens, i, node.keys!, language)) {
          bestTo = j;
          best = node;
        }
        if (j >= n || !node.next || tokens[j].breakBefore) break;
        node = this.step(node, tokens[j]);
      }
      if (best) {
        out.push({ from: i, to: bestTo, payloads: best.payloads! });
        i = bestTo;
      } else {
        i++;
      }
    }
    return out;
  }

  private step(node: TrieNode<P>, token: Token): TrieNode<P> | undefined {
    const next = node.next;
    if (!next) return undefined;
    const hit = next.get(token.hash);
    if (hit || !token.alt) return hit;
    for (const hash of token.alt) {
      const altHit = next.get(hash);
      if (altHit) return altHit;
    }
    return undefined;
  }
}

function confirm(text: string, tokens: readonly Token[], from: number, keys: readonly string[], language?: string): boolean {
  for (let k = 0; k < keys.length; k++) {
    const token = tokens[from + k];
    if (!sameAscii(text, token.start, token.end, keys[k]) && !keysOf(text, token, language).includes(keys[k])) return false;
  }
  return true;
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
