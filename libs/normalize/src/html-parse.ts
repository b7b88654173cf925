/**
 * One streaming pass over an HTML page that keeps just what extraction needs: a flat element tree in
 * pre-order (parent index, last-descendant index, hint flags), text blocks attributed to their
 * element, and the page metadata. htmlparser2's Tokenizer does the lexing (entities included); the
 * tree building is ours because htmlparser2's Parser keeps its open-element stack with
 * unshift/shift, which is quadratic on deep nesting. Here the stack is pushed and popped at its end,
 * a close tag searches only the top of the stack, and nothing recurses: a 100,000-deep page costs
 * memory, never the call stack. Scripts are never executed; their text is dropped, except JSON-LD,
 * kept as a string for `page-metadata`. Only the attributes extraction reads are kept, truncated.
 *
 * Work is bounded by counts, never by time, so that the same page always gives the same result: at most
 * `maxChars` characters are read, `maxTokens` tokens (tags, attributes, text runs, entities, comments)
 * handled and `maxElements` elements built. A page over a budget is parsed up to it, as if it ended there,
 * and says which budget it hit (`truncated`).
 */
import type { Tokenizer, TokenizerCallbacks } from 'htmlparser2';
import { cleanInline } from './text-hygiene';
import { PageMetaReader } from './page-meta-reader';
import {
  BLOCK_KIND,
  BLOCK_TAGS,
  IMPLIED_CLOSE,
  SKIP_TAGS,
  VOID_TAGS,
  elementFlags,
  isKeptAttribute,
  newTagAttributes,
  type TagAttributes,
} from './html-vocabulary';
import { BlockKind, type ParseBudget, type ParsedPage, type TextBlock } from './page-model';

export interface ParseLimits {
  /** characters of HTML read */
  maxChars: number;
  /** tokens handled: tag names, attribute names, text runs, entities, comments and declarations */
  maxTokens: number;
  /** elements in the tree */
  maxElements: number;
}

/**
 * The largest of the 58 pages of the development data set has 993,240 characters, 5,025 tokens and 1,482
 * elements; the token and element budgets are about twice that, and bound what a flood of tags, links or
 * comments costs (bench/hostile.bench.ts; figures in docs/results.md). The character budget is the loosest:
 * the tokenizer reads every character, so a page of a million characters still costs a few milliseconds.
 */
export const PARSE_LIMITS: Readonly<ParseLimits> = {
  maxChars: 1_000_000,
  maxTokens: 10_000,
  maxElements: 4_000,
};

// A close tag matches an open element at most this far below the top of the stack; a stray close
// tag is ignored instead of costing a scan of a deep stack.
const CLOSE_SEARCH_DEPTH = 64;
const ATTR_LIMIT = 4000;

/**
 * Parses `html` once into a flat element tree, text blocks and metadata, within `limits`.
 *
 * One parser object serves every page of the thread, reset before each page (with a fresh tokenizer). With a
 * fresh parser per page, V8 threw away the optimized code of the tokenizer and its callbacks at every major
 * garbage collection (`--trace-deopt`: "weak objects", the parser object it was compiled against had died),
 * so the pages after a collection were lexed by the interpreter: 20-40 ms of CPU for the 4 MB page of 200,000
 * links instead of ~1 ms. Every per-page field is reset, so the result depends on `html` and `limits` alone.
 */
export function parsePage(html: string, limits: Readonly<ParseLimits> = PARSE_LIMITS): ParsedPage {
  // Parsing calls nothing outside this module and cannot re-enter; a second parser is made if it ever did.
  const parser = shared === null || shared.busy ? new HtmlPageParser() : shared;
  shared ??= parser;
  parser.busy = true;
  try {
    return parser.parse(html, limits);
  } finally {
    parser.release();
  }
}

let shared: HtmlPageParser | null = null;

let TokenizerClass: typeof Tokenizer | undefined;

/**
 * htmlparser2 is loaded with the first page of HTML: scraped-text articles never need it, and its package (parser,
 * DOM helpers, entity tables) was a tenth of the start-up of `news-ingest enrich` and of each pipeline thread.
 */
function tokenizerClass(): typeof Tokenizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  TokenizerClass ??= (require('htmlparser2') as typeof import('htmlparser2')).Tokenizer;
  return TokenizerClass;
}

/**
 * The parse of one page at a time: the tokenizer's callbacks build the tree. The state is in fields so that
 * the budgets can stop the tokenizer from any callback; `parse` resets all of it first, `release` drops the
 * page afterwards.
 */
class HtmlPageParser implements TokenizerCallbacks {
  busy = false;
  private html = '';
  private limits: Readonly<ParseLimits> = PARSE_LIMITS;
  private cap = 1024;
  private parent = new Int32Array(0);
  private end = new Int32Array(0);
  private flags = new Uint8Array(0);
  private kinds: BlockKind[] = [];
  private count = 1; // node 0 is the document

  // Open elements: tag names, and the node each created (-1 inside skipped subtrees).
  private readonly tags: string[] = [];
  private readonly tagNodes: number[] = [];
  private readonly nodeStack: number[] = [];
  private blocks: TextBlock[] = [];
  private readonly metaReader = new PageMetaReader();

  private skipFrom = -1; // index in `tags` of the SKIP_TAGS element we are inside, or -1
  private linkDepth = 0;
  private pieces: string[] = [];
  private rawLen = 0;
  private rawLinkLen = 0;
  // Lines of the current block ended by <br>: a block of short lines (a schedule, a poem, an address)
  // is scored as one block, so its lines are not each mistaken for furniture.
  private brLines: string[] = [];

  // Tag being read by the tokenizer.
  private tagName = '';
  private attrs: TagAttributes = newTagAttributes();
  private attrName: keyof TagAttributes = 'class';
  private attrValue = '';
  private keepAttr = false;

  private tokens = 0;
  private truncated: ParseBudget | null = null;
  private tokenizer: Tokenizer;

  constructor() {
    this.tokenizer = new (tokenizerClass())({ xmlMode: false, decodeEntities: true }, this);
  }

  /** Every per-page field to its initial value. */
  private begin(html: string, limits: Readonly<ParseLimits>): void {
    this.html = html;
    this.limits = limits;
    this.cap = 1024;
    this.parent = new Int32Array(this.cap);
    this.end = new Int32Array(this.cap);
    this.flags = new Uint8Array(this.cap);
    this.parent[0] = -1;
    this.kinds = [BlockKind.Other];
    this.count = 1;
    this.tags.length = 0;
    this.tagNodes.length = 0;
    this.nodeStack.length = 0;
    this.nodeStack.push(0);
    this.blocks = [];
    this.metaReader.reset();
    this.skipFrom = -1;
    this.linkDepth = 0;
    this.pieces = [];
    this.rawLen = 0;
    this.rawLinkLen = 0;
    this.brLines = [];
    this.tagName = '';
    this.attrs = newTagAttributes();
    this.attrName = 'class';
    this.attrValue = '';
    this.keepAttr = false;
    this.tokens = 0;
    this.truncated = null;
    this.tokenizer = new (tokenizerClass())({ xmlMode: false, decodeEntities: true }, this);
  }

  /** Drops the references to the last page, so that the shared parser keeps none of it alive. */
  release(): void {
    this.busy = false;
    this.html = '';
    this.parent = this.end = new Int32Array(0);
    this.flags = new Uint8Array(0);
    this.kinds = [];
    this.blocks = [];
    this.metaReader.reset();
    this.pieces = [];
    this.brLines = [];
    this.attrs = newTagAttributes();
    this.attrValue = '';
    this.tokenizer.reset();
  }

  parse(html: string, limits: Readonly<ParseLimits>): ParsedPage {
    this.begin(html, limits);
    if (html.length > limits.maxChars) this.truncated = 'chars';
    this.tokenizer.write(html.length > limits.maxChars ? html.slice(0, limits.maxChars) : html);
    if (this.truncated !== 'tokens' && this.truncated !== 'elements') this.tokenizer.end();
    while (this.tags.length > 0) this.closeTop();
    this.flush();
    while (this.nodeStack.length > 0) this.end[this.nodeStack.pop() as number] = this.count - 1;
    const { parent, end, flags, count, blocks, truncated } = this;
    return { parent, end, flags, nodeCount: count, blocks, meta: this.metaReader.meta, truncated };
  }

  /** Counts one token; false once the budget is spent (the tokenizer is then paused for good). */
  private spend(): boolean {
    if (this.truncated === 'tokens' || this.truncated === 'elements') return false;
    if (++this.tokens <= this.limits.maxTokens) return true;
    this.stop('tokens');
    return false;
  }

  private stop(budget: ParseBudget): void {
    this.truncated = budget;
    this.tokenizer.pause();
  }

  private grow(): void {
    this.cap *= 2;
    const p = new Int32Array(this.cap);
    p.set(this.parent);
    this.parent = p;
    const e = new Int32Array(this.cap);
    e.set(this.end);
    this.end = e;
    const f = new Uint8Array(this.cap);
    f.set(this.flags);
    this.flags = f;
  }

  private lineBreak(): void {
    if (this.pieces.length === 0) return;
    const line = cleanInline(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''), false);
    this.pieces = [];
    if (line !== '') this.brLines.push(line);
  }

  private flush(): void {
    let text: string;
    if (this.brLines.length > 0) {
      this.lineBreak();
      text = this.brLines.join('\n');
      this.brLines = [];
    } else {
      if (this.pieces.length === 0) return;
      text = cleanInline(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''), false);
      this.pieces = [];
    }
    if (text.length > 0) {
      const owner = this.nodeStack[this.nodeStack.length - 1];
      const linkChars =
        this.rawLinkLen === 0
          ? 0
          : Math.min(text.length, Math.round((this.rawLinkLen / this.rawLen) * text.length));
      this.blocks.push({ text, linkChars, owner, kind: this.kinds[owner] });
    }
    this.rawLen = 0;
    this.rawLinkLen = 0;
  }

  private addText(text: string): void {
    if (this.metaReader.text(text) || this.skipFrom >= 0) return;
    this.pieces.push(text);
    this.rawLen += text.length;
    if (this.linkDepth > 0) this.rawLinkLen += text.length;
  }

  /** Pops the top open element. */
  private closeTop(): void {
    const name = this.tags.pop() as string;
    const node = this.tagNodes.pop() as number;
    this.metaReader.closeTag(name);
    if (this.skipFrom >= 0) {
      if (this.tags.length === this.skipFrom) this.skipFrom = -1;
      return;
    }
    if (node < 0) return;
    if (BLOCK_TAGS.has(name) || name.includes('-')) this.flush();
    this.nodeStack.pop();
    this.end[node] = this.count - 1;
    if (name === 'a' && this.linkDepth > 0) this.linkDepth--;
  }

  private open(name: string, a: Readonly<TagAttributes>): void {
    const tags = this.tags;
    const implied = IMPLIED_CLOSE.get(name);
    if (implied !== undefined)
      while (tags.length > 0 && implied.includes(tags[tags.length - 1])) this.closeTop();
    this.metaReader.openTag(name, a, this.skipFrom >= 0 ? this.tags[this.skipFrom] : null);
    const isVoid = VOID_TAGS.has(name);
    if (this.skipFrom >= 0) {
      if (!isVoid) {
        tags.push(name);
        this.tagNodes.push(-1);
      }
      return;
    }
    if (SKIP_TAGS.has(name)) {
      this.flush();
      if (!isVoid) {
        this.skipFrom = tags.length;
        tags.push(name);
        this.tagNodes.push(-1);
      }
      return;
    }
    if (this.count >= this.limits.maxElements) {
      this.stop('elements');
      return;
    }
    const isBlock = BLOCK_TAGS.has(name) || name.includes('-');
    if (isBlock && name !== 'br') this.flush();
    if (this.count === this.cap) this.grow();
    const node = this.count++;
    const up = this.nodeStack[this.nodeStack.length - 1];
    this.parent[node] = up;
    this.flags[node] = elementFlags(name, a);
    this.kinds.push(BLOCK_KIND.get(name) ?? (isBlock ? BlockKind.Other : this.kinds[up]));
    if (isVoid) {
      if (name === 'br') this.lineBreak();
      else if (isBlock) this.flush();
      this.end[node] = node;
      return;
    }
    tags.push(name);
    this.tagNodes.push(node);
    this.nodeStack.push(node);
    if (name === 'a') this.linkDepth++;
  }

  private close(name: string): void {
    if (VOID_TAGS.has(name)) {
      if (name === 'br') this.open('br', newTagAttributes());
      return;
    }
    const tags = this.tags;
    const floor = Math.max(0, tags.length - CLOSE_SEARCH_DEPTH);
    for (let i = tags.length - 1; i >= floor; i--) {
      if (tags[i] === name) {
        while (tags.length > i) this.closeTop();
        return;
      }
    }
  }

  private lower(start: number, endIndex: number): string {
    return this.html.slice(start, endIndex).toLowerCase();
  }

  // The tokenizer's callbacks.

  onopentagname(start: number, endIndex: number): void {
    if (!this.spend()) return;
    this.tagName = this.lower(start, endIndex);
    this.attrs = newTagAttributes();
  }

  onattribname(start: number, endIndex: number): void {
    if (!this.spend()) return;
    const name = this.lower(start, endIndex);
    this.keepAttr = false;
    if (isKeptAttribute(name) && this.attrs[name] === undefined) {
      this.attrName = name;
      this.keepAttr = true;
    }
    this.attrValue = '';
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.keepAttr && this.attrValue.length < ATTR_LIMIT)
      this.attrValue += this.html.slice(start, Math.min(endIndex, start + ATTR_LIMIT));
  }

  onattribentity(codepoint: number): void {
    if (this.keepAttr && this.attrValue.length < ATTR_LIMIT)
      this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.keepAttr) this.attrs[this.attrName] = this.attrValue;
    this.keepAttr = false;
  }

  onopentagend(): void {
    if (this.truncated === 'tokens' || this.truncated === 'elements') return;
    this.open(this.tagName, this.attrs);
  }

  onselfclosingtag(): void {
    if (this.truncated === 'tokens' || this.truncated === 'elements') return;
    const tagName = this.tagName;
    this.open(tagName, this.attrs);
    // Self-closing syntax only counts in SVG/MathML, which we skip: close there so the skipped
    // subtree ends where it should.
    const tags = this.tags;
    if (this.skipFrom >= 0 && tags.length > this.skipFrom + 1 && tags[tags.length - 1] === tagName)
      this.closeTop();
  }

  onclosetag(start: number, endIndex: number): void {
    if (this.spend()) this.close(this.lower(start, endIndex));
  }

  ontext(start: number, endIndex: number): void {
    if (this.spend()) this.addText(this.html.slice(start, endIndex));
  }

  ontextentity(codepoint: number): void {
    if (this.spend()) this.addText(String.fromCodePoint(codepoint));
  }

  oncdata(): void {
    this.spend();
  }

  oncomment(): void {
    this.spend();
  }

  ondeclaration(): void {
    this.spend();
  }

  onprocessinginstruction(): void {
    this.spend();
  }

  onend(): void {}
}
