/**
 * The normalization stage: one raw article (HTML and/or scraped text) to a clean article, or an
 * `empty-body` rejection when nothing of a story is left. Synchronous and total: hostile input yields
 * a result, never an exception. Stateless: the result is a function of the input alone, so a replay of
 * an input gives the same article whatever the thread processed before (nothing is learned per source).
 */
import { extractArticle, type ExtractedArticle } from './html-extractor';
import { splitLines, cleanInline } from './text-hygiene';
import { selectScrapedLines } from './scraped-text-cleaner';
import { canonicalizeUrl, parseArticleUrl } from './canonical-url';
import { cleanTitle } from './title-cleaner';
import { toIsoUtc } from './published-date';
import { cleanAuthors } from './page-metadata';
import { detectLanguage } from './language-detector';

export interface NormalizeInput {
  url: string;
  html?: string;
  text?: string;
  title?: string;
  language?: string;
  publishedAt?: string;
  authors?: string[];
}

export interface NormalizedArticle {
  title: string;
  text: string;
  paragraphs: string[];
  authors: string[];
  publishedAt: string | null;
  canonicalUrl: string;
  language: { code: string; confidence: number };
  wordCount: number;
  /** where the body came from: JSON-LD articleBody, the HTML content scorer, or scraped text */
  bodySource: 'json-ld' | 'html' | 'text';
}

export type NormalizeResult =
  { ok: true; article: NormalizedArticle } | { ok: false; code: 'empty-body'; message: string };

const KEY_RE = /[^\p{L}\p{N}]+/gu;
// Scrapers sometimes put markup in `text`; paragraphs tags are the tell.
const MARKUP_TEXT_RE = /<(?:p|div|br|article|section|li|h[1-6])[\s>/]/i;
const WWW_RE = /^www\./;

// Character classes for word counting, built once: 0 separates words, 1 is part of a word, 2 is a
// Han or kana character (a word on its own: those scripts do not separate words with spaces), 3 an
// apostrophe, which continues a word it is inside ("it’s" is one word).
const WORD_CLASS = (() => {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c < 0x80)
      table[c] =
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f
          ? 1
          : 0;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff))
      table[c] = 2;
    else
      table[c] =
        c <= 0xbf || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || c === 0xd7 || c === 0xf7
          ? 0
          : 1;
  }
  table[0x27] = 3;
  table[0x2019] = 3;
  return table;
})();

/** Words of a text: runs of letters, digits and marks, plus one per Han or kana character. */
export function countWords(text: string): number {
  let n = 0;
  let prev = 0; // 1 inside a word, else 0
  for (let i = 0; i < text.length; i++) {
    const k = WORD_CLASS[text.charCodeAt(i)];
    if (k < 2) {
      // Without a branch: a word character after a separator starts a word.
      n += k & ~prev;
      prev = k;
    } else if (k === 2) {
      n++;
      prev = 0;
    }
    // k === 3, an apostrophe: continues a word it is inside, and outside one changes nothing.
  }
  return n;
}

function hostOf(url: string): string {
  try {
    return hostnameOf(new URL(url));
  } catch {
    return '';
  }
}

function hostnameOf(url: URL): string {
  return url.hostname.toLowerCase().replace(WWW_RE, '');
}

/**
 * `indices.map((i) => lines[i])` with push: the array `map` makes changes element kind once `map` is
 * inlined by the optimizing compiler, and that deoptimizes the code that receives it.
 */
function pick(lines: readonly string[], indices: readonly number[]): string[] {
  const out: string[] = [];
  for (const i of indices) out.push(lines[i]);
  return out;
}

/** Paragraphs of scraped text: one per line, or per blank-line block when the text uses those. */
function textParagraphs(text: string): string[] {
  const { lines, blankLineParagraphs, text: cleaned } = splitLines(text);
  // splitLines leaves no run of spaces in a line.
  const keep = selectScrapedLines(lines, cleaned, true);
  if (!blankLineParagraphs) return pick(lines, keep);
  const out: string[] = [];
  let prev = -1;
  for (const i of keep) {
    let joined = prev >= 0;
    for (let j = prev + 1; j < i && joined; j++) if (lines[j] === '') joined = false;
    if (joined && out.length > 0) out[out.length - 1] += ' ' + lines[i];
    else out.push(lines[i]);
    prev = i;
  }
  return out;
}

export class Normalizer {
  normalize(input: NormalizeInput): NormalizeResult {
    try {
      return this.run(input);
    } catch (err) {
      // Nothing here should throw; if a pathological page still manages to, it is rejected, not fatal.
      return {
        ok: false,
        code: 'empty-body',
        message: `no article body could be extracted (${err instanceof Error ? err.message : 'error'})`,
      };
    }
  }

  private run(input: NormalizeInput): NormalizeResult {
    const html = typeof input.html === 'string' ? input.html : '';
    const text = typeof input.text === 'string' ? input.text : '';
    let page: ExtractedArticle | null = null;
    let paragraphs: string[] = [];
    let bodySource: NormalizedArticle['bodySource'] = 'text';
    if (html.trim() !== '') {
      page = extractArticle(html, input.url);
      paragraphs = pick(page.paragraphs, selectScrapedLines(page.paragraphs));
      bodySource = page.bodySource === 'json-ld' ? 'json-ld' : 'html';
    }
    if (paragraphs.length === 0 && text.trim() !== '') {
      bodySource = 'text';
      if (text.includes('<') && MARKUP_TEXT_RE.test(text)) {
        const fragment = extractArticle(text, input.url);
        paragraphs = pick(fragment.paragraphs, selectScrapedLines(fragment.paragraphs));
      }
      if (paragraphs.length === 0) paragraphs = textParagraphs(text);
    }

    // One parse of the URL serves both, unless trimming made it a different string (or it is not http).
    const ownUrl = parseArticleUrl(input.url);
    const canonicalUrl = canonicalizeUrl(input.url, page?.canonical, ownUrl);
    const host = ownUrl !== null && input.url.trim() === input.url ? hostnameOf(ownUrl) : hostOf(input.url);

    const rawTitle =
      input.title !== undefined && input.title.trim() !== '' ? input.title : (page?.title ?? '');
    const title = cleanTitle(cleanInline(rawTitle), page?.siteName ?? '', host);
    // Scraped text often repeats the headline as its first line.
    if (
      title !== '' &&
      paragraphs.length > 1 &&
      paragraphs[0].replace(KEY_RE, '').toLowerCase() === title.replace(KEY_RE, '').toLowerCase()
    ) {
      paragraphs = paragraphs.slice(1);
    }
    if (paragraphs.length === 0) {
      return {
        ok: false,
        code: 'empty-body',
        message: 'nothing of an article body is left after removing page furniture',
      };
    }

    const body = paragraphs.join('\n\n');
    const authors = cleanAuthors(
      Array.isArray(input.authors) && input.authors.length > 0 ? input.authors : (page?.authors ?? []),
    );
    return {
      ok: true,
      article: {
        title,
        text: body,
        paragraphs,
        authors,
        publishedAt: toIsoUtc(input.publishedAt) ?? page?.publishedAt ?? null,
        canonicalUrl,
        language: detectLanguage(body, input.language || page?.lang),
        wordCount: countWords(body),
        bodySource,
      },
    };
  }
}
