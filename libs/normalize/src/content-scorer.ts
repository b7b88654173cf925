/**
 * Finds the article body in a parsed page. Every text block gets a value: positive for prose
 * (long, few links, ends like a sentence), negative for link lists and short furniture. The body is
 * the element whose subtree has the largest total: wrapping more of the page only adds furniture, so
 * the maximum sits on the tightest element that still holds every paragraph. Subtree sums are
 * accumulated in reverse pre-order (children come after their parent), with no recursion.
 */
import { BlockKind, NodeFlag, type ParsedPage, type TextBlock } from './page-model';

const MAX_CARD_PROSE = 500;
const MIN_RAIL_CARDS = 3;
const MIN_LINK_HEAD = 8; // characters of a linked teaser headline ("Белковая диета")
const SENTENCE_END_RE = /[.!?。！？…:;"'”’»)\]]$/;

function blockValue(b: TextBlock): number {
  const len = b.text.length;
  const density = b.linkChars / len;
  if (density >= 0.5) return -len * density;
  if (b.kind === BlockKind.Heading || b.kind === BlockKind.Title) return 0;
  const prose = len >= 80 || (len >= 25 && SENTENCE_END_RE.test(b.text));
  if (prose) return len * (1 - density);
  return -Math.min(len, 40) * 0.5;
}

function keepInBody(b: TextBlock): boolean {
  const len = b.text.length;
  const density = b.linkChars / len;
  if (density > 0.5 && len < 400) return false;
  switch (b.kind) {
    case BlockKind.Title:
      return false; // the headline is the title field, not body text
    case BlockKind.Heading:
      return len < 200;
    case BlockKind.Paragraph:
    case BlockKind.ListItem:
    case BlockKind.Quote:
      return true;
    case BlockKind.Other:
      return len >= 80 || (len >= 25 && SENTENCE_END_RE.test(b.text));
  }
}

export interface BodySelection {
  paragraphs: string[];
  /** characters of the selected body */
  chars: number;
}

/** Picks the body paragraphs of a parsed page (possibly none). */
export function selectBody(page: ParsedPage): BodySelection {
  const { parent, end, flags, nodeCount, blocks } = page;
  const values = new Float64Array(blocks.length);
  // Prose per subtree ignoring furniture hints, to overrule a hint that would swallow the article
  // (a `has-sidebar` body class, an article wrapped in `<header>`).
  const prose = new Float64Array(nodeCount);
  for (let i = 0; i < blocks.length; i++) {
    const v = blockValue(blocks[i]);
    values[i] = v;
    if (v > 0) prose[blocks[i].owner] += v;
  }
  for (let n = nodeCount - 1; n > 0; n--) prose[parent[n]] += prose[n];
  const total = prose[0];

  // Teaser cards: a small subtree with a linked headline and little prose of its own. Three or more
  // cards side by side are a related-stories rail, whatever its class names say.
  const linkHeads = new Uint32Array(nodeCount);
  for (const b of blocks)
    if (b.linkChars >= 0.8 * b.text.length && b.text.length >= MIN_LINK_HEAD) linkHeads[b.owner]++;
  for (let n = nodeCount - 1; n > 0; n--) linkHeads[parent[n]] += linkHeads[n];
  const cardChildren = new Uint32Array(nodeCount);
  for (let n = 1; n < nodeCount; n++)
    if (linkHeads[n] > 0 && prose[n] < MAX_CARD_PROSE) cardChildren[parent[n]]++;

  const junk = new Uint8Array(nodeCount);
  for (let n = 1; n < nodeCount; n++) {
    const card = linkHeads[n] > 0 && prose[n] < MAX_CARD_PROSE && cardChildren[parent[n]] >= MIN_RAIL_CARDS;
    const hinted = card || (flags[n] & (NodeFlag.JunkTag | NodeFlag.JunkHint)) !== 0;
    // A hint on an element holding half the page's prose is a misfire (a `has-sidebar` body class, an
    // article wrapped in <header>); reader comments stay furniture however long they run.
    const own = (flags[n] & NodeFlag.Comments) !== 0 || (hinted && prose[n] < 0.5 * total);
    junk[n] = junk[parent[n]] === 1 || own ? 1 : 0;
  }

  const blockOwned = new Uint8Array(nodeCount);
  for (const b of blocks)
    if (b.kind === BlockKind.Paragraph || b.kind === BlockKind.Quote) blockOwned[b.owner] = 1;
  const score = new Float64Array(nodeCount);
  for (let i = 0; i < blocks.length; i++)
    if (junk[blocks[i].owner] === 0) score[blocks[i].owner] += values[i];
  for (let n = nodeCount - 1; n > 0; n--) score[parent[n]] += score[n];

  let best = 0;
  for (let n = 1; n < nodeCount; n++) if (score[n] >= score[best] && junk[n] === 0) best = n;
  // A declared article body that holds most of the best subtree's prose is the more precise choice.
  for (let n = best + 1; n <= end[best]; n++) {
    if ((flags[n] & NodeFlag.BodyHint) !== 0 && junk[n] === 0 && score[n] >= 0.85 * score[best]) {
      best = n;
    }
  }

  const paragraphs: string[] = [];
  let chars = 0;
  if (score[best] <= 0) return { paragraphs, chars };
  // A single paragraph (one <p> holding a <br>-separated schedule) is never the whole story: its
  // container is, and the per-block filter below still drops the container's furniture.
  if (blockOwned[best] === 1 && parent[best] > 0 && junk[parent[best]] === 0) best = parent[best];
  const last = end[best];
  for (const b of blocks) {
    if (b.owner < best || b.owner > last || junk[b.owner] === 1) continue;
    if (!keepInBody(b)) continue;
    if (b.text.includes('\n')) paragraphs.push(...b.text.split('\n'));
    else paragraphs.push(b.text);
    chars += b.text.length;
  }
  return { paragraphs, chars };
}
