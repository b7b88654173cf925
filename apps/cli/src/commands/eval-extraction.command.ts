import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { evaluateExtraction, type LabelledPage } from '@news/normalize';
import { evalGroup } from './eval-group';

/**
 * `news-ingest eval extraction --pages DIR`: body-extraction quality on labelled pages, with the metric
 * of the development data sets (4-gram precision/recall/F1, every page weighing the same). DIR holds
 * `html/<id>.html` and `ground-truth.json` (`{ "<id>": { "articleBody": "...", "url": "..." } }`).
 */

interface Options {
  pages: string;
  worst: string;
  json?: boolean;
}

interface Truth {
  articleBody?: unknown;
  url?: unknown;
}

function* readPages(dir: string): Generator<LabelledPage> {
  const truthFile = join(dir, 'ground-truth.json');
  const htmlDir = join(dir, 'html');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `pages folder not found: ${dir} (development pages live in ../shared/datasets/article-extraction)`,
    );
  }
  if (!existsSync(truthFile) || !existsSync(htmlDir)) {
    throw new Error(`${dir} must contain ground-truth.json and an html/ folder of <id>.html pages`);
  }
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, Truth>;
  for (const [id, label] of Object.entries(truth)) {
    const file = join(htmlDir, `${id}.html`);
    if (!existsSync(file)) throw new Error(`page ${id} is labelled but ${file} is missing`);
    if (typeof label.articleBody !== 'string') throw new Error(`page ${id}: articleBody is not a string`);
    yield {
      id,
      url: typeof label.url === 'string' ? label.url : `https://unknown.invalid/${id}`,
      html: readFileSync(file, 'utf8'),
      truth: label.articleBody,
    };
  }
}

export function register(program: Command): void {
  const evaluate = evalGroup(program);
  evaluate
    .command('extraction')
    .description(
      'Body-extraction precision/recall/F1 on labelled HTML pages (4-gram metric of the data sets README)',
    )
    .requiredOption(
      '--pages <dir>',
      'folder with html/<id>.html and ground-truth.json (e.g. ../shared/datasets/article-extraction)',
    )
    .option('--worst <n>', 'list the n pages with the lowest F1', '10')
    .option('--json', 'print the full result as JSON')
    .action((options: Options) => evalExtraction(options));
}

function evalExtraction(options: Options): void {
  const worst = Number(options.worst);
  if (!(worst >= 0)) throw new Error('--worst must be a number ≥ 0');
  const started = process.hrtime.bigint();
  const result = evaluateExtraction(readPages(options.pages));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.pages === 0) throw new Error(`no labelled pages in ${options.pages}`);
  if (options.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const f = (x: number): string => x.toFixed(4);
  const lines = [
    `pages: ${result.pages} (${(ms / result.pages).toFixed(1)} ms per page, normalization included)`,
    `precision: ${f(result.precision)}  recall: ${f(result.recall)}  F1: ${f(result.f1)}`,
  ];
  if (worst > 0) {
    lines.push(
      `worst ${Math.min(worst, result.pages)} pages:`,
      '  F1      P       R       chars(extracted/true)  id  url',
    );
    for (const p of result.byPage.slice(0, worst)) {
      lines.push(
        `  ${f(p.f1)}  ${f(p.precision)}  ${f(p.recall)}  ${`${p.extractedChars}/${p.truthChars}`.padEnd(21)}  ${p.id.slice(0, 12)}  ${p.url}`,
      );
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}
