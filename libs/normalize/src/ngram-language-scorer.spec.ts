import { readFileSync } from 'fs';
import * as path from 'path';
import { eldParts, findEld, throughEld, type Eld } from './language-detector';
import { decodeLanguageTables, encodeLanguageModel, type NgramsData } from './language-model-snapshot';
import { NgramLanguageScorer } from './ngram-language-scorer';

// eld itself on its own data, and the scorer on the snapshot's tables of the same data.
const eldModule = findEld()!;
const original = (eldModule.load('ngrams/small.js') as { ngramsData: NgramsData }).ngramsData;
const { createEld } = eldModule.load('languageDetector.js') as {
  createEld: () => { instance: Eld; loadData: (data: NgramsData) => unknown };
};
const eld = createEld();
eld.loadData(original);
/** What eld itself says, in the scorer's terms. */
const eldVerdict = throughEld(eld.instance);
const scorer = new NgramLanguageScorer(
  decodeLanguageTables(encodeLanguageModel(original, 'f'), 'f'),
  eldParts(eldModule),
);

/** A seeded generator (mulberry32): the same texts on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of hostile text: every script eld knows, case that lower-cases by context or into two units,
// apostrophes that eld keeps inside words, digits and punctuation it drops, astral and lone surrogates.
const PIECES = [
  'the',
  'Straße',
  'İstanbul',
  'ΟΔΟΣ Σ',
  'ﬁnance',
  "don't",
  'l’État',
  '`quoted`',
  "''",
  ' ’ ',
  'Москва',
  'Київ',
  'القاهرة',
  'तेहरान',
  '北京市',
  'ひらがな',
  '서울',
  'ภาษาไทย',
  'ქართული',
  'Հայաստան',
  'ትግራይ',
  '1,234.5',
  '  ',
  '\n\n',
  '\t',
  '—',
  '…',
  '😀',
  '𝒳𝒴',
  '\ud800',
  '\udc00',
  'x'.repeat(75),
  'é'.repeat(90),
  'ab',
  'a',
  'ñandú',
  'Đà Nẵng',
  'Łódź',
];

function hostileText(next: () => number): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 120);
  for (let i = 0; i < count; i++) {
    const r = next();
    if (r < 0.6) parts.push(PIECES[Math.floor(next() * PIECES.length)]);
    else if (r < 0.8) parts.push(String.fromCharCode(0x20 + Math.floor(next() * 0x60)));
    else parts.push(String.fromCharCode(Math.floor(next() * 0x10000)));
    if (next() < 0.7) parts.push(' ');
  }
  return parts.join('');
}

describe('NgramLanguageScorer', () => {
  it('gives eld’s verdict on news prose of many languages', () => {
    const lines = readFileSync(
      path.join(__dirname, '..', '..', '..', 'samples', 'demo-articles.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.trim() !== '');
    const texts = lines.flatMap((line) => {
      const article = JSON.parse(line) as { text?: string; title?: string };
      const text = article.text ?? '';
      return [article.title ?? '', text.slice(0, 400), text.slice(400, 800), text.slice(0, 60)];
    });
    texts.push(
      'Le gouvernement a annoncé mardi que les négociations reprendraient la semaine prochaine.',
      'Правительство заявило во вторник, что переговоры возобновятся на следующей неделе.',
      'Pemerintah mengatakan pada hari Selasa bahwa perundingan akan dilanjutkan minggu depan.',
      'Hükümet salı günü görüşmelerin gelecek hafta yeniden başlayacağını söyledi.',
      'NET 1,234 VS 1,100 SHR 12 CTS VS 11 CTS REVS 45.6 MLN VS 40.1 MLN',
      '',
      'x',
    );
    for (const text of texts) expect({ text, ...scorer.detect(text) }).toEqual({ text, ...eldVerdict(text) });
  });

  it('gives eld’s verdict on hostile text: scripts, context case, apostrophes, surrogates, long words', () => {
    const next = random(20261202);
    const differing: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const text = hostileText(next);
      const got = scorer.detect(text);
      const expected = eldVerdict(text);
      if (JSON.stringify(got) !== JSON.stringify(expected)) differing.push(JSON.stringify(text));
    }
    expect(differing).toEqual([]);
  });

  it('cuts long text where eld does (1,000 characters, then 350 or 380 bytes)', () => {
    const long = 'Die Regierung teilte am Dienstag mit, dass die Gespräche fortgesetzt werden. '.repeat(40);
    for (const text of [long, long.replace(/ /g, ''), `${'ü'.repeat(200)} ${long}`])
      expect(scorer.detect(text)).toEqual(eldVerdict(text));
  });
});
