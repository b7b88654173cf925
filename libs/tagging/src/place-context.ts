import { HashSet32 } from './hash-set';
import { PLACES } from './gazetteer-data';
import type { TokenBuffer } from './tokenizer';

/**
 * "Westminster House", "St George's Chapel", "Paris Victory Gardens": a place name before a building word
 * names the building, not a mention of the country the place would otherwise point at. (A town qualified by
 * another country's state, "Paris, Texas", is read in state-qualifiers.ts.)
 */

const BUILDINGS = HashSet32.ofWords(PLACES.buildingWords);
/** Capitalized words read after a place for a building word ("Paris Victory Gardens"). */
const BUILDING_REACH = 2;

/** Whether a capitalized building word follows the place that ends before token `to`. */
export function buildingAfter(tokens: TokenBuffer, to: number): boolean {
  for (let k = to; k < tokens.count && k < to + BUILDING_REACH; k++) {
    if (tokens.breakBefore(k) || !tokens.isTitle(k)) return false;
    if (BUILDINGS.has(tokens.hash[k])) return true;
  }
  return false;
}
