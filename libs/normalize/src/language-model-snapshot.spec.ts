import { findEld } from './language-detector';
import {
  decodeLanguageTables,
  encodeLanguageModel,
  findKey,
  type NgramsData,
} from './language-model-snapshot';

describe('language model snapshot', () => {
  const original = (findEld()!.load('ngrams/small.js') as { ngramsData: NgramsData }).ngramsData;
  const bytes = encodeLanguageModel(original, 'f1');

  it('finds every n-gram of the database with its scores, also from shared memory', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    for (const source of [bytes, shared]) {
      const model = decodeLanguageTables(source, 'f1');
      const t = model.tables;
      expect({ type: model.type, languages: model.languages }).toEqual({
        type: original.type,
        languages: original.languages,
      });
      const differing: string[] = [];
      for (const [key, scores] of Object.entries(original.ngrams)) {
        const index = findKey(t, Buffer.from(key, 'latin1'), 0, key.length);
        const got: Record<string, number> = {};
        if (index >= 0)
          for (let p = t.pairStart[index]; p < t.pairStart[index + 1]; p++)
            got[t.pairLanguage[p]] = t.pairScore[p];
        if (index < 0 || JSON.stringify(got) !== JSON.stringify(scores)) differing.push(key);
      }
      expect(differing).toEqual([]);
      expect(findKey(t, Buffer.from('not-an-ngram'), 0, 12)).toBe(-1);
      expect(findKey(t, Buffer.from(''), 0, 0)).toBe(-1);
    }
    expect(Object.keys(original.ngrams).length).toBeGreaterThan(50_000);
  });

  it('refuses a snapshot of another eld and bytes that are no snapshot', () => {
    expect(() => decodeLanguageTables(bytes, 'f2')).toThrow(/stale/);
    expect(() => decodeLanguageTables(Buffer.from('nope'), 'f1')).toThrow(/not a language model snapshot/);
  });
});
