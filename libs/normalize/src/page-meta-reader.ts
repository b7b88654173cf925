import { cleanInline } from './text-hygiene';
import type { TagAttributes } from './html-vocabulary';
import type { RawPageMeta } from './page-model';

const JSON_LD_LIMIT = 4_000_000;
const MAX_META = 500; // meta tags remembered (a hostile page may carry millions)

const emptyMeta = (): RawPageMeta => ({
  lang: '',
  title: '',
  canonical: '',
  meta: new Map(),
  jsonLd: [],
  timeDatetime: '',
  relAuthors: [],
});

/**
 * The page metadata the HTML parser collects as it reads the tags: meta tags, the canonical link, the language,
 * the title, JSON-LD blocks, the first `<time datetime>` and rel=author link texts. One reader per parser and,
 * like it, reset before each page (see parsePage).
 */
export class PageMetaReader {
  /** The page's metadata so far; a new object after each reset, so a finished page's is never changed. */
  meta: RawPageMeta = emptyMeta();
  private capture: 'title' | 'jsonld' | 'author' | null = null;
  private captureTag = '';
  private captured = '';
  private jsonLdBytes = 0;
  private titleDone = false;

  reset(): void {
    this.meta = emptyMeta();
    this.capture = null;
    this.captureTag = '';
    this.captured = '';
    this.jsonLdBytes = 0;
    this.titleDone = false;
  }

  /** An open tag; `skipped` is the tag of the skipped subtree (head, svg, …) it is in, or null. */
  openTag(name: string, a: Readonly<TagAttributes>, skipped: string | null): void {
    const meta = this.meta;
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
      !this.titleDone &&
      this.capture === null &&
      (skipped === null || skipped === 'head')
    ) {
      this.startCapture('title', name);
    } else if (
      name === 'script' &&
      this.capture === null &&
      (a.type ?? '').toLowerCase() === 'application/ld+json'
    ) {
      this.startCapture('jsonld', name);
    } else if (name === 'time' && meta.timeDatetime === '' && a.datetime) {
      meta.timeDatetime = a.datetime.slice(0, 100);
    } else if (
      name === 'a' &&
      this.capture === null &&
      skipped === null &&
      (a.rel ?? '').toLowerCase().includes('author')
    ) {
      this.startCapture('author', name);
    }
  }

  /** Text of the page; true when it is a JSON-LD script's, which is no page text. */
  text(text: string): boolean {
    if (this.capture === null) return false;
    if (this.capture !== 'jsonld' || this.jsonLdBytes + this.captured.length < JSON_LD_LIMIT)
      this.captured += text;
    return this.capture === 'jsonld';
  }

  /** A closed element. */
  closeTag(name: string): void {
    if (this.capture === null || name !== this.captureTag) return;
    const meta = this.meta;
    if (this.capture === 'title') {
      meta.title = cleanInline(this.captured, false).slice(0, 1000);
      this.titleDone = meta.title !== '';
    } else if (this.capture === 'jsonld') {
      this.jsonLdBytes += this.captured.length;
      if (this.captured.length > 0) meta.jsonLd.push(this.captured);
    } else {
      const who = cleanInline(this.captured, false);
      if (who !== '' && who.length < 100 && meta.relAuthors.length < 20) meta.relAuthors.push(who);
    }
    this.capture = null;
    this.captured = '';
  }

  private startCapture(what: 'title' | 'jsonld' | 'author', tag: string): void {
    this.capture = what;
    this.captureTag = tag;
    this.captured = '';
  }
}
