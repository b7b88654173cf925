/**
 * One streaming pass over an HTML page that keeps just what extraction needs: a flat element tree in
 * pre-order (parent index, last-descendant index, hint flags), text blocks attributed to their
 * element, and the page metadata. htmlparser2's Tokenizer does the lexing (entities included); the
 * tree building is ours because htmlparser2's Parser keeps its open-element stack with
 * unshift/shift, which is quadratic on deep nesting. Here the stack is pushed and popped at its end,
 * a close tag searches only the top of the stack, and nothing recurses: a 100,000-deep page costs
 * memory, never the call stack. Scripts are never executed; their text is dropped, except JSON-LD,
 * kept as a string for `page-metadata`. Only the attributes extraction reads are kept, truncated.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { cleanInline } from './text-hygiene';
import { BLOCK_KIND, BLOCK_TAGS, IMPLIED_CLOSE, SKIP_TAGS, VOID_TAGS, elementFlags } from './html-vocabulary';
import { BlockKind, type ParsedPage, type RawPageMeta, type TextBlock } from './page-model';

const JSON_LD_LIMIT = 4_000_000;
// A close tag matches an open element at most this far below the top of the stack; a stray close
// tag is ignored instead of costing a scan of a deep stack.
const CLOSE_SEARCH_DEPTH = 64;
// Attributes extraction reads; everything else is skipped by the tokenizer callbacks unseen.
const KEPT_ATTRS = new Set([
  'class',
  'id',
  'role',
  'itemprop',
  'rel',
  'href',
  'content',
  'name',
  'property',
  'lang',
  'type',
  'datetime',
  'aria-hidden',
  'hidden',
]);
const ATTR_LIMIT = 4000;
const MAX_META = 500; // meta tags remembered (a hostile page may carry millions)

/** Parses `html` once into a flat element tree, text blocks and metadata. */
export function parsePage(html: string): ParsedPage {
  let cap = 1024;
  let parent = new Int32Array(cap);
  let end = new Int32Array(cap);
  let flags = new Uint8Array(cap);
  const kinds: BlockKind[] = [BlockKind.Other];
  let count = 1; // node 0 is the document
  parent[0] = -1;

  // Open elements: tag names, and the node each created (-1 inside skipped subtrees).
  const tags: string[] = [];
  const tagNodes: number[] = [];
  const nodeStack: number[] = [0];
  const blocks: TextBlock[] = [];
  const meta: RawPageMeta = {
    lang: '',
    title: '',
    canonical: '',
    meta: new Map(),
    jsonLd: [],
    timeDatetime: '',
    relAuthors: [],
  };

  let skipFrom = -1; // index in `tags` of the SKIP_TAGS element we are inside, or -1
  let linkDepth = 0;
  let pieces: string[] = [];
  let rawLen = 0;
  let rawLinkLen = 0;
  let capture: 'title' | 'jsonld' | 'author' | null = null;
  let captureTag = '';
  let captured = '';
  let jsonLdBytes = 0;
  let titleDone = false;

  // Tag being read by the tokenizer.
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  let keepAttr = false;

  const grow = (): void => {
    cap *= 2;
    const p = new Int32Array(cap);
    p.set(parent);
    parent = p;
    const e = new Int32Array(cap);
    e.set(end);
    end = e;
    const f = new Uint8Array(cap);
    f.set(flags);
    flags = f;
  };

  // Lines of the current block ended by <br>: a block of short lines (a schedule, a poem, an address)
  // is scored as one block, so its lines are not each mistaken for furniture.
  let brLines: string[] = [];
  const lineBreak = (): void => {
    if (pieces.length === 0) return;
    const line = cleanInline(pieces.length === 1 ? pieces[0] : pieces.join(''), false);
    pieces = [];
    if (line !== '') brLines.push(line);
  };

  const flush = (): void => {
    let text: string;
    if (brLines.length > 0) {
      lineBreak();
      text = brLines.join('\n');
      brLines = [];
    } else {
      if (pieces.length === 0) return;
      text = cleanInline(pieces.length === 1 ? pieces[0] : pieces.join(''), false);
      pieces = [];
    }
    if (text.length > 0) {
      const owner = nodeStack[nodeStack.length - 1];
      const linkChars =
        rawLinkLen === 0 ? 0 : Math.min(text.length, Math.round((rawLinkLen / rawLen) * text.length));
      blocks.push({ text, linkChars, owner, kind: kinds[owner] });
    }
    rawLen = 0;
    rawLinkLen = 0;
  };

  const addText = (text: string): void => {
    if (capture !== null) {
      if (capture !== 'jsonld' || jsonLdBytes + captured.length < JSON_LD_LIMIT) captured += text;
      if (capture === 'jsonld') return;
    }
    if (skipFrom >= 0) return;
    pieces.push(text);
    rawLen += text.length;
    if (linkDepth > 0) rawLinkLen += text.length;
  };

  const readMeta = (name: string, a: Record<string, string>): void => {
    if (name === 'meta') {
      const key = (a.property ?? a.name ?? a.itemprop ?? '').toLowerCase();
      const content = a.content;
      if (key !== '' && content !== undefined && meta.meta.size < MAX_META && !meta.meta.has(key))
        meta.meta.set(key, content.slice(0, 2000));
    } else if (name === 'link') {
      if (meta.canonical === '' && (a.rel ?? '').toLowerCase() === 'canonical') meta.canonical = a.href ?? '';
    } else if (name === 'html') {
      if (meta.lang === '' && a.lang) meta.lang = a.lang.slice(0, 40);
    } else if (
      name === 'title' &&
      !titleDone &&
      capture === null &&
      (skipFrom < 0 || tags[skipFrom] === 'head')
    ) {
      capture = 'title';
      captureTag = name;
      captured = '';
    } else if (
      name === 'script' &&
      capture === null &&
      (a.type ?? '').toLowerCase() === 'application/ld+json'
    ) {
      capture = 'jsonld';
      captureTag = name;
      captured = '';
    } else if (name === 'time' && meta.timeDatetime === '' && a.datetime) {
      meta.timeDatetime = a.datetime.slice(0, 100);
    } else if (
      name === 'a' &&
      capture === null &&
      skipFrom < 0 &&
      (a.rel ?? '').toLowerCase().includes('author')
    ) {
      capture = 'author';
      captureTag = name;
      captured = '';
    }
  };

  const endCapture = (name: string): void => {
    if (capture === null || name !== captureTag) return;
    if (capture === 'title') {
      meta.title = cleanInline(captured, false).slice(0, 1000);
      titleDone = meta.title !== '';
    } else if (capture === 'jsonld') {
      jsonLdBytes += captured.length;
      if (captured.length > 0) meta.jsonLd.push(captured);
    } else {
      const who = cleanInline(captured, false);
      if (who !== '' && who.length < 100 && meta.relAuthors.length < 20) meta.relAuthors.push(who);
    }
    capture = null;
  };

  /** Pops the top open element. */
  const closeTop = (): void => {
    const name = tags.pop() as string;
    const node = tagNodes.pop() as number;
    endCapture(name);
    if (skipFrom >= 0) {
      if (tags.length === skipFrom) skipFrom = -1;
      return;
    }
    if (node < 0) return;
    if (BLOCK_TAGS.has(name) || name.includes('-')) flush();
    nodeStack.pop();
    end[node] = count - 1;
    if (name === 'a' && linkDepth > 0) linkDepth--;
  };

  const open = (name: string, a: Record<string, string>): void => {
    const implied = IMPLIED_CLOSE.get(name);
    if (implied !== undefined) while (tags.length > 0 && implied.includes(tags[tags.length - 1])) closeTop();
    readMeta(name, a);
    const isVoid = VOID_TAGS.has(name);
    if (skipFrom >= 0) {
      if (!isVoid) {
        tags.push(name);
        tagNodes.push(-1);
      }
      return;
    }
    if (SKIP_TAGS.has(name)) {
      flush();
      if (!isVoid) {
        skipFrom = tags.length;
        tags.push(name);
        tagNodes.push(-1);
      }
      return;
    }
    const isBlock = BLOCK_TAGS.has(name) || name.includes('-');
    if (isBlock && name !== 'br') flush();
    if (count === cap) grow();
    const node = count++;
    const up = nodeStack[nodeStack.length - 1];
    parent[node] = up;
    flags[node] = elementFlags(name, a);
    kinds.push(BLOCK_KIND.get(name) ?? (isBlock ? BlockKind.Other : kinds[up]));
    if (isVoid) {
      if (name === 'br') lineBreak();
      else if (isBlock) flush();
      end[node] = node;
      return;
    }
    tags.push(name);
    tagNodes.push(node);
    nodeStack.push(node);
    if (name === 'a') linkDepth++;
  };

  const close = (name: string): void => {
    if (VOID_TAGS.has(name)) {
      if (name === 'br') open('br', {});
      return;
    }
    const floor = Math.max(0, tags.length - CLOSE_SEARCH_DEPTH);
    for (let i = tags.length - 1; i >= floor; i--) {
      if (tags[i] === name) {
        while (tags.length > i) closeTop();
        return;
      }
    }
  };

  const lower = (start: number, endIndex: number): string => html.slice(start, endIndex).toLowerCase();

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, endIndex) {
      tagName = lower(start, endIndex);
      attrs = {};
    },
    onattribname(start, endIndex) {
      attrName = lower(start, endIndex);
      keepAttr = KEPT_ATTRS.has(attrName) && attrs[attrName] === undefined;
      attrValue = '';
    },
    onattribdata(start, endIndex) {
      if (keepAttr && attrValue.length < ATTR_LIMIT)
        attrValue += html.slice(start, Math.min(endIndex, start + ATTR_LIMIT));
    },
    onattribentity(codepoint) {
      if (keepAttr && attrValue.length < ATTR_LIMIT) attrValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (keepAttr) attrs[attrName] = attrValue;
      keepAttr = false;
    },
    onopentagend() {
      open(tagName, attrs);
    },
    onselfclosingtag() {
      open(tagName, attrs);
      // Self-closing syntax only counts in SVG/MathML, which we skip: close there so the skipped
      // subtree ends where it should.
      if (skipFrom >= 0 && tags.length > skipFrom + 1 && tags[tags.length - 1] === tagName) closeTop();
    },
    onclosetag(start, endIndex) {
      close(lower(start, endIndex));
    },
    ontext(start, endIndex) {
      addText(html.slice(start, endIndex));
    },
    ontextentity(codepoint) {
      addText(String.fromCodePoint(codepoint));
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  while (tags.length > 0) closeTop();
  flush();
  while (nodeStack.length > 0) end[nodeStack.pop() as number] = count - 1;

  return { parent, end, flags, nodeCount: count, blocks, meta };
}
