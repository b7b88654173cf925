import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The atomic check-and-claim of a whole batch, run by Redis in one EVALSHA (lua/claim-batch.lua, after
 * lua/fingerprints.lua). Redis runs a script without interleaving other commands, so each article's lookup and
 * claim are atomic and a later article of the batch sees the earlier ones: two replicas racing on two copies of
 * a story get one unique and one duplicate.
 *
 * Its functions mirror `decideVerdict`, `nearSimilarity` and `urlRecordAfter` (verdict-policy.ts) and
 * `compareSketches`/`compareSets` (sketch-similarity.ts) of @news/dedup under the same names; the integration
 * tests run the same streams through both stores and compare the verdicts.
 *
 * Keys (all expire with the window, PX):
 *   in:<inputRef>   the verdict given, as JSON (replay safety)
 *   url:<articleId> the URL record "exact|revision|copyOf|match|similarity" (copyOf empty when published)
 *   f:<articleId>   the fingerprints of the published content, little-endian uint32s (compact, unpacked in C):
 *                   the sketch's length, the sketch, then the lead's shingle hashes. (Named apart from the
 *                   bare sketches earlier versions kept under s:, which this layout would misread.)
 *   x:<exact>, k:<indexKey>  the first published articleId (SET NX)
 *   n:<bucket>      a counter of new URLs per time bucket, for size()
 * Key names are built in the script from the prefix: it suits a single Redis (or a cluster when the prefix
 * carries one hash tag), not keys spread over shards.
 *
 * ARGV: prefix, windowMs, nearContainment, minSamples, leadContainment, minLeadShingles, nowMs, bucketMs,
 *       then 6 per claim: inputRef, articleId, exact, fingerprints (binary, as in f:), index keys to file, and
 *       the further keys to look up besides those (decimal, space-separated)
 * Plain strings rather than one JSON document: parsing ~1 KB of JSON per article was most of the script's time.
 * Returns the verdicts as one JSON array.
 *
 * The .lua files are read once, when this module loads: beside this file in the source tree (tests) and in
 * dist/, where the build copies them (tools/copy-build-assets.js).
 */
function script(name: string): string {
  return readFileSync(join(__dirname, 'lua', name), 'utf8');
}

/** Reads packed fingerprints (sketchOf, leadOf); apart so that a test can run it alone against the packing. */
export const FINGERPRINTS_LUA = script('fingerprints.lua');

export const CLAIM_BATCH_LUA = `${FINGERPRINTS_LUA}\n${script('claim-batch.lua')}`;
