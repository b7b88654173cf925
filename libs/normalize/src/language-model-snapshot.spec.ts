import * as nodeModule from 'module';
import { existsSync } from 'fs';
import * as path from 'path';
import { decodeLanguageModel, encodeLanguageModel, type NgramsData } from './language-model-snapshot';

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
}

// eld is an ES module: loaded with Node's own require, outside Jest's module sandbox.
const builtin =
  (process as unknown as { getBuiltinModule?: (id: string) => typeof nodeModule }).getBuiltinModule?.(
    'module',
  ) ?? nodeModule;
const nativeRequire = builtin.createRequire(__filename);
const eldDir = (nativeRequire.resolve.paths('eld') ?? [])
  .map((dir) => path.join(dir, 'eld'))
  .find((dir) => existsSync(path.join(dir, 'src', 'languageDetector.js')))!;

const TEXTS = [
  'The government said on Tuesday that talks with its neighbours would resume next week.',
  'Le gouvernement a annoncé mardi que les négociations reprendraient la semaine prochaine.',
  'Die Regierung teilte am Dienstag mit, dass die Gespräche nächste Woche fortgesetzt werden.',
  'El gobierno dijo el martes que las conversaciones se reanudarían la próxima semana.',
  'Правительство заявило во вторник, что переговоры возобновятся на следующей неделе.',
  'Уряд заявив у вівторок, що переговори відновляться наступного тижня.',
  'وقالت الحكومة يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل',
  '政府周二表示，会谈将于下周恢复。',
  'Pemerintah mengatakan pada hari Selasa bahwa perundingan akan dilanjutkan minggu depan.',
  'Hükümet salı günü görüşmelerin gelecek hafta yeniden başlayacağını söyledi.',
  'Rząd poinformował we wtorek, że rozmowy zostaną wznowione w przyszłym tygodniu.',
  'A kormány kedden közölte, hogy a tárgyalások jövő héten folytatódnak.',
  'x',
  '',
  '1234 5678',
];

describe('language model snapshot', () => {
  const original = (
    nativeRequire(path.join(eldDir, 'src', 'ngrams', 'small.js')) as { ngramsData: NgramsData }
  ).ngramsData;
  const { createEld } = nativeRequire(path.join(eldDir, 'src', 'languageDetector.js')) as {
    createEld: () => { instance: Eld; loadData: (data: NgramsData) => unknown };
  };
  const fromModule = createEld();
  fromModule.loadData(original);
  const bytes = encodeLanguageModel(original, 'f1');

  it('scores every text exactly as eld on its own data, also from shared memory', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    for (const source of [bytes, shared]) {
      const fromSnapshot = createEld();
      fromSnapshot.loadData(decodeLanguageModel(source, 'f1'));
      for (const text of TEXTS) {
        const expected = fromModule.instance.detect(text);
        const actual = fromSnapshot.instance.detect(text);
        expect({ text, language: actual.language, scores: actual.getScores() }).toEqual({
          text,
          language: expected.language,
          scores: expected.getScores(),
        });
      }
    }
  });

  it('answers every n-gram of the database as the database does', () => {
    const view = decodeLanguageModel(bytes, 'f1').ngrams;
    const differing: string[] = [];
    for (const [key, scores] of Object.entries(original.ngrams)) {
      const got = view[key];
      const same =
        got !== undefined &&
        Object.keys(got).join() === Object.keys(scores).join() &&
        Object.keys(scores).every((language) => got[language] === scores[language]);
      if (!same) differing.push(key);
    }
    expect(differing).toEqual([]);
    expect(Object.keys(original.ngrams).length).toBeGreaterThan(50_000);
    expect(view['not-an-ngram']).toBeUndefined();
    expect(view['']).toBeUndefined();
  });

  it('refuses a snapshot of another eld and bytes that are no snapshot', () => {
    expect(() => decodeLanguageModel(bytes, 'f2')).toThrow(/stale/);
    expect(() => decodeLanguageModel(Buffer.from('nope'), 'f1')).toThrow(/not a language model snapshot/);
  });
});
