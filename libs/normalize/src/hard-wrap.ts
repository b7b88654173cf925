/**
 * Hard-wrapped plain text (wire copy, mail archives, text dumps) breaks its lines at a fixed width, inside
 * sentences and names; its paragraphs start on an indented line, or after a short line that ends a sentence.
 * Read one paragraph per line, such text would cut every sentence in pieces, and the stages after
 * normalization (sentence windows of the topic scorer, names of people) read sentences. This module tells a
 * wrapped layout from the one-paragraph-per-line layout of scraped pages and rejoins the wrapped lines.
 */

// A layout with fewer lines is not told apart: a short text is read line by line as before.
const MIN_LINES = 4;
// Wrap widths of plain-text layouts are 60–80 columns; a line longer than this is a paragraph of a page.
const MAX_WRAP_WIDTH = 100;
// A wrapped line fills most of the width: at least this share of the widest line ...
const FULL_LINE = 0.6;
// ... and most lines are full ones.
const MIN_FULL_SHARE = 0.6;
// Most wrapped lines end inside a sentence; one-paragraph-per-line text ends nearly every line with one.
const MIN_OPEN_SHARE = 0.5;
// Without indents, a line that ends a sentence this far short of the width ends its paragraph.
const SHORT_LINE = 0.75;

/** Whether the line ends a sentence (or a quotation or bracket closing one). */
function endsSentence(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0) {
    const c = line.charCodeAt(i);
    // closing quotes and brackets: " ' ) ] ” ’ »
    if (c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x201d || c === 0x2019 || c === 0xbb) {
      i--;
      continue;
    }
    // . ! ? : ; …
    return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b || c === 0x2026;
  }
  return false;
}

export interface WrapLayout {
  width: number;
  /** whether indented lines mark paragraph starts (some lines are indented, not all) */
  indents: boolean;
}

/**
 * The wrap layout of the lines, or null when they are not hard-wrapped. `indented` holds the indices of the
 * lines that started with white space.
 */
export function hardWrapLayout(lines: readonly string[], indented: readonly number[]): WrapLayout | null {
  let count = 0;
  let width = 0;
  for (const line of lines) {
    if (line === '') continue;
    count++;
    if (line.length > width) width = line.length;
  }
  if (count < MIN_LINES || width > MAX_WRAP_WIDTH) return null;
  let full = 0;
  let followed = 0;
  let open = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    if (line.length >= FULL_LINE * width) full++;
    if (i + 1 < lines.length && lines[i + 1] !== '') {
      followed++;
      if (!endsSentence(line)) open++;
    }
  }
  if (full < MIN_FULL_SHARE * count || followed === 0 || open < MIN_OPEN_SHARE * followed) return null;
  return { width, indents: indented.length > 0 && indented.length < count };
}

/**
 * The paragraphs of the kept lines (`keep`: indices into `lines`, ascending) of a hard-wrapped text: wrapped
 * lines joined by a space, a new paragraph at a blank line, an indented line (when the text indents), or after
 * a short line that ends a sentence.
 */
export function rejoinWrapped(
  lines: readonly string[],
  keep: readonly number[],
  indented: readonly number[],
  layout: WrapLayout,
): string[] {
  const indentedSet = layout.indents ? new Set(indented) : null;
  const out: string[] = [];
  let prev = -1;
  for (const i of keep) {
    let starts = prev < 0 || out.length === 0;
    for (let j = prev + 1; j < i && !starts; j++) if (lines[j] === '') starts = true;
    if (!starts && indentedSet !== null) starts = indentedSet.has(i);
    if (!starts && indentedSet === null) {
      const last = lines[prev];
      starts = endsSentence(last) && last.length < SHORT_LINE * layout.width;
    }
    if (starts) out.push(lines[i]);
    else out[out.length - 1] += ' ' + lines[i];
    prev = i;
  }
  return out;
}
