import type { TokenBuffer } from './tokenizer';

/**
 * A year right before a cue, earlier than the story's own, dates an event the story looks back on ("a 1973
 * coup", "the 2016 election", "the 1951 Convention", "the 1990s war"): the cue is then generic, counted only
 * next to an anchor of its topic. On the dev labels it removed two side topics of background (a union vote
 * recalling the 1973 coup, a party's campaign recalling the 2004 US election): topics 0.772 -> 0.778 (P 0.803
 * -> 0.817, recall unchanged), flag 0.913 -> 0.919; AG News unchanged. The story's own year or a later one
 * ("the 2026 election" in a 2026 story) is its subject's date and leaves the cue as it is.
 */
export function datedBefore(
  value: string,
  tokens: TokenBuffer,
  at: number,
  storyYear: number | undefined,
): boolean {
  if (storyYear === undefined || at === 0 || tokens.breakBefore(at)) return false;
  const start = tokens.start[at - 1];
  const length = tokens.end[at - 1] - start;
  if (length !== 4 && !(length === 5 && value.charCodeAt(start + 4) === 0x73)) return false;
  let year = 0;
  for (let k = start; k < start + 4; k++) {
    const digit = value.charCodeAt(k) - 0x30;
    if (digit < 0 || digit > 9) return false;
    year = year * 10 + digit;
  }
  return year >= 1800 && year < storyYear;
}
