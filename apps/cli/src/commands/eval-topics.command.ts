import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GeoTagger } from '@news/tagging';
import { evalGroup } from './eval-group';

/**
 * `news-ingest eval topics --agnews FILE`: of the AG News snippets given a conflict or politics topic, how many
 * are World stories (class 1), and how many World stories get one (recall). AG News has no topic labels of
 * its own, so this measures whether those topics stay on world news rather than leaking into sports
 * ("battle"), business ("price war") or technology ("cyber attack" is espionage-cyber, not listed here).
 */

interface Options {
  agnews: string;
  limit?: string;
  errors?: string;
}

/** The topics this evaluation counts as conflict or politics (the World stories it scores against). */
export const WORLD_TOPICS = [
  'armed-conflict',
  'terrorism',
  'diplomacy',
  'elections',
  'protest-unrest',
  'coup',
  'nuclear-weapons',
  'territorial-dispute',
  'refugees-migration',
  'war-crimes-justice',
] as const;

const CLASS_NAMES = ['', 'World', 'Sports', 'Business', 'Sci/Tech'];

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (quoted) {
      if (ch === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export function register(program: Command): void {
  const evaluate = evalGroup(program);
  evaluate
    .command('topics')
    .description(
      'Share of World stories among AG News snippets given a conflict/politics topic, and recall on World stories',
    )
    .requiredOption(
      '--agnews <file>',
      'AG News CSV: class,title,description (e.g. ../shared/datasets/ag-news/dev.csv)',
    )
    .option('--limit <n>', 'score only the first n snippets')
    .option('--errors <n>', 'print the first n non-World snippets that were given such a topic')
    .action((options: Options) => evalTopics(options));
}

function evalTopics(options: Options): void {
  if (!existsSync(options.agnews)) {
    throw new Error(
      `AG News file not found: ${options.agnews} (the data set lives in ../shared/datasets/ag-news/dev.csv on development machines)`,
    );
  }
  const limit = options.limit ? Number(options.limit) : Infinity;
  if (!(limit > 0)) throw new Error('--limit must be a positive number');
  let errorsLeft = options.errors ? Number(options.errors) : 0;
  const tagger = GeoTagger.load();
  const listed = new Set<string>(WORLD_TOPICS);
  let snippets = 0;
  let world = 0;
  let flagged = 0;
  let flaggedWorld = 0;
  const perTopic = new Map<string, { all: number; world: number }>();
  for (const row of parseCsv(readFileSync(options.agnews, 'utf8'))) {
    if (snippets >= limit) break;
    const [label, title = '', description = ''] = row;
    const cls = Number(label);
    if (!(cls >= 1 && cls <= 4)) continue;
    snippets++;
    if (cls === 1) world++;
    // AG News escapes line breaks as "\\" sequences; the tagger sees plain text as a scraper would send it.
    const text = description.replace(/\\n|\\/g, ' ');
    const topics = tagger.tag({ title, text, language: 'en' }).topics.filter((t) => listed.has(t.id));
    if (topics.length === 0) continue;
    flagged++;
    if (cls === 1) flaggedWorld++;
    for (const t of topics) {
      const counts = perTopic.get(t.id) ?? { all: 0, world: 0 };
      counts.all++;
      if (cls === 1) counts.world++;
      perTopic.set(t.id, counts);
    }
    if (cls !== 1 && errorsLeft > 0) {
      errorsLeft--;
      process.stdout.write(
        `[${CLASS_NAMES[cls]}] ${topics.map((t) => `${t.id}:${t.evidence.map((e) => e.text).join('/')}`).join(' ')} | ${title}\n`,
      );
    }
  }
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  const lines = [
    `snippets: ${snippets} (${world} World)`,
    `given a listed topic: ${flagged}; of them World: ${flaggedWorld} (${pct(flaggedWorld, flagged)}, target ≥ 90%)`,
    `recall on World: ${flaggedWorld}/${world} (${pct(flaggedWorld, world)}, target ≥ 50%)`,
    ...[...perTopic]
      .sort((a, b) => b[1].all - a[1].all)
      .map(
        ([id, c]) => `  ${id.padEnd(20)} ${String(c.all).padStart(4)} snippets, ${pct(c.world, c.all)} World`,
      ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
