import type { Token } from './tokenizer';

/**
 * A trie over token keys: every gazetteer phrase or topic cue is a path of keys, so one walk from each token
 * finds the longest phrase starting there, whatever the size of the gazetteer. Built once at start-up.
 */
interface TrieNode<P> {
  next: Map<string, TrieNode<P>> | null;
  payloads: P[] | null;
}

export interface PhraseMatch<P> {
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
  payloads: P[];
}

function newNode<P>(): TrieNode<P> {
  return { next: null, payloads: null };
}

export class PhraseTrie<P> {
  private readonly root: TrieNode<P> = newNode();
  private size = 0;

  add(keys: readonly string[], payload: P): void {
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) {
        child = newNode();
        node.next.set(key, child);
      }
      node = child;
    }
    node.payloads ??= [];
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
  matchAll(tokens: readonly Token[]): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = [];
    const n = tokens.length;
    let i = 0;
    while (i < n) {
      let node = this.step(this.root, tokens[i]);
      let bestTo = -1;
      let best: P[] | null = null;
      let j = i;
      while (node) {
        j++;
        if (node.payloads) {
          bestTo = j;
          best = node.payloads;
        }
        if (j >= n || !node.next || tokens[j].breakBefore) break;
        node = this.step(node, tokens[j]);
      }
      if (best) {
        out.push({ from: i, to: bestTo, payloads: best });
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
    const hit = next.get(token.key);
    if (hit || !token.alt) return hit;
    for (const key of token.alt) {
      const altHit = next.get(key);
      if (altHit) return altHit;
    }
    return undefined;
  }
}
