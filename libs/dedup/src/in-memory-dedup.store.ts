import {
  DEFAULT_WINDOW_MS,
  type ArticleClaim,
  type DedupPolicy,
  type DedupStore,
  type DedupVerdict,
  type UrlRecord,
} from './dedup.types';
import { decideVerdict, urlRecordAfter, type ClaimLookup } from './verdict-policy';

export interface InMemoryDedupStoreOptions {
  /** Upper bound on remembered inputs (and so on articles); default 1,000,000. */
  maxEntries?: number;
  /** How long an article is remembered; default 14 days. */
  windowMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** A URL record with the time it was written (one object per URL: memory matters at a million). */
type StoredUrl = UrlRecord & { storedAt: number };

/** One generation of memory. Dropping a whole generation is how the store forgets in O(1) per article. */
class Generation {
  /** Verdicts given, by inputRef. A replay is answered as long as the generation lives (window to 1.5 windows). */
  readonly inputs = new Map<string, DedupVerdict>();
  readonly urls = new Map<string, StoredUrl>();
  readonly exacts = new Map<string, string>();
  /** Index key (as int32, so V8 stores it unboxed) → articleId filed first under it. */
  readonly keys = new Map<number, string>();
  newest = 0;
  constructor(readonly createdAt: number) {}
}

/**
 * The single-process store: the default for one worker instance and for the CLI. Two generations of Maps:
 * writes go to the current one, reads look in both; the current one becomes the previous one when it holds
 * half of maxEntries inputs or is half a window old, and the previous one is then dropped. So memory stays
 * bounded by maxEntries, and every article is checked against the window on read (forgotten on time, exactly;
 * a replayed input keeps its verdict a little longer, which only makes replays safer).
 */
export class InMemoryDedupStore implements DedupStore {
  private readonly maxEntries: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private current: Generation;
  private previous: Generation | undefined;

  constructor(options: InMemoryDedupStoreOptions = {}) {
    this.maxEntries = Math.max(2, options.maxEntries ?? 1_000_000);
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.current = new Generation(this.now());
  }

  claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]> {
    return Promise.resolve(claims.map((claim) => this.claim(claim, policy)));
  }

  size(): Promise<number> {
    return Promise.resolve(this.current.urls.size + (this.previous?.urls.size ?? 0));
  }

  close(): Promise<void> {
    this.previous = undefined;
    this.current = new Generation(this.now());
    return Promise.resolve();
  }

  /** Check and claim one article; synchronous, so claims of a batch apply strictly in order. */
  claim(claim: ArticleClaim, policy: DedupPolicy): DedupVerdict {
    const now = this.now();
    this.rotate(now);
    const since = now - this.windowMs;
    const replay = this.current.inputs.get(claim.inputRef) ?? this.previous?.inputs.get(claim.inputRef);
    if (replay) return replay;

    const url = this.url(claim.articleId, since);
    const exactOwner = this.published(
      this.current.exacts.get(claim.exact) ?? this.previous?.exacts.get(claim.exact),
      since,
    );
    const lookup: ClaimLookup = { url, exactOwner: exactOwner?.articleId, candidates: [] };
    if (!url || url.revision === 0) {
      const seen = new Set<string>();
      for (const key of claim.probes) {
        const owner = this.current.keys.get(key | 0) ?? this.previous?.keys.get(key | 0);
        if (owner === undefined || owner === claim.articleId || seen.has(owner)) continue;
        seen.add(owner);
        const candidate = this.published(owner, since);
        const { sketch, lead } = candidate?.record ?? {};
        if (sketch && lead) lookup.candidates.push({ articleId: owner, sketch, lead });
      }
    }
    const verdict = decideVerdict(claim, lookup, policy);

    const generation = this.current;
    generation.newest = now;
    generation.inputs.set(claim.inputRef, verdict);
    const record = urlRecordAfter(claim, verdict, url);
    if (record) generation.urls.set(claim.articleId, Object.assign(record, { storedAt: now }));
    if (verdict.status !== 'duplicate') {
      if (!exactOwner) generation.exacts.set(claim.exact, claim.articleId);
      for (const key of claim.keys) {
        const owner = generation.keys.get(key | 0) ?? this.previous?.keys.get(key | 0);
        if (owner === undefined || !this.published(owner, since))
          generation.keys.set(key | 0, claim.articleId);
      }
    }
    return verdict;
  }

  private url(articleId: string, since: number): UrlRecord | undefined {
    const record = this.current.urls.get(articleId) ?? this.previous?.urls.get(articleId);
    return record && record.storedAt >= since ? record : undefined;
  }

  /** A still-remembered published article, or undefined (forgotten, or only ever a copy). */
  private published(
    articleId: string | undefined,
    since: number,
  ): { articleId: string; record: UrlRecord } | undefined {
    if (articleId === undefined) return undefined;
    const record = this.url(articleId, since);
    return record && record.revision > 0 ? { articleId, record } : undefined;
  }

  private rotate(now: number): void {
    if (this.previous && this.previous.newest < now - this.windowMs) this.previous = undefined;
    const full = this.current.inputs.size >= this.maxEntries / 2;
    const old = this.current.createdAt < now - this.windowMs / 2;
    if (full || (old && this.current.inputs.size > 0)) {
      this.previous = this.current;
      this.current = new Generation(now);
    }
  }
}
