import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Normalizer } from '@news/normalize';
import { GeoTagger } from '@news/tagging';
import { evalGroup } from './eval-group';
import {
  emptyScores,
  f1,
  scoreArticle,
  type ArticleLabels,
  type ArticlePrediction,
  type LabelScores,
  type SetCounts,
} from './label-scoring';

/**
 * `news-ingest eval labels --labels FILE`: the tagger against articles labelled by careful reading
 * (../shared/datasets/news-labels, scheme and scoring in its README). Each article goes through the same
 * normalize and tag stages as in the worker, as a raw article of title and scraped text.
 */

interface Options {
  labels: string;
  source?: string;
  errors?: string;
}

interface LabelledArticle extends ArticleLabels {
  source: string;
  key: string;
  title: string;
  url: string;
  text: string;
}

export function register(program: Command): void {
  evalGroup(program)
    .command('labels')
    .description('Countries, topics, political people and the geopolitical flag against hand-labelled news')
    .requiredOption(
      '--labels <file>',
      'labelled articles, JSON Lines (e.g. ../shared/datasets/news-labels/dev.jsonl or ag-dev.jsonl)',
    )
    .option('--source <name>', 'score only the articles of this source (GWN, TR-News, Reuters-21578, …)')
    .option('--errors <n>', 'print what was wrong in the first n articles that had an error')
    .action((options: Options) => evalLabels(options));
}

function evalLabels(options: Options): void {
  if (!existsSync(options.labels)) {
    throw new Error(
      `labels file not found: ${options.labels} (on development machines: ../shared/datasets/news-labels/dev.jsonl)`,
    );
  }
  let errorsLeft = options.errors ? Number(options.errors) : 0;
  if (!(errorsLeft >= 0)) throw new Error('--errors must be a number ≥ 0');
  const normalizer = new Normalizer();
  const tagger = GeoTagger.load();
  const scores = emptyScores();
  const bySource = new Map<string, LabelScores>();
  const lines = readFileSync(options.labels, 'utf8').split('\n');
  lines.forEach((line, number) => {
    if (line.trim() === '') return;
    const article = parseLine(line, number + 1, options.labels);
    if (options.source && article.source !== options.source) return;
    const predicted = predict(normalizer, tagger, article);
    let perSource = bySource.get(article.source);
    if (!perSource) bySource.set(article.source, (perSource = emptyScores()));
    scoreArticle(perSource, article, predicted);
    const errors = scoreArticle(scores, article, predicted);
    const wrong =
      errors.primary.missed.length +
      errors.primary.extra.length +
      errors.all.missed.length +
      errors.all.extra.length +
      errors.topics.missed.length +
      errors.topics.extra.length +
      errors.missedPeople.length +
      (errors.geopolitical ? 1 : 0);
    if (wrong > 0 && errorsLeft > 0) {
      errorsLeft--;
      const parts = [
        diff('primary', errors.primary),
        diff('all', errors.all),
        diff('topics', errors.topics),
        errors.missedPeople.length
          ? `people missed ${errors.missedPeople.map((p) => `${p.name}/${p.country}`).join(', ')}`
          : '',
        errors.geopolitical ? `geopolitical ${errors.geopolitical}` : '',
      ].filter(Boolean);
      process.stdout.write(
        `[${article.source} ${article.key}] ${article.title.slice(0, 80)}\n  ${parts.join('\n  ')}\n`,
      );
    }
  });
  const out = [`${scores.articles} articles (${options.labels})`, ...report(scores)];
  if (bySource.size > 1) {
    for (const [source, s] of [...bySource].sort((a, b) => a[0].localeCompare(b[0]))) {
      out.push('', `${source}: ${s.articles} articles`, ...report(s).map((l) => `  ${l}`));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

function predict(normalizer: Normalizer, tagger: GeoTagger, article: LabelledArticle): ArticlePrediction {
  const url = article.url || `https://labels.invalid/${encodeURIComponent(article.source)}/${article.key}`;
  const normalized = normalizer.normalize({ url, title: article.title, text: article.text });
  if (!normalized.ok) return { primary: [], all: [], topics: [], people: [], geopolitical: false };
  const tags = tagger.tag({
    title: normalized.article.title,
    text: normalized.article.text,
    language: normalized.article.language.code,
    publishedAt: normalized.article.publishedAt,
    url: normalized.article.canonicalUrl,
  });
  return {
    primary: tags.countries.filter((c) => c.primary).map((c) => c.code),
    all: tags.countries.map((c) => c.code),
    topics: tags.topics.map((t) => t.id),
    people: tags.entities
      .filter((e) => e.type === 'person')
      .map((e) => ({ name: e.name, country: e.country ?? '' })),
    geopolitical: tags.geopolitical?.value,
  };
}

function parseLine(line: string, number: number, file: string): LabelledArticle {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new Error(`${file}:${number}: not JSON (${(error as Error).message})`);
  }
  const a = value as Partial<LabelledArticle>;
  if (typeof a.text !== 'string' || !Array.isArray(a.primary) || !Array.isArray(a.topics)) {
    throw new Error(`${file}:${number}: not a labelled article (text, primary, topics are required)`);
  }
  return {
    source: a.source ?? '',
    key: a.key ?? String(number),
    title: a.title ?? '',
    url: a.url ?? '',
    text: a.text,
    primary: a.primary,
    mentioned: a.mentioned ?? [],
    topics: a.topics,
    people: a.people ?? [],
    geopolitical: a.geopolitical === true,
  };
}

function report(s: LabelScores): string[] {
  const prf = (c: SetCounts) => {
    const r = f1(c);
    return `P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
  };
  const g = s.geopolitical;
  const flagged = g.tp + g.fp + g.fn + g.tn;
  const lines = [
    `primary countries  ${prf(s.primary)}`,
    `all countries      ${prf(s.all)}`,
    `topics (micro)     ${prf(s.topics)}`,
    ...[...s.perTopic]
      .sort((a, b) => b[1].tp + b[1].fn - (a[1].tp + a[1].fn) || a[0].localeCompare(b[0]))
      .map(([id, c]) => `  ${id.padEnd(20)} ${prf(c)}`),
    `people             recall ${s.people.labelled ? (s.people.found / s.people.labelled).toFixed(3) : 'n/a'} (${s.people.found}/${s.people.labelled} with the right country); ${s.people.emitted} emitted, ${s.people.emittedBeyondLabels} not in the labels`,
  ];
  if (flagged > 0) {
    const r = f1(g);
    lines.push(
      `geopolitical flag  accuracy ${((g.tp + g.tn) / flagged).toFixed(3)} P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} (tp ${g.tp}, fp ${g.fp}, fn ${g.fn}, tn ${g.tn})`,
    );
  } else lines.push('geopolitical flag  not emitted');
  return lines;
}

function diff(name: string, d: { missed: string[]; extra: string[] }): string {
  if (d.missed.length === 0 && d.extra.length === 0) return '';
  return `${name}: ${d.missed.length ? `missed ${d.missed.join(',')}` : ''}${d.missed.length && d.extra.length ? '; ' : ''}${d.extra.length ? `extra ${d.extra.join(',')}` : ''}`;
}
