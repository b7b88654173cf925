import { hash } from 'node:crypto';

/** Stable article identity from the canonical URL: a re-scrape of the same page keeps its id. */
export function articleIdFor(canonicalUrl: string): string {
  return 'a_' + hash('sha256', canonicalUrl, 'hex').slice(0, 32);
}
