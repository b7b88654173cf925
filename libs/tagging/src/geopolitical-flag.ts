import type { GeopoliticalFlag, TopicTag } from '@news/contracts';

/**
 * Topic strength from which an article is about geopolitics: in a snippet its one argued topic, in a longer text
 * a lead or passage with more than the minimum (on the development labels, 3 keeps the flag as accurate as 1 with
 * a fifth fewer false flags on non-geopolitical stories; 2 and 3.5 gave dev topics F1 0.664 and 0.647 against
 * 0.667 once topics were kept only on geopolitical stories).
 */
const GEOPOLITICAL_MIN = 3;
const GEOPOLITICAL_MIN_SNIPPET = 1;
const FLAG_EVIDENCE = 3;
/** Strength at which the flag's score reaches 1 - 1/e. */
const SCORE_SCALE = 3;

/**
 * The article-level flag follows from the topics: an article is geopolitical when one of them is its subject.
 * The evidence is the strongest topic's first spans.
 */
export function geopoliticalFlag(
  topics: readonly TopicTag[],
  strongest: number,
  snippet: boolean,
): GeopoliticalFlag {
  const value = topics.length > 0 && strongest >= (snippet ? GEOPOLITICAL_MIN_SNIPPET : GEOPOLITICAL_MIN);
  return {
    value,
    score: Math.round((1 - Math.exp(-strongest / SCORE_SCALE)) * 1000) / 1000,
    evidence: value ? topics[0].evidence.slice(0, FLAG_EVIDENCE) : [],
  };
}
