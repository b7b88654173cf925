import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  Deduplicator,
  InMemoryDedupStore,
  buildDedupStream,
  evaluateDedup,
  type CorpusArticle,
  type DedupScore,
} from '@news/dedup';
import { evalGroup } from './eval-group';

/**
 * Reads a corpus laid out as `<section>/<name>.txt`, each file a headline line followed by paragraphs
 * separated by blank lines (the layout of the BBC news data set).
 */
export function loadSectionedCorpus(dir: string): CorpusArticle[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `corpus folder not found: ${dir} (expected <section>/<name>.txt files, e.g. ../shared/datasets/bbc-news)`,
    );
  }
  const articles: CorpusArticle[] = [];
  for (const { section, name, lines } of sectionedTextFiles(dir)) {
    const title = lines[0]?.trim() ?? '';
    const paragraphs = lines
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    if (paragraphs.length > 0) articles.push({ id: `${section}/${name}`, section, title, paragraphs });
  }
  if (articles.length === 0) throw new Error(`no articles found under ${dir}`);
  return articles;
}

/**
 * The `<section>/<name>.txt` files under `dir` in a fixed order (sections, then names, sorted), each as its
 * lines (Latin-1, the BBC data set's encoding; CRLF read as LF).
 */
export function sectionedTextFiles(dir: string): Array<{ section: string; name: string; lines: string[] }> {
  const files: Array<{ section: string; name: string; lines: string[] }> = [];
  for (const section of readdirSync(dir).sort()) {
    const folder = join(dir, section);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const lines = readFileSync(join(folder, file), 'latin1').replace(/\r\n?/g, '\n').split('\n');
      files.push({ section, name: file.replace(/\.txt$/, ''), lines });
    }
  }
  return files;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatScore(score: DedupScore, corpusSize: number, seed: number): string {
  const lines = [
    `dedup evaluation: ${corpusSize} corpus articles, seed ${seed}, ${score.events} stream events`,
    `  duplicates ${score.counts.duplicates}, uniques ${score.counts.uniques}, updates ${score.counts.updates}`,
    `  duplicate precision  ${pct(score.duplicatePrecision)}   (target >= 99%; ${score.counts.falseDuplicates} false duplicates)`,
    `  duplicate recall     ${pct(score.duplicateRecall)}   (target >= 95%; ${score.counts.missedDuplicates} missed)`,
    `  uniques kept         ${pct(score.uniquesKept)}   (target >= 99%)`,
    `  updates recognized   ${pct(score.updatesRecognized)}   (target >= 90%)`,
    `  duplicateOf correct  ${pct(score.duplicateOfCorrect)}`,
    '  recall by transform:',
    ...Object.entries(score.recallByTransform).map(
      ([t, { recall, n }]) => `    ${t.padEnd(18)} ${pct(recall).padStart(8)}  (n=${n})`,
    ),
  ];
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  const evalCommand = evalGroup(program);
  evalCommand
    .command('dedup')
    .description(
      'Build a stream of originals, re-scrapes, updates and republished copies from a corpus and score the deduplication',
    )
    .requiredOption(
      '--corpus <dir>',
      'corpus folder: <section>/<name>.txt files, headline then paragraphs (e.g. ../shared/datasets/bbc-news)',
    )
    .option('--seed <n>', 'random seed of the stream', '1')
    .option('--copies <n>', 'mean republished copies per story', '1.5')
    .option('--near <x>', 'near-duplicate containment threshold (default: the library default)')
    .option('--json', 'print the score as JSON')
    .option('--mistakes', 'list misclassified events')
    .action(
      async (options: {
        corpus: string;
        seed: string;
        copies: string;
        near?: string;
        json?: boolean;
        mistakes?: boolean;
      }) => {
        const seed = Number.parseInt(options.seed, 10);
        if (!Number.isFinite(seed)) throw new Error(`--seed must be an integer, got ${options.seed}`);
        const corpus = loadSectionedCorpus(options.corpus);
        const events = buildDedupStream(corpus, { seed, copiesPerStory: Number(options.copies) });
        const score = await evaluateDedup(events, {
          deduplicator: new Deduplicator(new InMemoryDedupStore(), {
            nearContainment: options.near === undefined ? undefined : Number(options.near),
          }),
        });
        if (options.json) {
          process.stdout.write(JSON.stringify(score, null, 2) + '\n');
          return;
        }
        process.stdout.write(formatScore(score, corpus.length, seed));
        if (options.mistakes)
          for (const m of score.mistakes)
            process.stdout.write(
              `  #${m.seq} ${m.kind}/${m.variant}: expected ${m.expected}, got ${m.got}\n`,
            );
      },
    );
}
