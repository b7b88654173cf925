/**
 * One streaming pass over an HTML page (htmlparser2 callbacks, never a recursive DOM) that keeps just
 * what extraction needs: a flat element tree in pre-order (parent index, last-descendant index, hint
 * flags), text blocks attributed to their element, and the page metadata. The element stack is an
 * array, so a 100,000-deep nesting costs memory, never the call stack. Scripts are never executed;
 * their text is dropped, except JSON-LD which is kept as a string for `page-metadata`.
 */
import { Parser } from 'htmlparser2';
import { cleanInline } from './text-hygiene';

export const enum NodeFlag {
  /** page furniture by tag: nav, aside, footer, header, form, figure, figcaption, dialog */
  JunkTag = 1,
  /** page furniture by class, id or role: share bars, cookie banners, related rails, ads, captions */
  JunkHint = 2,
  /** declared article body: itemprop=articleBody, `<article>`, class like `article-body` */
  BodyHint = 4,
}

export const enum BlockKind {
  Paragraph = 0,
  Heading = 1,
  Title = 2,
  ListItem = 3,
  Quote = 4,
  Other = 5,
}

export interface TextBlock {
  text: string;
  /** characters of the text that sit inside links */
  linkChars: number;
  /** index of the innermost element holding the text */
  owner: number;
  kind: BlockKind;
}

export interface RawPageMeta {
  lang: string;
  title: string;
  canonical: string;
  /** meta tags by lower-cased name/property/itemprop; the first occurrence wins */
  meta: Map<string, string>;
  jsonLd: string[];
  /** first `<time datetime>` in the page */
  timeDatetime: string;
  /** rel=author link texts, in page order */
  relAuthors: string[];
}

export interface ParsedPage {
  parent: Int32Array;
  /** index of the last descendant (pre-order), so a subtree is the range [i, end[i]] */
  end: Int32Array;
  flags: Uint8Array;
  nodeCount: number;
  blocks: TextBlock[];
  meta: RawPageMeta;
}

// Elements whose text is never article text (and whose markup we do not descend into).
const SKIP_TAGS = new Set([
  'head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'select', 'button', 'textarea', 'iframe',
  'object', 'canvas', 'video', 'audio', 'map', 'input', 'option', 'datalist', 'embed',
]);
const JUNK_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'form', 'figure', 'figcaption', 'dialog', 'menu']);
const BLOCK_KIND: ReadonlyMap<string, BlockKind> = new Map([
  ['p', BlockKind.Paragraph], ['h1', BlockKind.Title], ['h2', BlockKind.Heading], ['h3', BlockKind.Heading],
  ['h4', BlockKind.Heading], ['h5', BlockKind.Heading], ['h6', BlockKind.Heading], ['li', BlockKind.ListItem],
  ['dd', BlockKind.ListItem], ['dt', BlockKind.ListItem], ['blockquote', BlockKind.Quote], ['pre', BlockKind.Quote],
  ['td', BlockKind.Paragraph], ['th', BlockKind.Paragraph],
]);
// Elements that break the flow of text (a new block starts on open and on close).
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'figure', 'figcaption',
  'header', 'footer', 'nav', 'aside', 'form', 'fieldset', 'legend', 'hr', 'br', 'address', 'details', 'summary',
  'center', 'body', 'html', 'dialog', 'menu', 'hgroup', 'picture', 'img', 'label',
]);

// Class/id/role vocabulary of furniture. Whole tokens (split on space, - and _) or token prefixes for
// camelCase names such as `relatedArticles` and `shareBar`.
const JUNK_HINT_RE = new RegExp(
  '(?:^|[\\s_-])(?:' +
    '(?:nav|ad|ads|adv|advert|aside|header|meta|tags?|author|authors|credits?|widget|modal|popup|banner|sponsor|' +
    'sponsored|print|toolbar|pagination|pager|skip|dateline|timestamp|date|disclaimer|signup|login|paywall)(?=$|[\\s_-])|' +
    'related|share|sharing|social|promo|newsletter|comment|advertis|sidebar|cookie|consent|gdpr|breadcrumb|subscri|' +
    'outbrain|taboola|recommend|trending|popular|mostread|most-read|navbar|navigation|menu|footer|masthead|byline|' +
    'caption|more-stories|morestories|read-more|readmore|read-next|also-read|follow|jump-link|toc)',
  'i',
);
const EMBED_HINT_RE = /embed|tweet|instagram/i;
const JUNK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'menu', 'search']);
const BODY_HINT_RE = /(?:^|[\s_-])(?:article|story|entry|post|news|content|main)[-_]?(?:body|content|text)(?:$|[\s_-])|(?:^|\s)(?:articlebody|storybody|article__body|story__body|body-text|post-body|entry-content)(?:$|\s)/i;
// CMS taxonomy classes ("tag-review", "category-news", "has-sidebar" on WordPress articles) describe
// the article, not furniture: removed before matching.
const TAXONOMY_CLASS_RE = /(?:^|\s)(?:tag|tags|category|format|status|type|postid|has|single|page-template|parent-pageid|page-id|wp-embed)-\S*/g;
const HINT_LIMIT = 300; // class/id longer than this are truncated before matching (giant attributes)
const JSON_LD_LIMIT = 4_000_000;

function hintOf(attribs: Record<string, string>): string {
  const cls = attribs.class;
  const id = attribs.id;
  if (cls === undefined && id === undefined) return '';
  let s = (cls ?? '') + ' ' + (id ?? '');
  if (s.length > HINT_LIMIT) s = s.slice(0, HINT_LIMIT);
  return s.includes('-') ? s.replace(TAXONOMY_CLASS_RE, ' ') : s;
}

/** Parses `html` once into a flat element tree, text blocks and metadata. */
export function parsePage(html: string): ParsedPage {
  let cap = 1024;
  let parent = new Int32Array(cap);
  let end = new Int32Array(cap);
  let flags = new Uint8Array(cap);
  const kinds: BlockKind[] = [BlockKind.Other];
  let count = 1; // node 0 is the document
  parent[0] = -1;

  const stack: number[] = [0];
  const blocks: TextBlock[] = [];
  const meta: RawPageMeta = { lang: '', title: '', canonical: '', meta: new Map(), jsonLd: [], timeDatetime: '', relAuthors: [] };

  let skipDepth = 0; // > 0 while inside a SKIP_TAGS element
  let linkDepth = 0;
  let pieces: string[] = [];
  let rawLen = 0;
  let rawLinkLen = 0;
  let capture: 'title' | 'jsonld' | 'author' | null = null;
  let captured = '';
  let jsonLdBytes = 0;
  let titleDone = false;

  const grow = (): void => {
    cap *= 2;
    const p = new Int32Array(cap); p.set(parent); parent = p;
    const e = new Int32Array(cap); e.set(end); end = e;
    const f = new Uint8Array(cap); f.set(flags); flags = f;
  };

  const flush = (): void => {
    if (pieces.length === 0) return;
    const raw = pieces.length === 1 ? pieces[0] : pieces.join('');
    pieces = [];
    const text = cleanInline(raw, false);
    if (text.length > 0) {
      const owner = stack[stack.length - 1];
      const linkChars = rawLinkLen === 0 ? 0 : Math.min(text.length, Math.round((rawLinkLen / rawLen) * text.length));
      blocks.push({ text, linkChars, owner, kind: kinds[owner] });
    }
    rawLen = 0;
    rawLinkLen = 0;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'meta') {
          const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? '').toLowerCase();
          const content = attribs.content;
          if (key !== '' && content !== undefined && !meta.meta.has(key)) meta.meta.set(key, content.slice(0, 2000));
        } else if (name === 'link') {
          if (meta.canonical === '' && (attribs.rel ?? '').toLowerCase() === 'canonical') meta.canonical = (attribs.href ?? '').slice(0, 4000);
        } else if (name === 'html') {
          if (meta.lang === '' && attribs.lang) meta.lang = attribs.lang.slice(0, 40);
        } else if (name === 'title' && !titleDone && (skipDepth === 0 || stack.length <= 2)) {
          capture = 'title';
          captured = '';
        } else if (name === 'script' && (attribs.type ?? '').toLowerCase() === 'application/ld+json') {
          capture = 'jsonld';
          captured = '';
        } else if (name === 'time' && meta.timeDatetime === '' && attribs.datetime) {
          meta.timeDatetime = attribs.datetime.slice(0, 100);
        }
        if (skipDepth > 0) {
          skipDepth++;
          return;
        }
        if (SKIP_TAGS.has(name)) {
          flush();
          skipDepth = 1;
          return;
        }
        if (name === 'a' && (attribs.rel ?? '').toLowerCase().includes('author')) {
          capture = 'author';
          captured = '';
        }
        const isBlock = BLOCK_TAGS.has(name) || name.includes('-');
        if (isBlock) flush();
        if (count === cap) grow();
        const node = count++;
        const up = stack[stack.length - 1];
        parent[node] = up;
        let f = 0;
        if (JUNK_TAGS.has(name)) f |= NodeFlag.JunkTag;
        const hint = hintOf(attribs);
        if (hint !== '') {
          // Embedded posts (tweets, Instagram) quoted by the story are part of it, social class or not.
          if (JUNK_HINT_RE.test(hint) && !EMBED_HINT_RE.test(hint)) f |= NodeFlag.JunkHint;
          if (BODY_HINT_RE.test(hint)) f |= NodeFlag.BodyHint;
        }
        const role = attribs.role;
        if (role !== undefined && JUNK_ROLES.has(role.toLowerCase())) f |= NodeFlag.JunkHint;
        if (attribs['aria-hidden'] === 'true' || attribs.hidden !== undefined) f |= NodeFlag.JunkHint;
        const itemprop = attribs.itemprop;
        if (itemprop !== undefined && itemprop.toLowerCase() === 'articlebody') f |= NodeFlag.BodyHint;
        if (name === 'article' || name === 'main') f |= NodeFlag.BodyHint;
        flags[node] = f;
        kinds.push(BLOCK_KIND.get(name) ?? (isBlock ? BlockKind.Other : kinds[up]));
        stack.push(node);
        if (name === 'a') linkDepth++;
      },
      ontext(text) {
        if (capture !== null) {
          if (capture !== 'jsonld' || jsonLdBytes + captured.length < JSON_LD_LIMIT) captured += text;
          if (capture === 'jsonld') return;
        }
        if (skipDepth > 0) return;
        pieces.push(text);
        rawLen += text.length;
        if (linkDepth > 0) rawLinkLen += text.length;
      },
      onclosetag(name) {
        if (capture === 'title' && name === 'title') {
          meta.title = cleanInline(captured, false).slice(0, 1000);
          titleDone = meta.title !== '';
          capture = null;
        } else if (capture === 'jsonld' && name === 'script') {
          jsonLdBytes += captured.length;
          if (captured.length > 0) meta.jsonLd.push(captured);
          capture = null;
        } else if (capture === 'author' && name === 'a') {
          const who = cleanInline(captured, false);
          if (who !== '' && who.length < 100) meta.relAuthors.push(who);
          capture = null;
        }
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (stack.length <= 1) return;
        const isBlock = BLOCK_TAGS.has(name) || name.includes('-');
        if (isBlock) flush();
        const node = stack.pop() as number;
        end[node] = count - 1;
        if (name === 'a' && linkDepth > 0) linkDepth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  while (stack.length > 0) end[stack.pop() as number] = count - 1;

  return { parent, end, flags, nodeCount: count, blocks, meta };
}
