import { articleIdFor } from '../article-id';
import { Deduplicator } from '../deduplicator';
import type { DedupVerdict } from '../dedup.types';
import { InMemoryDedupStore } from '../in-memory-dedup.store';
import type { StreamEvent } from './dedup-stream';

type Expected =
  | { status: 'unique' }
  | { status: 'updated' }
  | { status: 'duplicate'; duplicateOf: string; sameUrl: boolean };

export interface DedupScore {
  events: number;
  /** Of the duplicate verdicts, the share that are duplicates. */
  duplicatePrecision: number;
  /** Of the duplicates, the share given a duplicate verdict. */
  duplicateRecall: number;
  /** Of the first appearances of a story, the share kept unique. */
  uniquesKept: number;
  /** Of the changed contents at a known URL, the share recognized as updates. */
  updatesRecognized: number;
  /** Of the duplicates found, the share pointing at the right first article. */
  duplicateOfCorrect: number;
  counts: {
    duplicates: number;
    uniques: number;
    updates: number;
    falseDuplicates: number;
    missedDuplicates: number;
  };
  /** Duplicate recall by copy transform (a copy with two transforms counts under both). */
  recallByTransform: Record<string, { recall: number; n: number }>;
  /** A few misclassified events, for looking at. */
  mistakes: Array<{ seq: number; kind: string; variant: string; expected: string; got: string }>;
}

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|igshid|ref)$/i;

/**
 * A deliberately small canonicalizer, enough for the generated streams (the pipeline's own one lives in the
 * normalize library): lower-cased host without www., no fragment, no tracking parameters, no trailing slash.
 */
export function evalCanonicalUrl(raw: string): string {
  const url = new URL(raw);
  const params = [...url.searchParams.entries()]
    .filter(([k]) => !TRACKING_PARAM.test(k))
    .sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
  return `https://${url.hostname.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query}`;
}

/** The verdict each event should get, by replaying the stream against the known story and URL identities. */
export function expectedVerdicts(events: StreamEvent[]): Expected[] {
  const firstOfStory = new Map<string, string>();
  const urls = new Map<string, { published: boolean; versions: Set<string> }>();
  return events.map((event) => {
    const articleId = articleIdFor(evalCanonicalUrl(event.url));
    const url = urls.get(articleId);
    const first = firstOfStory.get(event.story);
    if (url?.versions.has(event.version))
      return { status: 'duplicate', duplicateOf: url.published ? articleId : first!, sameUrl: true };
    if (url) {
      url.versions.add(event.version);
      return url.published
        ? { status: 'updated' }
        : { status: 'duplicate', duplicateOf: first!, sameUrl: false };
    }
    if (first !== undefined) {
      urls.set(articleId, { published: false, versions: new Set([event.version]) });
      return { status: 'duplicate', duplicateOf: first, sameUrl: false };
    }
    firstOfStory.set(event.story, articleId);
    urls.set(articleId, { published: true, versions: new Set([event.version]) });
    return { status: 'unique' };
  });
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function scoreVerdicts(events: StreamEvent[], verdicts: DedupVerdict[]): DedupScore {
  const expected = expectedVerdicts(events);
  let tp = 0,
    fp = 0,
    fn = 0,
    rightTarget = 0,
    uniques = 0,
    uniquesKept = 0,
    updates = 0,
    updatesFound = 0;
  const byTransform = new Map<string, { hit: number; n: number }>();
  const mistakes: DedupScore['mistakes'] = [];
  events.forEach((event, i) => {
    const want = expected[i];
    const got = verdicts[i];
    if (want.status === 'duplicate') {
      const hit = got.status === 'duplicate';
      if (hit) tp++;
      else fn++;
      if (got.status === 'duplicate' && got.duplicateOf === want.duplicateOf) rightTarget++;
      const transforms = event.kind === 'copy' ? event.variant.split('+') : [event.kind];
      for (const t of transforms) {
        const entry = byTransform.get(t) ?? { hit: 0, n: 0 };
        entry.n++;
        if (hit) entry.hit++;
        byTransform.set(t, entry);
      }
    } else if (got.status === 'duplicate') fp++;
    if (want.status === 'unique') {
      uniques++;
      if (got.status === 'unique') uniquesKept++;
    }
    if (want.status === 'updated') {
      updates++;
      if (got.status === 'updated') updatesFound++;
    }
    if (want.status !== got.status && mistakes.length < 25) {
      mistakes.push({
        seq: event.seq,
        kind: event.kind,
        variant: event.variant,
        expected: want.status,
        got: got.status === 'duplicate' ? `duplicate(${got.match},${got.similarity})` : got.status,
      });
    }
  });
  const recallByTransform: DedupScore['recallByTransform'] = {};
  for (const [t, { hit, n }] of [...byTransform].sort(([a], [b]) => a.localeCompare(b)))
    recallByTransform[t] = { recall: ratio(hit, n), n };
  return {
    events: events.length,
    duplicatePrecision: ratio(tp, tp + fp),
    duplicateRecall: ratio(tp, tp + fn),
    uniquesKept: ratio(uniquesKept, uniques),
    updatesRecognized: ratio(updatesFound, updates),
    duplicateOfCorrect: ratio(rightTarget, tp),
    counts: { duplicates: tp + fn, uniques, updates, falseDuplicates: fp, missedDuplicates: fn },
    recallByTransform,
    mistakes,
  };
}

/** Runs a stream through a deduplicator (in-memory by default) in batches, as the worker would, and scores it. */
export async function evaluateDedup(
  events: StreamEvent[],
  options: { deduplicator?: Deduplicator; batchSize?: number } = {},
): Promise<DedupScore> {
  const deduplicator = options.deduplicator ?? new Deduplicator(new InMemoryDedupStore());
  const batchSize = options.batchSize ?? 100;
  const verdicts: DedupVerdict[] = [];
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = events.slice(i, i + batchSize).map((e) => {
      const canonicalUrl = evalCanonicalUrl(e.url);
      return {
        inputRef: `stream:${e.seq}`,
        articleId: articleIdFor(canonicalUrl),
        canonicalUrl,
        title: e.title,
        text: e.text,
        observedAt: e.observedAt,
      };
    });
    verdicts.push(...(await deduplicator.checkBatch(batch)));
  }
  return scoreVerdicts(events, verdicts);
}
