import { createHash } from 'node:crypto';

/** Stable article identity from the canonical URL: a re-scrape of the same page keeps its id. */
export function articleIdFor(canonicalUrl: string): string {
  return 'a_' + createHash('sha256').update(canonicalUrl, 'utf8').digest('hex').slice(0, 32);
}
