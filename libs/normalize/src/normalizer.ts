/**
 * The normalization stage: one raw article (HTML and/or scraped text) to a clean article, or an
 * `empty-body` rejection when nothing of a story is left. Synchronous and total: hostile input yields
 * a result, never an exception. Stateless: the result is a function of the input alone, so a replay of
 * an input gives the same article whatever the thread processed before (nothing is learned per source).
 */
import { extractArticle, type ExtractedArticle } from './html-extractor';
import { PARSE_LIMITS } from './html-parse';
import type { ParseBudget } from './page-model';
import { splitLines, cleanInline } from './text-hygiene';
import { hardWrapLayout, rejoinWrapped } from './hard-wrap';
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
  | { ok: true; article: NormalizedArticle }
  | { ok: false; code: 'empty-body' | 'too-complex'; message: string };

export interface NormalizeLimits {
  /** characters of scraped text read; longer text is cut at a line break (or a space) before the limit */
  maxTextChars: number;
  /** characters of body kept: whole paragraphs while they fit; a first paragraph longer than this is cut */
  maxBodyChars: number;
}

/**
 * Work budgets of normalization, in characters, never in time, so that a page always gives the same article.
 * The longest body of the development data sets is ~56,000 characters; the HTML parser has its own budgets
 * (PARSE_LIMITS). Language detection, fingerprinting and tagging all read the body, so they are bounded too.
 */
export const NORMALIZE_LIMITS: Readonly<NormalizeLimits> = {
  maxTextChars: 300_000,
  maxBodyChars: 200_000,
};

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

/**
 * Paragraphs of scraped text: one per line, or per blank-line block when the text uses those, or per
 * paragraph of a hard-wrapped text.
 */
function textParagraphs(text: string): string[] {
  const { lines, blankLineParagraphs, indented, text: cleaned } = splitLines(text);
  // splitLines leaves no run of spaces in a line.
  const keep = selectScrapedLines(lines, cleaned, true);
  const wrap = hardWrapLayout(lines, indented);
  if (wrap !== null) return rejoinWrapped(lines, keep, indented, wrap);
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

/**
 * `text` cut to at most `limit` characters: at the last line break in the second half of the allowed part, else
 * at the last space there, else at the limit (never between the two halves of a surrogate pair).
 */
function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let at = text.lastIndexOf('\n', limit);
  if (at < limit / 2) at = text.lastIndexOf(' ', limit);
  if (at < limit / 2) {
    at = limit;
    const c = text.charCodeAt(at - 1);
    if (c >= 0xd800 && c <= 0xdbff) at--;
  }
  return text.slice(0, at);
}

/** Whole paragraphs while the body (joined by blank lines) fits in `limit`; at least a cut first paragraph. */
function fitBody(paragraphs: string[], limit: number): string[] {
  let total = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    total += paragraphs[i].length + (i > 0 ? 2 : 0);
    if (total > limit) return i > 0 ? paragraphs.slice(0, i) : [cutText(paragraphs[0], limit)];
  }
  return paragraphs;
}

const BUDGET_NAMES: Record<ParseBudget, string> = {
  chars: `the HTML parser's budget of ${PARSE_LIMITS.maxChars} characters`,
  tokens: `the HTML parser's budget of ${PARSE_LIMITS.maxTokens} tokens`,
  elements: `the HTML parser's budget of ${PARSE_LIMITS.maxElements} elements`,
};

export class Normalizer {
  constructor(private readonly limits: Readonly<NormalizeLimits> = NORMALIZE_LIMITS) {}

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
    // The budget the input exceeded, if any: an article missing from what was read is too complex, not empty.
    let overBudget: string | null = null;
    if (html.trim() !== '') {
      page = extractArticle(html, input.url);
      if (page.truncated !== null) overBudget = BUDGET_NAMES[page.truncated];
      paragraphs = pick(page.paragraphs, selectScrapedLines(page.paragraphs));
      bodySource = page.bodySource === 'json-ld' ? 'json-ld' : 'html';
    }
    if (paragraphs.length === 0 && text.trim() !== '') {
      bodySource = 'text';
      if (text.includes('<') && MARKUP_TEXT_RE.test(text)) {
        const fragment = extractArticle(text, input.url);
        if (fragment.truncated !== null) overBudget = BUDGET_NAMES[fragment.truncated];
        paragraphs = pick(fragment.paragraphs, selectScrapedLines(fragment.paragraphs));
      }
      if (paragraphs.length === 0) {
        if (text.length > this.limits.maxTextChars)
          overBudget ??= `the budget of ${this.limits.maxTextChars} characters of scraped text`;
        paragraphs = textParagraphs(cutText(text, this.limits.maxTextChars));
      }
    }
    paragraphs = fitBody(paragraphs, this.limits.maxBodyChars);

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
    if (paragraphs.length === 0 && overBudget !== null) {
      return {
        ok: false,
        code: 'too-complex',
        message: `the input exceeds ${overBudget} and no article body was found within it`,
      };
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
