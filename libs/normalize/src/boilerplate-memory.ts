/**
 * Per-source boilerplate learned from the stream: a line that recurs in many of the recent distinct
 * articles of one domain (a slogan, a "Follow us" line, a section label the static vocabulary does not
 * know) is furniture of that site. Memory is bounded three ways: a window of recent articles per
 * domain, a fixed number of edge lines per article (furniture sits at the top and bottom), and a
 * maximum number of domains (least recently seen evicted). Lines are kept as 32-bit hashes.
 */
import { lowerUnit } from './text-hygiene';

export interface BoilerplateOptions {
  /** a line is furniture once it appeared in at least this many other recent articles of the domain */
  minArticles?: number;
  /** … and in at least this share of the remembered articles of the domain */
  minShare?: number;
  /** domains remembered (least recently seen evicted) */
  maxDomains?: number;
  /** recent articles remembered per domain */
  window?: number;
}

const HEAD_LINES = 16;
const TAIL_LINES = 24;
const MAX_LINE = 300;
const HASH_PREFIX = 80;

/** FNV-1a of a line's first HASH_PREFIX units, lower-cased, and its length. */
function hashLine(line: string): number {
  // Lines arrive with whitespace already collapsed; case is folded so "SHARE" and "Share" count as one.
  // A prefix and the length identify a line well enough, at a fraction of the cost for long lines.
  // Case is folded unit by unit as the hash reads, without a lower-cased copy of the prefix.
  const end = Math.min(line.length, HASH_PREFIX);
  let h = 0x811c9dc5 ^ line.length;
  for (let i = 0; i < end; i++) {
    const c = lowerUnit(line.charCodeAt(i));
    if (c < 0) return hashLowerCased(line); // a unit that lower-cases by context
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `hashLine` by way of toLowerCase() on the prefix, for the rare lines `lowerUnit` cannot fold. */
function hashLowerCased(line: string): number {
  const s = (line.length > HASH_PREFIX ? line.slice(0, HASH_PREFIX) : line).toLowerCase();
  let h = 0x811c9dc5 ^ line.length;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class DomainHistory {
  readonly counts = new Map<number, number>();
  readonly ring: (Uint32Array | null)[];
  readonly keys: (string | null)[];
  readonly present = new Set<string>();
  next = 0;
  size = 0;

  constructor(window: number) {
    this.ring = new Array<Uint32Array | null>(window).fill(null);
    this.keys = new Array<string | null>(window).fill(null);
  }

  add(articleKey: string, hashes: Uint32Array): void {
    const old = this.ring[this.next];
    if (old !== null) {
      for (const h of old) {
        const c = (this.counts.get(h) ?? 1) - 1;
        if (c <= 0) this.counts.delete(h);
        else this.counts.set(h, c);
      }
      this.present.delete(this.keys[this.next] as string);
    } else {
      this.size++;
    }
    this.ring[this.next] = hashes;
    this.keys[this.next] = articleKey;
    this.present.add(articleKey);
    for (const h of hashes) this.counts.set(h, (this.counts.get(h) ?? 0) + 1);
    this.next = (this.next + 1) % this.ring.length;
  }
}

export class BoilerplateMemory {
  private readonly domains = new Map<string, DomainHistory>();
  private readonly minArticles: number;
  private readonly minShare: number;
  private readonly maxDomains: number;
  private readonly window: number;
  private readonly enabled: boolean;

  constructor(options: BoilerplateOptions = {}) {
    const minArticles = options.minArticles ?? 6;
    // minArticles: Infinity (or maxDomains: 0) turns learning off: output then never depends on history.
    this.enabled = Number.isFinite(minArticles) && (options.maxDomains ?? 1) > 0;
    this.minArticles = this.enabled ? Math.max(2, Math.floor(minArticles)) : 2;
    this.minShare = Math.min(1, Math.max(0, options.minShare ?? 0.25));
    this.maxDomains = Math.max(1, Math.floor(options.maxDomains ?? 500));
    this.window = Math.min(1024, Math.max(this.minArticles + 1, Math.floor(options.window ?? 32)));
  }

  /**
   * Returns `lines` without the domain's learned furniture, then learns from this article's lines
   * (once per `articleKey`, so re-scrapes of one page do not make its own sentences look recurrent).
   */
  filter(domain: string, articleKey: string, lines: readonly string[]): string[] {
    if (domain === '' || !this.enabled) return lines.slice();
    let history = this.domains.get(domain);
    if (history !== undefined) {
      this.domains.delete(domain); // re-insert: Map order is our recency order
      this.domains.set(domain, history);
    } else {
      history = new DomainHistory(this.window);
      this.domains.set(domain, history);
      if (this.domains.size > this.maxDomains) {
        const oldest = this.domains.keys().next().value;
        if (oldest !== undefined) this.domains.delete(oldest);
      }
    }
    // Hashes go to a typed array: most are outside the small-integer range, and a plain array of them
    // changes its element kind (and the compiled code with it) as they arrive.
    const hashes = new Uint32Array(Math.min(lines.length, HEAD_LINES + TAIL_LINES));
    let hashCount = 0;
    const out: string[] = [];
    const tailStart = lines.length - TAIL_LINES;
    const threshold = Math.max(this.minArticles, Math.ceil(this.minShare * history.size));
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const edge = i < HEAD_LINES || i >= tailStart;
      if (line.length > MAX_LINE || !edge) {
        out.push(line);
        continue;
      }
      const h = hashLine(line);
      hashes[hashCount++] = h;
      if ((history.counts.get(h) ?? 0) >= threshold) continue;
      out.push(line);
    }
    if (!history.present.has(articleKey))
      history.add(articleKey, Uint32Array.from(new Set(hashes.subarray(0, hashCount))));
    return out;
  }
}
