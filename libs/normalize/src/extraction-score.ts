/**
 * The body-extraction metric of the development data sets (shared/datasets/README.md): word tokens
 * (`\w+`, Unicode-aware as in Python), multisets of consecutive 4-token shingles; per page the true
 * positives, false positives and false negatives are scaled to sum to 1, so each page weighs the same;
 * precision and recall come from the sums over pages, F1 from those two.
 */

const WORD_RE = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(WORD_RE) ?? [];
  const out = new Map<string, number>();
  if (tokens.length === 0) return out;
  if (tokens.length < SHINGLE) {
    out.set(tokens.join(' '), 1);
    return out;
  }
  for (let i = 0; i + SHINGLE <= tokens.length; i++) {
    const k = tokens.slice(i, i + SHINGLE).join(' ');
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

function f1Of(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Scores one extracted body against the true body; tp+fp+fn = 1. */
export function scorePage(truth: string, extracted: string): PageScore {
  const t = shingles(truth);
  const e = shingles(extracted);
  let tp = 0;
  let eTotal = 0;
  let tTotal = 0;
  for (const n of t.values()) tTotal += n;
  for (const [k, n] of e) {
    eTotal += n;
    tp += Math.min(n, t.get(k) ?? 0);
  }
  let fp = eTotal - tp;
  let fn = tTotal - tp;
  const sum = tp + fp + fn;
  if (sum === 0) return { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 }; // both empty: right
  tp /= sum;
  fp /= sum;
  fn /= sum;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { tp, fp, fn, precision, recall, f1: f1Of(precision, recall) };
}

export interface CorpusScore {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Combines per-page scores as the benchmark does. */
export function scoreCorpus(pages: readonly PageScore[]): CorpusScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pages) {
    tp += p.tp;
    fp += p.fp;
    fn += p.fn;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { pages: pages.length, precision, recall, f1: f1Of(precision, recall) };
}
