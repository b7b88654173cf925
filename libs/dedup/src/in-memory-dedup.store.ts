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
export type StoredUrl = UrlRecord & { storedAt: number };

/**
 * One write to the index, as a changelog carries it: the map, the entry's key and value, and the generation it
 * went to (generations are numbered from 1, in the order the store created them). Replaying the latest write of
 * every key, generation tags included, rebuilds the same lookups (see restoreEntry).
 */
export type IndexEntry = { generation: number; generationCreatedAt: number; at: number } & (
  | { map: 'inputs'; key: string; value: DedupVerdict }
  | { map: 'urls'; key: string; value: StoredUrl }
  | { map: 'exacts'; key: string; value: string }
  | { map: 'keys'; key: number; value: string }
);

/** What one claim batch wrote, and how to take it back (newest first) while it is not committed. */
export interface RecordedClaims {
  verdicts: DedupVerdict[];
  entries: IndexEntry[];
  undo: Array<() => void>;
}

/** One generation of memory. Dropping a whole generation is how the store forgets in O(1) per article. */
class Generation {
  /** Verdicts given, by inputRef. A replay is answered as long as the generation lives (window to 1.5 windows). */
  readonly inputs = new Map<string, DedupVerdict>();
  readonly urls = new Map<string, StoredUrl>();
  readonly exacts = new Map<string, string>();
  /** Index key (as int32, so V8 stores it unboxed) → articleId filed first under it. */
  readonly keys = new Map<number, string>();
  newest = 0;
  constructor(
    readonly createdAt: number,
    readonly id: number,
  ) {}
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
  /** While a batch is being recorded: where its writes and their undo go. */
  private recording: RecordedClaims | undefined;

  constructor(options: InMemoryDedupStoreOptions = {}) {
    this.maxEntries = Math.max(2, options.maxEntries ?? 1_000_000);
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.current = new Generation(this.now(), 1);
  }

  claimBatch(claims: ArticleClaim[], policy: DedupPolicy): Promise<DedupVerdict[]> {
    return Promise.resolve(claims.map((claim) => this.claim(claim, policy)));
  }

  size(): Promise<number> {
    return Promise.resolve(this.current.urls.size + (this.previous?.urls.size ?? 0));
  }

  close(): Promise<void> {
    this.previous = undefined;
    this.current = new Generation(this.now(), this.current.id + 1);
    return Promise.resolve();
  }

  /**
   * claimBatch that also returns every write it made and how to undo them: for a changelog that publishes the
   * writes with the batch's outputs, and takes them back when that transaction aborts. Undoing is exact as long
   * as no later batch's writes remain (the caller undoes newest first); generation rotations are not undone.
   */
  claimRecorded(claims: ArticleClaim[], policy: DedupPolicy): RecordedClaims {
    const recorded: RecordedClaims = { verdicts: [], entries: [], undo: [] };
    this.recording = recorded;
    try {
      for (const claim of claims) recorded.verdicts.push(this.claim(claim, policy));
    } finally {
      this.recording = undefined;
    }
    return recorded;
  }

  /**
   * Rebuilds the index from changelog entries, before any claim: each entry goes to its own generation, a key's
   * writes to one generation in the order given (the last one wins, as it did live), and only the two newest
   * generations are kept, as the live store keeps them. So the restored store answers every lookup as the store
   * that wrote the entries did. Returns how many entries were kept.
   */
  restore(entries: Iterable<IndexEntry>): number {
    const restoration = this.restoration();
    for (const entry of entries) restoration.add(entry);
    return restoration.finish();
  }

  /** restore() one entry at a time, for a changelog read as it arrives; older generations are dropped early. */
  restoration(): { add(entry: IndexEntry): void; finish(): number } {
    const generations = new Map<number, Generation>();
    let newest = 0;
    let kept = 0;
    return {
      add: (entry) => {
        if (entry.generation < newest - 1) return;
        if (entry.generation > newest) {
          newest = entry.generation;
          for (const id of generations.keys()) if (id < newest - 1) generations.delete(id);
        }
        let generation = generations.get(entry.generation);
        if (!generation)
          generations.set(
            entry.generation,
            (generation = new Generation(entry.generationCreatedAt, entry.generation)),
          );
        generation.newest = Math.max(generation.newest, entry.at);
        switch (entry.map) {
          case 'inputs':
            generation.inputs.set(entry.key, entry.value);
            break;
          case 'urls':
            generation.urls.set(entry.key, entry.value);
            break;
          case 'exacts':
            generation.exacts.set(entry.key, entry.value);
            break;
          case 'keys':
            generation.keys.set(entry.key | 0, entry.value);
            break;
        }
      },
      finish: () => {
        const current = generations.get(newest);
        if (!current) return 0;
        this.current = current;
        this.previous = generations.get(newest - 1);
        for (const g of [this.current, this.previous])
          if (g) kept += g.inputs.size + g.urls.size + g.exacts.size + g.keys.size;
        return kept;
      },
    };
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
    const newest = generation.newest;
    generation.newest = now;
    this.recording?.undo.push(() => (generation.newest = newest));
    this.write(generation, now, { map: 'inputs', key: claim.inputRef, value: verdict });
    const record = urlRecordAfter(claim, verdict, url);
    if (record)
      this.write(generation, now, {
        map: 'urls',
        key: claim.articleId,
        value: Object.assign(record, { storedAt: now }),
      });
    if (verdict.status !== 'duplicate') {
      if (!exactOwner)
        this.write(generation, now, { map: 'exacts', key: claim.exact, value: claim.articleId });
      for (const key of claim.keys) {
        const owner = generation.keys.get(key | 0) ?? this.previous?.keys.get(key | 0);
        if (owner === undefined || !this.published(owner, since))
          this.write(generation, now, { map: 'keys', key: key | 0, value: claim.articleId });
      }
    }
    return verdict;
  }

  /** Sets one entry of the current generation; while recording, also notes the entry and how to undo it. */
  private write(generation: Generation, at: number, write: WriteOf<IndexEntry>): void {
    const map = generation[write.map] as Map<string | number, unknown>;
    const recording = this.recording;
    if (recording) {
      const had = map.has(write.key);
      const before = map.get(write.key);
      recording.undo.push(() => (had ? map.set(write.key, before) : map.delete(write.key)));
      recording.entries.push({
        ...write,
        generation: generation.id,
        generationCreatedAt: generation.createdAt,
        at,
      });
    }
    map.set(write.key, write.value);
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
      this.current = new Generation(now, this.current.id + 1);
    }
  }
}

/** An index entry without its generation tags: what claim() decides to write. */
type WriteOf<E> = E extends IndexEntry ? Omit<E, 'generation' | 'generationCreatedAt' | 'at'> : never;
