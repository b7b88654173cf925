/**
 * What HTML elements mean to extraction: which never hold article text, which break the flow of text,
 * how HTML closes elements implicitly, and the class/id/role vocabulary of page furniture. Facts about
 * HTML and the naming habits of news CMSs, built once at load.
 */
import { BlockKind, NodeFlag } from './page-model';

// Elements whose text is never article text (and whose markup we do not descend into).
export const SKIP_TAGS = new Set([
  'head',
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'select',
  'button',
  'textarea',
  'iframe',
  'object',
  'canvas',
  'video',
  'audio',
  'map',
  'input',
  'option',
  'datalist',
  'embed',
]);
export const JUNK_TAGS = new Set([
  'nav',
  'aside',
  'footer',
  'header',
  'form',
  'figure',
  'figcaption',
  'dialog',
  'menu',
]);
export const BLOCK_KIND: ReadonlyMap<string, BlockKind> = new Map([
  ['p', BlockKind.Paragraph],
  ['h1', BlockKind.Title],
  ['h2', BlockKind.Heading],
  ['h3', BlockKind.Heading],
  ['h4', BlockKind.Heading],
  ['h5', BlockKind.Heading],
  ['h6', BlockKind.Heading],
  ['li', BlockKind.ListItem],
  ['dd', BlockKind.ListItem],
  ['dt', BlockKind.ListItem],
  ['blockquote', BlockKind.Quote],
  ['pre', BlockKind.Quote],
  ['td', BlockKind.Paragraph],
  ['th', BlockKind.Paragraph],
]);
// Elements that break the flow of text (a new block starts on open and on close).
export const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'header',
  'footer',
  'nav',
  'aside',
  'form',
  'fieldset',
  'legend',
  'hr',
  'br',
  'address',
  'details',
  'summary',
  'center',
  'body',
  'html',
  'dialog',
  'menu',
  'hgroup',
  'picture',
  'img',
  'label',
]);

// Class/id/role vocabulary of furniture. Whole tokens (split on space, - and _) or token prefixes for
// camelCase names such as `relatedArticles` and `shareBar`.
const JUNK_HINT_RE = new RegExp(
  '(?:^|[\\s_-])(?:' +
    '(?:nav|ad|ads|adv|advert|aside|header|meta|tags?|author|authors|credits?|widget|modal|popup|banner|sponsor|' +
    'sponsored|print|toolbar|pagination|pager|skip|dateline|timestamp|date|disclaimer|signup|login|paywall)(?=$|[\\s_-])|' +
    'related|share|sharing|social|promo|newsletter|comment|advertis|sidebar|cookie|consent|gdpr|breadcrumb|subscri|' +
    'outbrain|taboola|recommend|trending|popular|mostread|most-read|navbar|navigation|menu|footer|masthead|byline|' +
    'caption|more-stories|morestories|read-more|readmore|read-next|also-read|follow|jump-link|toc|' +
    // the same furniture named in Spanish, Portuguese, French, German, Italian
    'relacionad|compartir|compartilh|partage|teilen|verwandt|werbung|publicidad|publicit|anuncio|condivid|correlat)',
  'i',
);
const COMMENTS_HINT_RE =
  /(?:^|[\s_-])(?:comments?|disqus|respond|replies)(?:$|[\s_-])|commentlist|comment-list|comments?-(?:section|area|container|wrapper|thread)/i;
const EMBED_HINT_RE = /embed|tweet|instagram/i;
const JUNK_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'dialog',
  'alertdialog',
  'menu',
  'search',
]);
const BODY_HINT_RE =
  /(?:^|[\s_-])(?:article|story|entry|post|news|content|main)[-_]?(?:body|content|text)(?:$|[\s_-])|(?:^|\s)(?:articlebody|storybody|article__body|story__body|body-text|post-body|entry-content)(?:$|\s)/i;
// CMS taxonomy classes ("tag-review", "category-news", "has-sidebar" on WordPress articles) describe
// the article, not furniture: removed before matching.
const TAXONOMY_CLASS_RE =
  /(?:^|\s)(?:tag|tags|category|format|status|type|postid|has|single|page-template|parent-pageid|page-id|wp-embed)-\S*/g;
const HINT_LIMIT = 300; // class/id longer than this are truncated before matching (giant attributes)

/** The attributes extraction reads; every other attribute is skipped unseen by the parser. */
export interface TagAttributes {
  class: string | undefined;
  id: string | undefined;
  role: string | undefined;
  itemprop: string | undefined;
  rel: string | undefined;
  href: string | undefined;
  content: string | undefined;
  name: string | undefined;
  property: string | undefined;
  lang: string | undefined;
  type: string | undefined;
  datetime: string | undefined;
  'aria-hidden': string | undefined;
  hidden: string | undefined;
}

/**
 * A tag's attributes, all absent. One object shape for every tag: objects that gained only the attributes a
 * tag had took a new hidden class per combination, and code compiled for those was thrown away whenever a
 * garbage collection found no object of that class left.
 */
export function newTagAttributes(): TagAttributes {
  return {
    class: undefined,
    id: undefined,
    role: undefined,
    itemprop: undefined,
    rel: undefined,
    href: undefined,
    content: undefined,
    name: undefined,
    property: undefined,
    lang: undefined,
    type: undefined,
    datetime: undefined,
    'aria-hidden': undefined,
    hidden: undefined,
  };
}

const KEPT_ATTRS: ReadonlySet<string> = new Set(Object.keys(newTagAttributes()));

/** Whether extraction reads the attribute `name` (lower case). */
export function isKeptAttribute(name: string): name is keyof TagAttributes {
  return KEPT_ATTRS.has(name);
}

function hintOf(attribs: Readonly<TagAttributes>): string {
  const cls = attribs.class;
  const id = attribs.id;
  if (cls === undefined && id === undefined) return '';
  let s = (cls ?? '') + ' ' + (id ?? '');
  if (s.length > HINT_LIMIT) s = s.slice(0, HINT_LIMIT);
  return s.includes('-') ? s.replace(TAXONOMY_CLASS_RE, ' ') : s;
}

// HTML void elements: never have content or a close tag.
export const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'basefont',
  'frame',
]);
// Opening one of these closes an open element of the listed kinds on top of the stack (the HTML
// rules that matter for text structure: paragraphs, list items, table cells, options).
const CLOSES_P = ['p'];
export const IMPLIED_CLOSE: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'header',
    'hgroup',
    'hr',
    'main',
    'menu',
    'nav',
    'ol',
    'p',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, readonly string[]] => [t, CLOSES_P]),
  ['li', ['li', 'p']],
  ['dt', ['dt', 'dd', 'p']],
  ['dd', ['dt', 'dd', 'p']],
  ['tr', ['tr', 'td', 'th']],
  ['td', ['td', 'th']],
  ['th', ['td', 'th']],
  ['tbody', ['thead', 'tbody', 'tr', 'td', 'th']],
  ['tfoot', ['thead', 'tbody', 'tr', 'td', 'th']],
  ['option', ['option']],
  ['optgroup', ['optgroup', 'option']],
  ['body', ['head']],
]);

/** Furniture and body hints of one element (NodeFlag bits), from its tag name and attributes. */
export function elementFlags(name: string, a: Readonly<TagAttributes>): number {
  let f = 0;
  if (JUNK_TAGS.has(name)) f |= NodeFlag.JunkTag;
  const hint = hintOf(a);
  if (hint !== '') {
    // Embedded posts (tweets, Instagram) quoted by the story are part of it, social class or not.
    if (JUNK_HINT_RE.test(hint) && !EMBED_HINT_RE.test(hint)) f |= NodeFlag.JunkHint;
    if (BODY_HINT_RE.test(hint)) f |= NodeFlag.BodyHint;
    if (COMMENTS_HINT_RE.test(hint)) f |= NodeFlag.Comments;
  }
  const role = a.role;
  if (role !== undefined && JUNK_ROLES.has(role.toLowerCase())) f |= NodeFlag.JunkHint;
  if (a['aria-hidden'] === 'true' || a.hidden !== undefined) f |= NodeFlag.JunkHint;
  const itemprop = a.itemprop;
  if (itemprop !== undefined && itemprop.toLowerCase() === 'articlebody') f |= NodeFlag.BodyHint;
  if (name === 'article' || name === 'main') f |= NodeFlag.BodyHint;
  return f;
}
