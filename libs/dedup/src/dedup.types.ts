/** What the pipeline hands to the deduplicator for one normalized article. */
export interface DedupCandidate {
  /**
   * Stable identity of the input event, e.g. 'news.articles.raw.v1/3/1042' or 'line:17'. A replay of the same
   * input (crash, rebalance, DLQ replay) carries the same inputRef and gets back the verdict it got first.
   */
  inputRef: string;
  /** Derived from the canonical URL (see articleIdFor). */
  articleId: string;
  canonicalUrl: string;
  title: string;
  /** The normalized body, paragraphs joined by '\n\n'. Fingerprints come from this only. */
  text: string;
  /** ms since epoch (fetchedAt or processing time). */
  observedAt: number;
}

export type DedupVerdict =
  | { status: 'unique'; revision: 1; fingerprint: string }
  | { status: 'updated'; revision: number; fingerprint: string }
  | {
      status: 'duplicate';
      /** articleId of the first published article of the story (the article itself for a re-scrape). */
      duplicateOf: string;
      match: 'exact' | 'near';
      similarity: number;
      /** The same canonical URL was seen before with this content (a re-scrape). */
      sameUrl: boolean;
      fingerprint: string;
    };

/** One article's fingerprints, as a store files and looks them up. */
export interface ArticleClaim {
  inputRef: string;
  articleId: string;
  /** 16 hex digits, see TextFingerprint.exact. */
  exact: string;
  /** Sampled shingle hashes (see TextFingerprint.sketch). */
  sketch: Uint32Array;
  /** All shingle hashes of the lead (see TextFingerprint.lead). */
  lead: Uint32Array;
  /** Index keys (unsigned 32-bit): where the article is filed if it is published. */
  keys: number[];
  /** Keys to look up for earlier articles: `keys` first, then any further ones. */
  probes: number[];
}

/** The thresholds a store applies inside its atomic check-and-claim. */
export interface DedupPolicy {
  /** Minimal estimated containment of the shorter body in the other for a near duplicate. */
  nearContainment: number;
  /** Fewer shared-range samples than this cannot support a near-duplicate verdict (very short bodies). */
  minSamples: number;
  /** When a body is too short for the sketch: minimal containment of the shorter lead in the other. */
  leadContainment: number;
  /** ...and the fewest lead shingles that may decide (shorter bodies only match exactly). */
  minLeadShingles: number;
}

/**
 * Remembers claimed articles. `claimBatch` decides and records every claim atomically per article, in order
 * (a later claim sees the earlier ones), and answers a replayed inputRef with its first verdict.
 * Failures of the backing service reject with TransientError.
 */
export interface DedupStore {
  claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]>;
  /** Approximate number of remembered article URLs. */
  size(): Promise<number>;
  close(): Promise<void>;
}

/** What a store remembers about a canonical URL. */
export interface UrlRecord {
  /** Exact hash of the content last seen at this URL. */
  exact: string;
  /** Published revision; 0 when this URL only ever carried a copy of another article. */
  revision: number;
  /** For a copy URL: the article it copies, and how it matched. */
  copyOf?: { articleId: string; match: 'exact' | 'near'; similarity: number };
  /** Sketch of the published content, for near-duplicate comparison (published URLs only). */
  sketch?: Uint32Array;
  lead?: Uint32Array;
}

export const DEFAULT_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
