/**
 * The HTML path: metadata and body paragraphs of one page. JSON-LD `articleBody` is used when it is
 * plausible (long enough and not a truncated teaser of what the page shows); otherwise the
 * content scorer's choice.
 */
import { parsePage } from './html-parse';
import type { ParseBudget } from './page-model';
import { selectBody } from './content-scorer';
import { readPageMetadata } from './page-metadata';
import { cleanInline } from './text-hygiene';

export interface ExtractedArticle {
  title: string;
  siteName: string;
  paragraphs: string[];
  authors: string[];
  publishedAt: string | null;
  /** the page's canonical link or og:url, as written ('' if none) */
  canonical: string;
  /** declared language (`<html lang>`, og:locale), as written */
  lang: string;
  bodySource: 'json-ld' | 'dom' | 'none';
  /** the parser budget the page exceeded (it was read up to it), or null */
  truncated: ParseBudget | null;
}

const LD_PARAGRAPH_RE = /\n\s*/;
const MIN_LD_CHARS = 200;

function splitLdBody(body: string): { paragraphs: string[]; chars: number } {
  const paragraphs: string[] = [];
  let chars = 0;
  for (const line of body.split(LD_PARAGRAPH_RE)) {
    const p = cleanInline(line);
    if (p !== '') {
      paragraphs.push(p);
      chars += p.length;
    }
  }
  return { paragraphs, chars };
}

/** Extracts the article of an HTML page. `url` is accepted for symmetry with other extractors. */
export function extractArticle(html: string, url?: string): ExtractedArticle {
  void url;
  const page = parsePage(html);
  const meta = readPageMetadata(page.meta);
  const dom = selectBody(page);
  let paragraphs = dom.paragraphs;
  let bodySource: ExtractedArticle['bodySource'] = dom.chars > 0 ? 'dom' : 'none';
  if (meta.jsonLdBody.length >= MIN_LD_CHARS) {
    const ld = splitLdBody(meta.jsonLdBody);
    // A teaser-length articleBody (paywalls, truncating CMS) loses to a longer page body; a body split
    // into paragraphs wins over an equal DOM body only if the DOM one does not carry more structure.
    const plausible = ld.chars >= MIN_LD_CHARS && ld.chars >= 0.8 * dom.chars;
    const structured = ld.paragraphs.length > 1 || dom.paragraphs.length <= 1 || ld.chars > 1.5 * dom.chars;
    if (plausible && structured) {
      paragraphs = ld.paragraphs;
      bodySource = 'json-ld';
    }
  }
  return {
    title: meta.title,
    siteName: meta.siteName,
    paragraphs,
    authors: meta.authors,
    publishedAt: meta.publishedAt,
    canonical: meta.canonical,
    lang: meta.lang,
    bodySource,
    truncated: page.truncated,
  };
}
