import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_TOPICS } from '@news/contracts';
import type { RawEnvelope } from '@news/pipeline';
import { sectionedTextFiles } from '../apps/cli/src/commands/eval-dedup.command';

/**
 * The benchmarks' realistic mixture of raw articles, as scrapers would publish them: two-line AG News
 * snippets, Reuters wire stories, full BBC articles and modern web news (the shared data sets, when present
 * at ../shared/datasets), with the copies a real stream carries (the same URL fetched again, with tracking
 * parameters, syndicated copies on another site under another headline, a truncated copy) and bad input
 * (not JSON, invalid UTF-8, no URL, no body, an unknown schema version). Without the data sets the mixture is
 * built the same way from the bundled samples, so the benchmark always runs, on less realistic text.
 *
 * The mixture is deterministic (a seeded generator, fixed timestamps): the same data gives the same bytes, so
 * hashes of the pipeline's outputs over it can be compared across commits.
 *
 *   node dist/bench/real-mix.js [--datasets DIR] [--limit N] --out FILE   writes it as JSON Lines
 */

export interface RealMix {
  /** One raw event value per entry, in stream order. */
  values: Buffer[];
  /** Where the texts came from: the shared data sets or the bundled samples. */
  source: 'datasets' | 'samples';
  /** How many entries of each kind. */
  counts: Record<string, number>;
}

export interface RealMixOptions {
  /** Folder of the shared data sets (default: ../shared/datasets beside the repository). */
  datasets?: string;
  /** At most this many original stories (before copies and bad input are added). */
  limit?: number;
  seed?: number;
}

interface Story {
  id: string;
  url: string;
  domain: string;
  title: string;
  text: string;
  publishedAt?: string;
}

const REPO = resolve(__dirname, '..', '..');
export const DEFAULT_DATASETS = resolve(REPO, '..', 'shared', 'datasets');
const BASE_TIME = Date.parse('2026-11-02T06:00:00Z');
const SYNDICATORS = [
  'news.example-wire.com',
  'www.daily-example.co.uk',
  'example-times.in',
  'portal.example.ng',
];
const AG_SOURCES = [
  'www.example-ap.org',
  'www.example-afp.com',
  'example-reuters.co',
  'news.example-yahoo.com',
];

/** Mulberry32: small, fast, and the same sequence on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function reuters(dir: string): Story[] {
  const file = join(dir, 'reuters-21578', 'train.jsonl');
  if (!existsSync(file)) return [];
  const stories: Story[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const s = JSON.parse(line) as { newid: number; title?: string; dateline?: string; body?: string };
    const body = (s.body ?? '').trim();
    if (body === '') continue;
    const dateline = s.dateline?.trim() ?? '';
    stories.push({
      id: `reuters-${s.newid}`,
      url: `https://www.reuters.example.com/article/${s.newid}`,
      domain: 'reuters.example.com',
      title: s.title ?? '',
      text: dateline ? `${dateline} ${body}` : body,
    });
  }
  return stories;
}

function bbc(dir: string): Story[] {
  const root = join(dir, 'bbc-news');
  if (!existsSync(root)) return [];
  return sectionedTextFiles(root).map(({ section, name, lines }) => ({
    id: `bbc-${section}-${name}`,
    url: `https://news.bbc.co.uk/2/hi/${section}/${name}.stm`,
    domain: 'bbc.co.uk',
    title: lines[0]?.trim() ?? '',
    text: lines.slice(1).join('\n').trim(),
  }));
}

/** AG News rows: class,"title","description" with doubled quotes inside quoted fields. */
function agNews(dir: string): Story[] {
  const file = join(dir, 'ag-news', 'dev.csv');
  if (!existsSync(file)) return [];
  const stories: Story[] = [];
  const rows = readFileSync(file, 'utf8').split('\n');
  rows.forEach((row, index) => {
    const fields = csvFields(row);
    if (fields.length < 3) return;
    const domain = AG_SOURCES[index % AG_SOURCES.length];
    stories.push({
      id: `ag-${index}`,
      url: `https://${domain}/story/ag-${index}.html`,
      domain: domain.replace(/^www\./, ''),
      title: fields[1],
      text: fields.slice(2).join(', ').replace(/\\\s*/g, ' '),
    });
  });
  return stories;
}

function csvFields(row: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= row.length) {
    if (row[i] === '"') {
      let value = '';
      i++;
      while (i < row.length) {
        if (row[i] === '"' && row[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (row[i] === '"') {
          i++;
          break;
        } else value += row[i++];
      }
      fields.push(value);
      i++; // the comma
    } else {
      const end = row.indexOf(',', i);
      const stop = end === -1 ? row.length : end;
      fields.push(row.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}

function newsLabels(dir: string): Story[] {
  const stories: Story[] = [];
  for (const name of ['dev.jsonl', 'ag-dev.jsonl']) {
    const file = join(dir, 'news-labels', name);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const s = JSON.parse(line) as {
        key?: string;
        id?: string;
        url?: string;
        title?: string;
        text?: string;
      };
      const id = `labels-${s.key ?? s.id ?? stories.length}`;
      const url = s.url && /^https?:\/\//.test(s.url) ? s.url : `https://labels.example.org/${id}`;
      stories.push({
        id,
        url,
        domain: new URL(url).hostname.replace(/^www\./, ''),
        title: s.title ?? '',
        text: s.text ?? '',
      });
    }
  }
  return stories;
}

function bundledSamples(): Story[] {
  const stories: Story[] = [];
  const lines = readFileSync(join(REPO, 'samples', 'demo-articles.jsonl'), 'utf8').split('\n');
  lines.push(readFileSync(join(REPO, 'samples', 'seed-article.json'), 'utf8').replace(/\n/g, ' '));
  for (const line of lines) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as {
      id?: string;
      url: string;
      title?: string;
      text?: string;
      html?: string;
    };
    const text = raw.text ?? raw.html ?? '';
    // Each sample paragraph also stands alone as a short wire item, so the mix has short and long texts.
    const paragraphs = text.split(/\n+/).filter((p) => p.trim().length > 80);
    const base = raw.id ?? `sample-${stories.length}`;
    stories.push({ id: base, url: raw.url, domain: new URL(raw.url).hostname, title: raw.title ?? '', text });
    paragraphs.forEach((paragraph, p) =>
      stories.push({
        id: `${base}-p${p}`,
        url: `${raw.url.replace(/\/?$/, '')}/p${p}`,
        domain: new URL(raw.url).hostname,
        title: paragraph.split(/[.!?]/)[0].slice(0, 90),
        text: paragraph,
      }),
    );
  }
  return stories;
}

/** Interleaves the sources so that snippets, wire stories and features alternate as in a live stream. */
function interleave(sources: Story[][], random: () => number): Story[] {
  const out: Story[] = [];
  const cursors = sources.map(() => 0);
  const total = sources.reduce((n, s) => n + s.length, 0);
  while (out.length < total) {
    let pick = Math.floor(random() * total);
    let k = 0;
    for (; k < sources.length; k++) {
      const left = sources[k].length - cursors[k];
      if (pick < left) break;
      pick -= left;
    }
    if (k === sources.length) k = cursors.findIndex((c, i) => c < sources[i].length);
    out.push(sources[k][cursors[k]++]);
  }
  return out;
}

function rawEvent(story: Story, at: number, extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      id: story.id,
      url: story.url,
      source: { domain: story.domain },
      title: story.title,
      text: story.text,
      fetchedAt: new Date(BASE_TIME + at * 1000).toISOString(),
      ...extra,
    }),
  );
}

function badInput(n: number, story: Story, at: number): Buffer {
  switch (n % 6) {
    case 0:
      return Buffer.from(`{"id":"${story.id}-cut","url":"${story.url}","text":"${story.title}`); // truncated JSON
    case 1: {
      const bytes = rawEvent(story, at);
      bytes[Math.floor(bytes.length / 2)] = 0xff; // invalid UTF-8
      return bytes;
    }
    case 2:
      return Buffer.from(JSON.stringify({ id: `${story.id}-nourl`, title: story.title, text: story.text }));
    case 3:
      return Buffer.from(JSON.stringify({ id: `${story.id}-empty`, url: `${story.url}?empty`, text: ' ' }));
    case 4:
      return rawEvent(story, at, { schemaVersion: 9, url: `${story.url}?v9` });
    default:
      return Buffer.from('<html><body>not an event</body></html>');
  }
}

/** The mixture as the envelopes a consumer of the raw topic hands the pipeline: partition 0, offsets from 1. */
export function mixEnvelopes(mix: RealMix): RawEnvelope[] {
  return mix.values.map((value, i) => ({
    value,
    key: null,
    headers: {},
    topic: DEFAULT_TOPICS.raw,
    partition: 0,
    offset: String(i + 1),
  }));
}

export function buildRealMix(options: RealMixOptions = {}): RealMix {
  const random = seeded(options.seed ?? 16);
  const dir = options.datasets ?? DEFAULT_DATASETS;
  const fromData = existsSync(dir) ? [reuters(dir), bbc(dir), agNews(dir), newsLabels(dir)] : [];
  const haveData = fromData.some((s) => s.length > 0);
  let sources = haveData ? fromData.filter((s) => s.length > 0) : [bundledSamples()];
  if (options.limit !== undefined) {
    // Keep each source's share of the whole.
    const total = sources.reduce((n, s) => n + s.length, 0);
    const limit = options.limit;
    sources = sources.map((s) => s.slice(0, Math.max(1, Math.round((s.length * limit) / total))));
  }
  const stories = interleave(sources, random);
  const counts: Record<string, number> = {
    original: 0,
    rescrape: 0,
    tracking: 0,
    syndicated: 0,
    truncated: 0,
    bad: 0,
  };
  const values: Buffer[] = [];
  const earlier: Story[] = [];
  let at = 0;
  for (const story of stories) {
    at += 1 + Math.floor(random() * 5);
    values.push(rawEvent(story, at));
    counts.original++;
    earlier.push(story);
    // Copies of a story seen a little earlier, as they arrive: minutes to hours later.
    const r = random();
    if (earlier.length > 20 && r < 0.18) {
      const copyOf = earlier[earlier.length - 1 - Math.floor(random() * 20)];
      const kind = r < 0.05 ? 'rescrape' : r < 0.08 ? 'tracking' : r < 0.15 ? 'syndicated' : 'truncated';
      counts[kind]++;
      if (kind === 'rescrape') values.push(rawEvent(copyOf, at));
      else if (kind === 'tracking')
        values.push(rawEvent({ ...copyOf, url: `${copyOf.url}?utm_source=feed&utm_medium=rss` }, at));
      else {
        const domain = SYNDICATORS[Math.floor(random() * SYNDICATORS.length)];
        const text =
          kind === 'truncated' ? copyOf.text.slice(0, Math.max(200, copyOf.text.length >> 1)) : copyOf.text;
        values.push(
          rawEvent(
            {
              ...copyOf,
              id: `${copyOf.id}-${domain}`,
              url: `https://${domain}/world/${copyOf.id}`,
              domain,
              title: kind === 'syndicated' ? `${copyOf.title} | ${domain}` : copyOf.title,
              text,
            },
            at,
          ),
        );
      }
    }
    if (random() < 0.01) {
      values.push(badInput(counts.bad, story, at));
      counts.bad++;
    }
  }
  return { values, source: haveData ? 'datasets' : 'samples', counts };
}

function main(): void {
  const arg = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const out = arg('out');
  if (!out) throw new Error('usage: node dist/bench/real-mix.js [--datasets DIR] [--limit N] --out FILE');
  const limit = arg('limit');
  const mix = buildRealMix({ datasets: arg('datasets'), limit: limit ? Number(limit) : undefined });
  const chunks: Buffer[] = [];
  for (const value of mix.values) chunks.push(value, Buffer.from('\n'));
  writeFileSync(out, Buffer.concat(chunks));
  process.stderr.write(
    `${mix.values.length} raw events from the ${mix.source} (${JSON.stringify(mix.counts)}) written to ${out}\n`,
  );
}

if (require.main === module) main();
