/**
 * Article metadata from what the page declares: JSON-LD (`NewsArticle` and kin), Open Graph and other
 * meta tags, `<link rel=canonical>`, `<html lang>`, `<time datetime>` and rel=author links.
 */
import type { RawPageMeta } from './page-model';
import { cleanInline } from './text-hygiene';
import { toIsoUtc } from './published-date';

export interface PageMetadata {
  title: string;
  siteName: string;
  authors: string[];
  publishedAt: string | null;
  canonical: string;
  lang: string;
  /** JSON-LD `articleBody` as declared (entities decoded, tags stripped), '' if none */
  jsonLdBody: string;
}

const ARTICLE_TYPE_RE = /(?:Article|BlogPosting|Report|Posting)$/;
// eslint-disable-next-line no-control-regex -- raw control characters are what breaks the JSON
const CONTROL_RE = /[\u0000-\u001f]+/g;
const TAG_RE = /<[^<>]{0,2000}>/g;
const URL_LIKE_RE = /^(?:https?:)?\/\//i;
const BY_PREFIX_RE = /^(?:by|par|por|von|di|door)\s+/i;
const AUTHOR_SPLIT_RE = /\s*(?:,|;|\s&\s|\sand\s)\s*/;
// "Jane Doe | Example Media", "JANE DOE, AP National Writer": what follows is an affiliation or a role.
const AFFILIATION_RE = /\s+[|/]\s+.*$/;
const ROLE_RE = /\b(?:writer|correspondent|editor|reporter|contributor|columnist|staff writer|press)\b/i;
const MAX_JSON_NODES = 20_000;

interface LdArticle {
  body: string;
  headline: string;
  datePublished: string;
  authors: string[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Hand-written JSON-LD often has raw line breaks inside strings; as spaces it parses.
    try {
      return JSON.parse(text.replace(CONTROL_RE, ' '));
    } catch {
      return undefined;
    }
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function names(v: unknown, out: string[]): void {
  const list = Array.isArray(v) ? v : [v];
  for (const item of list.slice(0, 20)) {
    if (typeof item === 'string') out.push(item);
    else if (item !== null && typeof item === 'object') out.push(str((item as Record<string, unknown>).name));
  }
}

function isArticle(obj: Record<string, unknown>): boolean {
  const t = obj['@type'];
  const types = Array.isArray(t) ? t : [t];
  for (const x of types) if (typeof x === 'string' && ARTICLE_TYPE_RE.test(x)) return true;
  return false;
}

/** The first article-typed object of the JSON-LD blocks, walked without recursion and with a budget. */
function findLdArticle(blocks: string[]): LdArticle | null {
  for (const block of blocks) {
    const root = parseJson(block);
    const queue: unknown[] = [root];
    let visited = 0;
    while (queue.length > 0 && visited++ < MAX_JSON_NODES) {
      const v = queue.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) queue.push(v[i]);
      } else if (v !== null && typeof v === 'object') {
        const obj = v as Record<string, unknown>;
        if (isArticle(obj)) {
          const authors: string[] = [];
          names(obj.author, authors);
          return {
            body: str(obj.articleBody),
            headline: str(obj.headline) || str(obj.name),
            datePublished: str(obj.datePublished) || str(obj.dateCreated),
            authors,
          };
        }
        if (obj['@graph'] !== undefined) queue.push(obj['@graph']);
        if (obj.mainEntity !== undefined) queue.push(obj.mainEntity);
      }
    }
  }
  return null;
}

export function cleanAuthors(raw: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    if (typeof value !== 'string' || URL_LIKE_RE.test(value.trim())) continue;
    const parts = cleanInline(value)
      .replace(BY_PREFIX_RE, '')
      .replace(AFFILIATION_RE, '')
      .split(AUTHOR_SPLIT_RE);
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i].trim();
      if (name === '' || name.length > 80 || URL_LIKE_RE.test(name)) continue;
      if (i > 0 && ROLE_RE.test(name) && name.split(' ').length >= 3) continue;
      const k = name.toLowerCase();
      if (!seen.has(k)) {
        seen.add(k);
        out.push(name);
      }
      if (out.length >= 10) return out;
    }
  }
  return out;
}

export function readPageMetadata(raw: RawPageMeta): PageMetadata {
  const m = raw.meta;
  const ld = findLdArticle(raw.jsonLd);
  const metaAuthors: string[] = [];
  for (const k of ['author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author']) {
    const v = m.get(k);
    if (v !== undefined) metaAuthors.push(v);
  }
  const authors = cleanAuthors(
    ld !== null && ld.authors.length > 0 ? ld.authors : metaAuthors.length > 0 ? metaAuthors : raw.relAuthors,
  );
  const dateCandidates = [
    ld?.datePublished,
    m.get('article:published_time'),
    m.get('og:article:published_time'),
    m.get('datepublished'),
    m.get('pubdate'),
    m.get('publishdate'),
    m.get('parsely-pub-date'),
    m.get('date'),
    m.get('dc.date'),
    m.get('dc.date.issued'),
    m.get('sailthru.date'),
    raw.timeDatetime,
  ];
  let publishedAt: string | null = null;
  for (const d of dateCandidates) {
    publishedAt = toIsoUtc(d);
    if (publishedAt !== null) break;
  }
  let jsonLdBody = '';
  if (ld !== null && ld.body !== '') jsonLdBody = ld.body.replace(TAG_RE, ' ');
  return {
    title: cleanInline(ld?.headline || m.get('og:title') || m.get('twitter:title') || raw.title),
    siteName: cleanInline(m.get('og:site_name') ?? ''),
    authors,
    publishedAt,
    canonical: raw.canonical || m.get('og:url') || '',
    lang: raw.lang || m.get('og:locale') || m.get('content-language') || m.get('language') || '',
    jsonLdBody,
  };
}
