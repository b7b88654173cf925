import { tokenHashes } from '../text-fingerprint';
import {
  addByline,
  addDateline,
  addSiteResidue,
  changeHeadline,
  copyEdit,
  truncate,
  updateStory,
} from './copy-transforms';
import { SeededRandom } from './seeded-random';

/** One article of a source corpus: a headline and its paragraphs. */
export interface CorpusArticle {
  id: string;
  section: string;
  title: string;
  paragraphs: string[];
}

/** Which way an event of the stream came about: what the scorer breaks its figures down by. */
export type StreamEventKind = 'original' | 'rescrape' | 'tracking-rescrape' | 'update' | 'copy';

export interface StreamEvent {
  /** Position in the stream (time order). */
  seq: number;
  story: string;
  kind: StreamEventKind;
  /** For copies: the transforms applied, e.g. 'chrome+truncate'. */
  variant: string;
  url: string;
  title: string;
  text: string;
  observedAt: number;
  /** Identity of the content version at this URL: equal versions are re-scrapes. */
  version: string;
}

export interface StreamOptions {
  seed?: number;
  /** Use at most this many stories (default all). */
  stories?: number;
  /** Mean number of republished copies per story (default 1.5). */
  copiesPerStory?: number;
  /** Share of stories re-scraped unchanged, and with tracking parameters (default 0.3, 0.15). */
  rescrapeRate?: number;
  trackingRate?: number;
  /** Share of stories updated at their URL (default 0.2). */
  updateRate?: number;
  /** Share of copies that arrive before the original (default 0.1). */
  earlyCopyRate?: number;
}

const PARTNER_SITES = [
  'news.example-partner.com',
  'www.daily-wire.example',
  'm.city-herald.example',
  'www.finance-today.example',
  'global-digest.example.org',
  'www.aggregator.example.net',
];
const TRACKING = [
  'utm_source=twitter&utm_medium=social',
  'fbclid=IwAR3xYz',
  'utm_campaign=morning&gclid=Cj0K',
  'ocid=msnews&mc_cid=12ab',
];
const HOUR = 3_600_000;
const START = Date.UTC(2005, 0, 10);

/**
 * The corpus holds some stories twice under two ids, verbatim or lightly edited: those are one story, not two.
 * Grouped by the exact containment of their full 4-shingle sets (no sampling), at 0.8.
 */
function groupStories(corpus: CorpusArticle[]): CorpusArticle[][] {
  const sets = corpus.map((a) => {
    const t = tokenHashes(a.paragraphs.join('\n\n'));
    const set = new Set<string>();
    for (let i = 0; i + 4 <= t.length; i++) set.add(`${t[i]},${t[i + 1]},${t[i + 2]},${t[i + 3]}`);
    return set;
  });
  const postings = new Map<string, number[]>();
  sets.forEach((set, doc) => set.forEach((s) => (postings.get(s) ?? postings.set(s, []).get(s)!).push(doc)));
  const parent = corpus.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  sets.forEach((set, doc) => {
    const shared = new Map<number, number>();
    for (const s of set)
      for (const other of postings.get(s)!) if (other < doc) shared.set(other, (shared.get(other) ?? 0) + 1);
    for (const [other, n] of shared)
      if (n / Math.max(1, Math.min(set.size, sets[other].size)) >= 0.8) parent[root(doc)] = root(other);
  });
  const groups = new Map<number, CorpusArticle[]>();
  corpus.forEach((a, i) => (groups.get(root(i)) ?? groups.set(root(i), []).get(root(i))!).push(a));
  return [...groups.values()];
}

/** New text for an update: a sentence made of the story's own words, so it stays on topic. */
function updateParagraph(article: CorpusArticle, rnd: SeededRandom): string {
  const words = article.paragraphs.join(' ').split(/\s+/);
  const picked = Array.from({ length: rnd.int(10, 24) }, () => rnd.pick(words));
  return `In a statement issued ${rnd.pick(['on Monday', 'later', 'overnight', 'early on Tuesday'])}, officials added that ${picked.join(' ')}.`;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * A stream of originals, re-scrapes, updates and republished copies built from a corpus, shuffled in time.
 * Deterministic for a given corpus order and seed.
 */
export function buildDedupStream(corpus: CorpusArticle[], options: StreamOptions = {}): StreamEvent[] {
  const rnd = new SeededRandom(options.seed ?? 1);
  const copiesPerStory = options.copiesPerStory ?? 1.5;
  const events: Omit<StreamEvent, 'seq'>[] = [];
  let stories = groupStories(corpus);
  if (options.stories !== undefined) stories = stories.slice(0, options.stories);

  for (const group of stories) {
    const story = group[0].id;
    const t0 = START + rnd.next() * 10 * 24 * HOUR;
    // Every corpus copy of the story is an original at its own URL (the corpus duplicates are republications too).
    group.forEach((article, i) => events.push(...scrapesOf(article, i, story, t0, rnd, options)));

    const copies = Math.floor(copiesPerStory * 2 * rnd.next() + 0.5);
    for (let c = 0; c < copies; c++) events.push(partnerCopy(group[0], story, c, t0, rnd, options));
  }
  events.sort((a, b) => a.observedAt - b.observedAt);
  return events.map((e, seq) => ({ ...e, seq }));
}

type Draft = Omit<StreamEvent, 'seq'>;

/** A corpus copy of a story as its site published it, with the re-scrapes, tracking-link visits and update. */
function scrapesOf(
  article: CorpusArticle,
  i: number,
  story: string,
  t0: number,
  rnd: SeededRandom,
  options: StreamOptions,
): Draft[] {
  const scrapes: Draft[] = [];
  const url = `https://www.bbc.co.uk/news/${article.section}-${article.id.replace(/\W/g, '')}`;
  const body = article.paragraphs;
  const at = t0 + i * rnd.next() * 6 * HOUR;
  scrapes.push({
    story,
    kind: 'original',
    variant: 'original',
    url,
    title: article.title,
    text: body.join('\n\n'),
    observedAt: at,
    version: 'v1',
  });
  if (rnd.chance(options.rescrapeRate ?? 0.3)) {
    scrapes.push({
      story,
      kind: 'rescrape',
      variant: 'rescrape',
      url,
      title: article.title,
      text: body.join('\n\n'),
      observedAt: at + rnd.next() * 48 * HOUR,
      version: 'v1',
    });
  }
  if (rnd.chance(options.trackingRate ?? 0.15)) {
    scrapes.push({
      story,
      kind: 'tracking-rescrape',
      variant: 'tracking',
      url: `${url}?${rnd.pick(TRACKING)}`,
      title: article.title,
      text: body.join('\n\n'),
      observedAt: at + rnd.next() * 48 * HOUR,
      version: 'v1',
    });
  }
  if (i === 0 && rnd.chance(options.updateRate ?? 0.2)) {
    const updated = updateStory(body, rnd, updateParagraph(article, rnd));
    // Updates land after every re-scrape of the first version, so "same URL, same content" stays a re-scrape.
    scrapes.push({
      story,
      kind: 'update',
      variant: 'update',
      url,
      title: article.title,
      text: updated.join('\n\n'),
      observedAt: at + (48 + rnd.next() * 48) * HOUR,
      version: 'v2',
    });
  }
  return scrapes;
}

/** Copy `c` of the story on a partner site: teaser cuts, copy edits, a dateline, a byline, a new headline. */
function partnerCopy(
  original: CorpusArticle,
  story: string,
  c: number,
  t0: number,
  rnd: SeededRandom,
  options: StreamOptions,
): Draft {
  let paragraphs = original.paragraphs;
  let title = original.title;
  const applied: string[] = [];
  const steps: Array<[string, number, () => void]> = [
    ['chrome', 0.6, () => (paragraphs = addSiteResidue(paragraphs, rnd))],
    ['headline', 0.5, () => (title = changeHeadline(title, rnd))],
    ['truncate', 0.35, () => (paragraphs = truncate(paragraphs, rnd))],
    ['copyedit', 0.4, () => (paragraphs = copyEdit(paragraphs, rnd))],
    ['dateline', 0.3, () => (paragraphs = addDateline(paragraphs, rnd))],
    ['byline', 0.3, () => (paragraphs = addByline(paragraphs, rnd))],
  ];
  // Order matters as on the web: a teaser is cut from the story before the partner's furniture is added.
  for (const [name, p, apply] of [steps[2], steps[3], steps[4], steps[5], steps[1], steps[0]]) {
    if (rnd.chance(p)) {
      apply();
      applied.push(name);
    }
  }
  const site = rnd.pick(PARTNER_SITES);
  const early = rnd.chance(options.earlyCopyRate ?? 0.1);
  const at = early ? t0 - rnd.next() * 6 * HOUR : t0 + (0.1 + rnd.next() * 72) * HOUR;
  return {
    story,
    kind: 'copy',
    variant: applied.length ? applied.join('+') : 'verbatim',
    url: `https://${site}/news/${slug(title)}-${story.replace(/\W/g, '')}${c}`,
    title,
    text: paragraphs.join('\n\n'),
    observedAt: at,
    version: 'v1',
  };
}
