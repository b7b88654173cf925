import { DEFAULT_FINGERPRINT_OPTIONS, fingerprintText, type FingerprintOptions } from './text-fingerprint';
import type { ArticleClaim, DedupCandidate, DedupPolicy, DedupStore, DedupVerdict } from './dedup.types';
import { DEFAULT_DEDUP_POLICY } from './verdict-policy';

export interface DeduplicatorOptions {
  /**
   * Remembering window. It is enforced by the store (keys expire, memory is dropped); the store's own option
   * wins, this one is accepted so callers can configure both from one setting.
   */
  windowMs?: number;
  /** Minimal estimated containment of the shorter body in the other for a near duplicate (default 0.65). */
  nearContainment?: number;
  /** Minimal comparable sample for a near-duplicate verdict (default 5); shorter bodies only match exactly. */
  minSamples?: number;
  /** For bodies too short for the sketch: minimal lead containment (default 0.8) over at least minLeadShingles (8). */
  leadContainment?: number;
  minLeadShingles?: number;
  fingerprint?: Partial<FingerprintOptions>;
}

/** Fingerprints the normalized bodies and lets the store decide and claim them, one batch per call. */
export class Deduplicator {
  private readonly policy: DedupPolicy;
  private readonly fingerprintOptions: FingerprintOptions;

  constructor(
    private readonly store: DedupStore,
    options: DeduplicatorOptions = {},
  ) {
    this.fingerprintOptions = { ...DEFAULT_FINGERPRINT_OPTIONS, ...options.fingerprint };
    this.policy = {
      nearContainment: options.nearContainment ?? DEFAULT_DEDUP_POLICY.nearContainment,
      minSamples: options.minSamples ?? DEFAULT_DEDUP_POLICY.minSamples,
      leadContainment: options.leadContainment ?? DEFAULT_DEDUP_POLICY.leadContainment,
      minLeadShingles: options.minLeadShingles ?? DEFAULT_DEDUP_POLICY.minLeadShingles,
    };
  }

  /** Fingerprints only (no store access): for benchmarks and for callers that want to see what is filed. */
  claimFor(candidate: DedupCandidate): ArticleClaim {
    const fp = fingerprintText(candidate.text, this.fingerprintOptions);
    return {
      inputRef: candidate.inputRef,
      articleId: candidate.articleId,
      exact: fp.exact,
      sketch: fp.sketch,
      lead: fp.lead,
      keys: fp.keys,
      probes: fp.probes,
    };
  }

  /** Verdicts in input order; a later candidate of the batch sees the claims of the earlier ones. */
  checkBatch(candidates: DedupCandidate[]): Promise<DedupVerdict[]> {
    if (candidates.length === 0) return Promise.resolve([]);
    return this.store.claimBatch(
      candidates.map((c) => this.claimFor(c)),
      this.policy,
    );
  }
}
