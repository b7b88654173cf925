import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import i18nCountries from 'i18n-iso-countries';
import { GeoTagger } from '@news/tagging';
import { evalGroup } from './eval-group';

/**
 * `news-ingest eval countries --reuters FILE`: primary countries against the `places` of Reuters-21578
 * stories, scored as ../shared/datasets/README.md says (each story fed as a wire item: dateline then body;
 * micro precision, recall and F1, once over everything and once without `usa`).
 */

interface Options {
  reuters: string;
  limit?: string;
  withTitle?: boolean;
  errors?: string;
}

interface ReutersStory {
  newid: number;
  date?: string;
  title?: string;
  dateline?: string;
  body?: string;
  places?: string[];
}

// 1987 Reuters place codes whose names are not today's English country names.
const LEGACY_PLACES: Record<string, string> = {
  usa: 'US',
  uk: 'GB',
  ussr: 'RU',
  'west-germany': 'DE',
  'east-germany': 'DE',
  'hong-kong': 'HK',
  'south-korea': 'KR',
  'north-korea': 'KP',
  uae: 'AE',
  'ivory-coast': 'CI',
  'yemen-arab-republic': 'YE',
  'yemen-demo-republic': 'YE',
  zaire: 'CD',
  burma: 'MM',
  kampuchea: 'KH',
  czechoslovakia: 'CZ',
  yugoslavia: 'RS',
  'trinidad-tobago': 'TT',
  vietnam: 'VN',
  taiwan: 'TW',
  iran: 'IR',
  syria: 'SY',
  'cayman-islands': 'KY',
  'sri-lanka': 'LK',
  bolivia: 'BO',
  venezuela: 'VE',
  tanzania: 'TZ',
  libya: 'LY',
};

export function placeToIso(place: string): string | undefined {
  const legacy = LEGACY_PLACES[place];
  if (legacy) return legacy;
  const name = place
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return i18nCountries.getAlpha2Code(name, 'en');
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function addCounts(counts: Counts, gold: ReadonlySet<string>, predicted: ReadonlySet<string>): void {
  for (const code of predicted)
    if (gold.has(code)) counts.tp++;
    else counts.fp++;
  for (const code of gold) if (!predicted.has(code)) counts.fn++;
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** "26-FEB-1987 15:01:01.79" → ISO 8601, so leaders resolve by the story's date. */
function reutersDate(value: string | undefined): string | null {
  const m = /^(\d{1,2})-([A-Z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})/.exec(value?.trim() ?? '');
  if (!m) return null;
  const month = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].indexOf(
    m[2],
  );
  if (month < 0) return null;
  return new Date(
    Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])),
  ).toISOString();
}

export function register(program: Command): void {
  const evaluate = evalGroup(program);
  evaluate
    .command('countries')
    .description(
      'Score primary countries against the places of Reuters-21578 stories (micro P/R/F1, overall and without usa)',
    )
    .requiredOption(
      '--reuters <file>',
      'Reuters-21578 stories as JSON Lines (e.g. ../shared/datasets/reuters-21578/train.jsonl)',
    )
    .option('--limit <n>', 'score only the first n stories')
    .option(
      '--with-title',
      'also feed the headline as the title (the scoring rule feeds dateline and body only)',
    )
    .option('--errors <n>', 'print the first n stories where prediction and labels differ')
    .action((options: Options) => evalCountries(options));
}

function evalCountries(options: Options): void {
  if (!existsSync(options.reuters)) {
    throw new Error(
      `Reuters file not found: ${options.reuters} (the data set lives in ../shared/datasets/reuters-21578/train.jsonl on development machines)`,
    );
  }
  const limit = options.limit ? Number(options.limit) : Infinity;
  if (!(limit > 0)) throw new Error('--limit must be a positive number');
  let errorsLeft = options.errors ? Number(options.errors) : 0;
  const tagger = GeoTagger.load();
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const noUsa: Counts = { tp: 0, fp: 0, fn: 0 };
  let stories = 0;
  let unmapped = 0;
  let elapsedNs = 0n;
  for (const line of readFileSync(options.reuters, 'utf8').split('\n')) {
    if (stories >= limit) break;
    if (!line.trim()) continue;
    const story = JSON.parse(line) as ReutersStory;
    stories++;
    const gold = new Set<string>();
    for (const place of story.places ?? []) {
      const code = placeToIso(place);
      if (code) gold.add(code);
      else unmapped++;
    }
    const dateline = story.dateline?.trim() ?? '';
    const text = dateline ? `${dateline} ${story.body ?? ''}` : (story.body ?? '');
    const started = process.hrtime.bigint();
    const result = tagger.tag({
      title: options.withTitle ? (story.title ?? '') : '',
      text,
      language: 'en',
      publishedAt: reutersDate(story.date),
    });
    elapsedNs += process.hrtime.bigint() - started;
    const predicted = new Set(result.countries.filter((c) => c.primary).map((c) => c.code));
    addCounts(all, gold, predicted);
    const goldNoUsa = new Set([...gold].filter((c) => c !== 'US'));
    addCounts(noUsa, goldNoUsa, new Set([...predicted].filter((c) => c !== 'US')));
    if (errorsLeft > 0 && [...gold].sort().join() !== [...predicted].sort().join()) {
      errorsLeft--;
      const ranked = result.countries.map((c) => `${c.code}${c.primary ? '*' : ''}:${c.salience}`).join(' ');
      process.stdout.write(
        `#${story.newid} gold=${[...gold].join(',')} predicted=${[...predicted].join(',')} | ${ranked} | ${text.slice(0, 160).replace(/\s+/g, ' ')}\n`,
      );
    }
  }
  const fmt = (c: Counts) => {
    const r = prf(c);
    return `P ${r.precision.toFixed(3)}  R ${r.recall.toFixed(3)}  F1 ${r.f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
  };
  process.stdout.write(
    `stories: ${stories}${unmapped ? ` (${unmapped} place labels without an ISO code, left out)` : ''}\n` +
      `overall:     ${fmt(all)}\n` +
      `without usa: ${fmt(noUsa)}\n` +
      `tagging time: ${(Number(elapsedNs) / 1000 / Math.max(stories, 1)).toFixed(1)} µs per story\n`,
  );
}
