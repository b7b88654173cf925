import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { placeToIso, register as registerCountries } from './eval-countries.command';
import { parseCsv, register as registerTopics } from './eval-topics.command';

function program(): Command {
  const p = new Command('news-ingest').exitOverride();
  registerCountries(p);
  registerTopics(p);
  return p;
}

async function run(args: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program().parseAsync(['node', 'news-ingest', ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('eval countries / eval topics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eval-tagging-'));

  it('maps 1987 Reuters place codes to ISO 3166-1 alpha-2', () => {
    expect(
      ['usa', 'uk', 'ussr', 'west-germany', 'hong-kong', 'new-zealand', 'japan'].map(placeToIso),
    ).toEqual(['US', 'GB', 'RU', 'DE', 'HK', 'NZ', 'JP']);
  });

  it('scores primary countries of wire stories against their places', async () => {
    const file = join(dir, 'reuters.jsonl');
    const stories = [
      {
        newid: 1,
        date: '26-FEB-1987 15:01:01.79',
        dateline: 'TOKYO, Feb 26 -',
        body: 'Japan said its exports rose. Japanese officials were pleased.',
        places: ['japan'],
      },
      {
        newid: 2,
        date: '26-FEB-1987 15:01:01.79',
        dateline: 'LONDON, Feb 26 -',
        body: 'British output fell, the government said.',
        places: ['uk', 'france'],
      },
    ];
    writeFileSync(file, stories.map((s) => JSON.stringify(s)).join('\n'));
    const out = await run(['eval', 'countries', '--reuters', file]);
    expect(out).toContain('stories: 2');
    // Both stories right except France, which the second one never names: 2 tp, 0 fp, 1 fn.
    expect(out).toMatch(/overall: +P 1\.000 +R 0\.667 +F1 0\.800 +\(tp 2, fp 0, fn 1\)/);
  }, 60_000);

  it('measures how many AG News snippets given a conflict topic are World stories', async () => {
    const file = join(dir, 'ag.csv');
    writeFileSync(
      file,
      [
        '1,"Car bomb kills 12 in Baghdad","A suicide bomber attacked a police station, officials said."',
        '2,"Yankees win","The team beat Boston, 5-3, in a tense battle."',
        '3,"Oil prices rise","Crude rose on supply worries, ""traders"" said."',
      ].join('\n'),
    );
    const out = await run(['eval', 'topics', '--agnews', file]);
    expect(out).toContain('snippets: 3 (1 World)');
    expect(out).toContain('given a listed topic: 1; of them World: 1 (100.0%');
    expect(out).toContain('recall on World: 1/1 (100.0%, target ≥ 50%)');
  }, 60_000);

  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsv('1,"a, b","say ""hi"""\n2,c,d')).toEqual([
      ['1', 'a, b', 'say "hi"'],
      ['2', 'c', 'd'],
    ]);
  });

  it('says clearly when a data set file is absent', async () => {
    await expect(run(['eval', 'countries', '--reuters', join(dir, 'missing.jsonl')])).rejects.toThrow(
      /Reuters file not found: .*missing\.jsonl/,
    );
    await expect(run(['eval', 'topics', '--agnews', join(dir, 'missing.csv')])).rejects.toThrow(
      /AG News file not found/,
    );
  });
});
