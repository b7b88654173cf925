/**
 * Passages of a text: runs of neighbouring sentences read together. Each function takes one topic's weight per
 * sentence (index 0 is the first sentence of the text).
 */

/** Neighbouring sentences read as one passage. */
const PASSAGE_SENTENCES = 4;

/** The heaviest run of PASSAGE_SENTENCES neighbouring sentences. */
export function strongestPassage(weights: Float64Array): number {
  let best = 0;
  let sum = 0;
  for (let s = 0; s < weights.length; s++) {
    sum += weights[s];
    if (s >= PASSAGE_SENTENCES) sum -= weights[s - PASSAGE_SENTENCES];
    if (sum > best) best = sum;
  }
  return best;
}

/** Distinct sentences with a cue in the heaviest passage. */
export function passageSentences(weights: Float64Array): number {
  let best = 0;
  let bestSentences = 0;
  for (let s = 0; s < weights.length; s++) {
    let sum = 0;
    let withCue = 0;
    for (let k = s; k < s + PASSAGE_SENTENCES && k < weights.length; k++) {
      sum += weights[k];
      if (weights[k] > 0) withCue++;
    }
    if (sum > best) {
      best = sum;
      bestSentences = withCue;
    }
  }
  return bestSentences;
}
