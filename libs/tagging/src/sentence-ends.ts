/**
 * Where a full stop ends a sentence, for the tokenizer's sentence numbers: not inside "1.5 mln", "Corp. said",
 * "Washington D.C.-based", nor after an initial ("George H. W. Bush", "N. Korea", "N.Korea").
 */

/**
 * A full stop ends a sentence when a space follows and the next word does not start in lower case: not in
 * "1.5 mln", "Corp. said" or "Washington D.C.-based".
 */
export function endsSentence(text: string, dot: number): boolean {
  const after = text.charCodeAt(dot + 1);
  if (Number.isNaN(after)) return true;
  if (after !== 32 && after !== 10 && after !== 13 && after !== 9) return false;
  let k = dot + 1;
  while (
    k < text.length &&
    (text.charCodeAt(k) === 32 ||
      text.charCodeAt(k) === 10 ||
      text.charCodeAt(k) === 13 ||
      text.charCodeAt(k) === 9)
  )
    k++;
  const next = text.charCodeAt(k);
  return !(next >= 97 && next <= 122);
}

/** Whether the full stop at `dot` closes a one-letter capital initial before a capitalized word. */
export function isInitialAt(text: string, dot: number): boolean {
  if (dot < 1 || !isUpperAscii(text.charCodeAt(dot - 1))) return false;
  const before = dot >= 2 ? text.charCodeAt(dot - 2) : 32;
  if (before !== 32 && before !== 10 && before !== 46) return false;
  // "N. Korea", and "N.Korea" written without the space.
  const next = text.charCodeAt(dot + 1);
  return next === 32
    ? isUpperAscii(text.charCodeAt(dot + 2))
    : isUpperAscii(next) && !isUpperAscii(text.charCodeAt(dot + 2));
}

function isUpperAscii(code: number): boolean {
  return code >= 65 && code <= 90;
}
