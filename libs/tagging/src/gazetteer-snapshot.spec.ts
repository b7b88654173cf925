import { buildGazetteer, type Gazetteer } from './gazetteer';
import { decodeGazetteer, encodeGazetteer, FlatStringMap } from './gazetteer-snapshot';
import { PhraseTrie } from './phrase-trie';
import { scanTokens, TokenBuffer } from './tokenizer';

const TEXTS = [
  'MOSCOW (Reuters) - Russia and Ukraine traded accusations as Volodymyr Zelensky met NATO leaders in Brussels.',
  'Prime Minister Keir Starmer flew to Washington; the United Nations Security Council met in New York.',
  'Les autorités françaises et le gouvernement allemand ont discuté de la Chine à Pékin.',
  'Georgia Republicans in Atlanta said the Congolese delegation from Kinshasa arrived in Lagos.',
];

describe('gazetteer snapshot', () => {
  let built: Gazetteer;
  let bytes: Buffer;
  let loaded: Gazetteer;

  beforeAll(() => {
    built = buildGazetteer();
    bytes = encodeGazetteer(built, 'fingerprint-a');
    loaded = decodeGazetteer(bytes, 'fingerprint-a');
  });

  it('gives back everything the build produced', () => {
    expect(loaded.trie).toBeInstanceOf(PhraseTrie);
    expect(loaded.trie.storage().payloads).toEqual(built.trie.storage().payloads);
    expect(loaded.trie.storage().keys).toEqual(built.trie.storage().keys);
    expect(loaded.people).toEqual(built.people);
    expect(loaded.organizations).toEqual(built.organizations);
    expect([...loaded.countryNames]).toEqual([...built.countryNames]);
    expect(loaded.ambiguousDefaults).toEqual(built.ambiguousDefaults);
    // The datelines (every city name) come back as a flat map, in the same order, with the same answers.
    expect(loaded.datelines).toBeInstanceOf(FlatStringMap);
    expect([...loaded.datelines]).toEqual([...built.datelines]);
    for (const key of ['MOSCOW', 'STAMFORD', 'SÃO PAULO', 'NOT A PLACE', '', 'A'])
      expect(loaded.datelines.get(key)).toBe(built.datelines.get(key));
  });

  it('matches texts exactly as the built trie does', () => {
    for (const language of [undefined, 'fr']) {
      for (const text of TEXTS) {
        const tokens = new TokenBuffer();
        scanTokens(text, tokens, language);
        const expected = built.trie.matchAll(text, tokens, { language, capitalizedStarts: true });
        const actual = loaded.trie.matchAll(text, tokens, { language, capitalizedStarts: true });
        expect(actual).toEqual(expected);
        expect(actual.length).toBeGreaterThan(0);
      }
    }
  });

  it('uses its tables in place, also from shared memory', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const fromShared = decodeGazetteer(shared, 'fingerprint-a');
    expect(fromShared.trie.storage().tables.edgeParent.buffer).toBe(shared.buffer);
    const tokens = new TokenBuffer();
    scanTokens(TEXTS[0], tokens);
    expect(fromShared.trie.matchAll(TEXTS[0], tokens)).toEqual(built.trie.matchAll(TEXTS[0], tokens));
  });

  it('refuses a snapshot of other code or data, and bytes that are no snapshot', () => {
    expect(() => decodeGazetteer(bytes, 'fingerprint-b')).toThrow(/stale/);
    expect(() => decodeGazetteer(Buffer.from('{"not":"a snapshot"}'), 'fingerprint-a')).toThrow(
      /not a gazetteer snapshot/,
    );
  });

  it('refuses to capture what it could not give back', () => {
    class Custom {}
    expect(() => encodeGazetteer({ ...built, extra: new Custom() } as Gazetteer, 'x')).toThrow(
      /cannot capture a Custom at gazetteer.extra/,
    );
  });
});

describe('FlatStringMap', () => {
  it('answers as the Map it was made from', () => {
    const source = new Map<string, string>();
    for (let i = 0; i < 3000; i++) source.set(`K${(i * 7919) % 3001}é${i % 13}`, `V${i % 17}`);
    source.set('', 'empty');
    const gazetteerLike = { datelines: source } as unknown as Gazetteer;
    const map = decodeGazetteer(encodeGazetteer(gazetteerLike, 'f'), 'f').datelines;
    expect(map).toBeInstanceOf(FlatStringMap);
    expect(map.size).toBe(source.size);
    expect([...map.keys()]).toEqual([...source.keys()]);
    expect([...map.values()]).toEqual([...source.values()]);
    for (const [key, value] of source) expect(map.get(key)).toBe(value);
    for (const absent of ['K', 'K1é', 'zzz', 'K0é0x']) {
      expect(map.has(absent)).toBe(source.has(absent));
      expect(map.get(absent)).toBe(source.get(absent));
    }
  });
});

describe('large arrays of records', () => {
  it('come back element by element as read, and whole when looked at whole', () => {
    const people = Array.from({ length: 5000 }, (_, i) => ({
      name: `Person ${i}`,
      roles: [{ role: 'x', from: '2001', to: null }],
      surnames: i % 2 ? undefined : [`S${i}`],
    }));
    const gazetteerLike = { people } as unknown as Gazetteer;
    const loaded = decodeGazetteer(encodeGazetteer(gazetteerLike, 'f'), 'f').people;
    expect(loaded.length).toBe(5000);
    expect(loaded[4321]).toEqual(people[4321]);
    expect(loaded[4321]).toBe(loaded[4321]);
    expect(loaded[5000]).toBeUndefined();
    expect(Array.isArray(loaded)).toBe(true);
    expect(loaded).toEqual(people);
    expect(loaded.map((p) => p.name)).toEqual(people.map((p) => p.name));
  });
});
