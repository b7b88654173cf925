import { compareSets, compareSketches } from './sketch-similarity';
import type { ArticleClaim, DedupPolicy, DedupVerdict, UrlRecord } from './dedup.types';

export const DEFAULT_DEDUP_POLICY: Readonly<DedupPolicy> = Object.freeze({
  nearContainment: 0.65,
  minSamples: 5,
  leadContainment: 0.8,
  minLeadShingles: 8,
});

/** What a store found for one claim before deciding. */
export interface ClaimLookup {
  url?: UrlRecord;
  /** The first article published with exactly this content. */
  exactOwner?: string;
  /** Published articles filed under one of the claim's index keys (not the claim's own article). */
  candidates: Array<{ articleId: string; sketch: Uint32Array; lead: Uint32Array }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The dedup semantics in one pure function (the Redis Lua script mirrors it):
 * URL first (re-scrape or update), then the same body elsewhere, then a near copy, else a new story.
 */
export function decideVerdict(claim: ArticleClaim, lookup: ClaimLookup, policy: DedupPolicy): DedupVerdict {
  const fingerprint = claim.exact;
  const { url } = lookup;
  // The same body under the same URL again: a re-scrape of what this article published.
  const rescrape: DedupVerdict = {
    status: 'duplicate',
    duplicateOf: claim.articleId,
    match: 'exact',
    similarity: 1,
    sameUrl: true,
    fingerprint,
  };
  if (url && url.exact === claim.exact) {
    if (url.copyOf)
      return {
        status: 'duplicate',
        duplicateOf: url.copyOf.articleId,
        match: url.copyOf.match,
        similarity: url.copyOf.similarity,
        sameUrl: true,
        fingerprint,
      };
    return rescrape;
  }
  if (url && url.revision > 0) {
    // Content seen under an earlier revision of this URL (a stale cache served again) is a re-scrape, not an update.
    if (lookup.exactOwner === claim.articleId) return rescrape;
    return { status: 'updated', revision: url.revision + 1, fingerprint };
  }
  if (lookup.exactOwner !== undefined && lookup.exactOwner !== claim.articleId) {
    return {
      status: 'duplicate',
      duplicateOf: lookup.exactOwner,
      match: 'exact',
      similarity: 1,
      sameUrl: false,
      fingerprint,
    };
  }
  let best: { articleId: string; similarity: number } | undefined;
  for (const candidate of lookup.candidates) {
    const similarity = nearSimilarity(claim, candidate, policy);
    if (similarity !== undefined && (!best || similarity > best.similarity))
      best = { articleId: candidate.articleId, similarity };
  }
  if (best)
    return {
      status: 'duplicate',
      duplicateOf: best.articleId,
      match: 'near',
      similarity: round(best.similarity),
      sameUrl: false,
      fingerprint,
    };
  return { status: 'unique', revision: 1, fingerprint };
}

/**
 * Containment of the shorter body in the other when the samples can decide it; for a body too short for that
 * (a one-paragraph teaser), the containment of the shorter lead in the other, with a stricter bar.
 */
function nearSimilarity(
  claim: ArticleClaim,
  candidate: { sketch: Uint32Array; lead: Uint32Array },
  policy: DedupPolicy,
): number | undefined {
  const c = compareSketches(claim.sketch, candidate.sketch);
  if (c.smaller >= policy.minSamples)
    return c.containment >= policy.nearContainment ? c.containment : undefined;
  const l = compareSets(claim.lead, candidate.lead);
  return l.smaller >= policy.minLeadShingles && l.containment >= policy.leadContainment
    ? l.containment
    : undefined;
}

/** The URL record a store keeps after a verdict, or undefined when the record stays as it was. */
export function urlRecordAfter(
  claim: ArticleClaim,
  verdict: DedupVerdict,
  previous: UrlRecord | undefined,
): UrlRecord | undefined {
  switch (verdict.status) {
    case 'unique':
      return { exact: claim.exact, revision: 1, sketch: claim.sketch, lead: claim.lead };
    case 'updated':
      return { exact: claim.exact, revision: verdict.revision, sketch: claim.sketch, lead: claim.lead };
    case 'duplicate':
      if (verdict.sameUrl || (previous && previous.revision > 0)) return undefined;
      return {
        exact: claim.exact,
        revision: 0,
        copyOf: { articleId: verdict.duplicateOf, match: verdict.match, similarity: verdict.similarity },
      };
  }
}
