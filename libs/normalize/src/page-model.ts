/** The compact page model the HTML parser builds and the content scorer reads. */

export const enum NodeFlag {
  /** page furniture by tag: nav, aside, footer, header, form, figure, figcaption, dialog */
  JunkTag = 1,
  /** page furniture by class, id or role: share bars, cookie banners, related rails, ads, captions */
  JunkHint = 2,
  /** declared article body: itemprop=articleBody, `<article>`, class like `article-body` */
  BodyHint = 4,
  /** reader comments: furniture even when they hold most of the page's prose */
  Comments = 8,
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

/** A work budget of the HTML parser (see PARSE_LIMITS in html-parse.ts). */
export type ParseBudget = 'chars' | 'tokens' | 'elements';

export interface ParsedPage {
  parent: Int32Array;
  /** index of the last descendant (pre-order), so a subtree is the range [i, end[i]] */
  end: Int32Array;
  flags: Uint8Array;
  nodeCount: number;
  blocks: TextBlock[];
  meta: RawPageMeta;
  /** the budget the page exceeded, if any: it was parsed as if it ended there */
  truncated: ParseBudget | null;
}
