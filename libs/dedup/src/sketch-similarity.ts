/**
 * Similarity of two threshold sketches (see text-fingerprint.ts). Below the smaller of the two sketches' last
 * values each sketch holds *every* shingle hash of its text, so both restricted sketches are samples of the
 * same random subset of the shingle universe: their overlap estimates the overlap of the full shingle sets
 * without bias, for texts of any two lengths. The Redis adapter's Lua script implements the same arithmetic;
 * keep the two in step.
 */
import { COMPLETE_SKETCH } from './text-fingerprint';

export interface SketchComparison {
  /** Shared sampled shingles. */
  shared: number;
  /** Sampled shingles of the shorter text (the containment denominator). */
  smaller: number;
  /** Estimated share of the shorter text's shingles found in the other: 1 for a truncated copy. */
  containment: number;
  /** Estimated Jaccard index of the two shingle sets. */
  jaccard: number;
}

export function compareSketches(a: Uint32Array, b: Uint32Array): SketchComparison {
  if (a.length === 0 || b.length === 0) return { shared: 0, smaller: 0, containment: 0, jaccard: 0 };
  const limit = Math.min(a[a.length - 1], b[b.length - 1]);
  const endA = a[a.length - 1] === COMPLETE_SKETCH ? a.length - 1 : a.length;
  const endB = b[b.length - 1] === COMPLETE_SKETCH ? b.length - 1 : b.length;
  let i = 0;
  let j = 0;
  let na = 0;
  let nb = 0;
  let shared = 0;
  while (i < endA && a[i] <= limit && j < endB && b[j] <= limit) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
      na++;
      nb++;
    } else if (a[i] < b[j]) {
      i++;
      na++;
    } else {
      j++;
      nb++;
    }
  }
  for (; i < endA && a[i] <= limit; i++) na++;
  for (; j < endB && b[j] <= limit; j++) nb++;
  const smaller = Math.min(na, nb);
  const union = na + nb - shared;
  return {
    shared,
    smaller,
    containment: smaller === 0 ? 0 : shared / smaller,
    jaccard: union === 0 ? 0 : shared / union,
  };
}

/** Exact containment of the smaller of two complete sets of hashes (ascending, distinct) in the other. */
export function compareSets(
  a: Uint32Array,
  b: Uint32Array,
): { shared: number; smaller: number; containment: number } {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const smaller = Math.min(a.length, b.length);
  return { shared, smaller, containment: smaller === 0 ? 0 : shared / smaller };
}
