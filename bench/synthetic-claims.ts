import { randomBytes } from 'node:crypto';
import type { ArticleClaim } from '@news/dedup';

/**
 * A random claim with the shape of a real ~400-word (2.5 KB) article's fingerprints: 70 sampled sketch values,
 * 47 lead shingles, 8 index keys, which are also its probes. The dedup benches fill their stores with these.
 */
export function syntheticClaim(ids: Pick<ArticleClaim, 'inputRef' | 'articleId'>): ArticleClaim {
  const bytes = randomBytes(4 * 117);
  const values = new Uint32Array(bytes.buffer, bytes.byteOffset, 117);
  const sketch = values.slice(0, 70).sort();
  const lead = values.slice(70).sort();
  const keys = Array.from(sketch.subarray(0, 4)).concat(Array.from(lead.subarray(0, 3)), [lead[40]]);
  return {
    ...ids,
    exact: Buffer.from(bytes.subarray(0, 8)).toString('hex'),
    sketch,
    lead,
    keys,
    probes: keys,
  };
}
