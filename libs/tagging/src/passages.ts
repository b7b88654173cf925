/** Passages of a text: runs of neighbouring sentences read together. */

/** Neighbouring sentences read as one passage. */
const PASSAGE_SENTENCES = 4;

export interface Passage {
  /** Its summed cue weight. */
  weight: number;
  /** Its sentences with a cue. */
  sentences: number;
}

/**
 * The heaviest run of PASSAGE_SENTENCES neighbouring sentences (the first of equal ones), from one topic's
 * weight per sentence (index 0 is the first sentence of the text).
 */
export function heaviestPassage(weights: Float64Array): Passage {
  const best: Passage = { weight: 0, sentences: 0 };
  for (let s = 0; s < weights.length; s++) {
    let weight = 0;
    let sentences = 0;
    for (let k = s; k < s + PASSAGE_SENTENCES && k < weights.length; k++) {
      weight += weights[k];
      if (weights[k] > 0) sentences++;
    }
    if (weight > best.weight) {
      best.weight = weight;
      best.sentences = sentences;
    }
  }
  return best;
}
