import { COMPLETE_SKETCH, DEFAULT_FINGERPRINT_OPTIONS, fingerprintText } from './text-fingerprint';
import { syntheticCorpus } from './eval/synthetic-corpus';

/**
 * The fingerprint computed the plain way (lower-cased copy, arrays, a Set, the method as the module describes
 * it), to check that the tuned one gives the same values.
 */
function plainFingerprint(text: string) {
  const o = DEFAULT_FINGERPRINT_OPTIONS;
  const fmix = (x: number) => {
    let h = x ^ (x >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const paragraphs: number[][] = [[]];
  let h = 0x811c9dc5;
  let word = false;
  let newlines = 0;
  const lower = `${text.toLowerCase()} `;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const isWord =
      code < 128
        ? /[a-z0-9]/.test(lower[i])
        : (code >= 0xd800 && code <= 0xdfff) || /[\p{L}\p{N}\p{M}]/u.test(lower[i]);
    if (isWord) {
      if (!word && newlines >= 2 && paragraphs[paragraphs.length - 1].length > 0) paragraphs.push([]);
      if (!word) newlines = 0;
      word = true;
      h = Math.imul(h ^ code, 0x01000193);
    } else {
      if (word) paragraphs[paragraphs.length - 1].push(fmix(h));
      h = 0x811c9dc5;
      word = false;
      if (code === 10) newlines++;
    }
  }
  const all = paragraphs.flat();
  const short = paragraphs.filter((p) => p.length < o.minParagraphWords).flat().length;
  const tokens =
    short === 0 || all.length - short < Math.max(30, all.length / 2)
      ? all
      : paragraphs.filter((p) => p.length >= o.minParagraphWords).flat();
  const size = Math.min(o.shingleSize, Math.max(1, tokens.length));
  const multipliers = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f];
  const shingles: number[] = [];
  for (let i = 0; i + size <= tokens.length; i++) {
    let s = size;
    for (let j = 0; j < size; j++) s ^= Math.imul(tokens[i + j], multipliers[j]);
    shingles.push(Math.min(fmix(Math.imul(s, 0x2545f491)), 0xfffffffe));
  }
  const distinct = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
  const limit = Math.floor(o.sampleRate * 0xffffffff);
  const all32 = distinct(shingles);
  const kept = all32.filter((v, i) => i < o.sketchSize && (i < o.minSketch || v <= limit));
  const sketch = kept.length === all32.length ? [...kept, COMPLETE_SKETCH] : kept;
  const within = (n: number) => Math.min(shingles.length, Math.max(0, n - size + 1));
  const lead = distinct(shingles.slice(0, within(o.leadTokens)));
  const keys = new Set([...kept.slice(0, o.bodyKeys), ...lead.slice(0, o.leadKeys)]);
  if (within(o.openingTokens) > 0) keys.add(Math.min(...shingles.slice(0, within(o.openingTokens))));
  const filed = [...keys];
  if (tokens.length <= o.probeBodyTokens)
    for (const s of shingles.slice(0, within(o.probeTokens))) keys.add(s);
  let a = 0x811c9dc5 ^ tokens.length;
  let b = 0x3c6ef372;
  for (const t of tokens) {
    a = Math.imul(a ^ t, 0x01000193);
    b = Math.imul((b + t) ^ (b >>> 15), 0x2c1b3c6d);
  }
  const hex = (x: number) => fmix(x).toString(16).padStart(8, '0');
  return {
    exact: hex(a) + hex(b ^ tokens.length),
    sketch: [...sketch],
    lead,
    keys: filed,
    probes: [...keys],
    tokens: tokens.length,
  };
}

const [story, other] = syntheticCorpus(2, 11, 1000).map((a) => a.paragraphs);

describe('fingerprintText', () => {
  it('gives the same exact hash whatever the case, punctuation, spacing or paragraph breaks', () => {
    const body = story.join('\n\n');
    const reformatted = story.join('\n\n').toUpperCase().replace(/ /g, '  ').replace(/\./g, ' -- ');
    expect(fingerprintText(reformatted).exact).toBe(fingerprintText(body).exact);
  });

  it('changes the exact hash when one word changes', () => {
    const body = story.join('\n\n');
    expect(fingerprintText(body.replace(/\b\w+\b/, 'zzzword')).exact).not.toBe(fingerprintText(body).exact);
  });

  it('leaves very short paragraphs (bylines, widget labels) out of the fingerprint', () => {
    const body = story.join('\n\n');
    expect(fingerprintText(`By Ann Lee\n\n${body}\n\nAdvertisement`).exact).toBe(fingerprintText(body).exact);
  });

  it('keeps a sorted sketch that ends with the sentinel when it holds every shingle of a short text', () => {
    const short = fingerprintText('one two three four five six seven');
    expect(short.sketch[short.sketch.length - 1]).toBe(COMPLETE_SKETCH);
    expect(short.sketch.length).toBe(5); // four shingles + sentinel
    const long = fingerprintText(story.join('\n\n'));
    expect([...long.sketch]).toEqual([...long.sketch].sort((a, b) => a - b));
    expect(long.keys.length).toBeGreaterThan(3);
  });

  it('files a truncated copy under at least one key of its original (the lead survives the cut)', () => {
    const full = fingerprintText(story.join('\n\n'));
    const teaser = fingerprintText(story.slice(0, 2).join('\n\n'));
    expect(teaser.keys.some((k) => full.keys.includes(k))).toBe(true);
    expect(fingerprintText(other.join('\n\n')).keys.some((k) => full.keys.includes(k))).toBe(false);
  });

  it('gives the values of the plain computation, for ASCII and for text that lower-cases by context', () => {
    const bodies = syntheticCorpus(30, 7, 400).map((a) => a.paragraphs.join('\n\n'));
    bodies.push(
      '',
      'One.',
      'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG, SAID ZELENSKY. The quick brown fox: 0123456789 times.',
      'By Ann Lee\n\nShort.\n\n' + bodies[0],
      bodies[1].toUpperCase(),
      'ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ. Η κυβέρνηση ανακοίνωσε νέα μέτρα ΣΗΜΕΡΑ\n\n' + bodies[2],
      'İSTANBUL, March 3 - Türkiye’s central bank ... ﬁnal 😀 word\n\n\nAdvertisement\n\n' + bodies[3],
      bodies[4].replace(/ /g, ' \u0301 '),
      'Ünïcödé ' + bodies[5].slice(0, 300),
      '\ud800 lone \udc00 halves ' + bodies[6],
    );
    for (const body of bodies) {
      const got = fingerprintText(body);
      expect({ ...got, sketch: [...got.sketch], lead: [...got.lead] }).toEqual(plainFingerprint(body));
    }
  });

  it('does not crash on empty or non-Latin text', () => {
    expect(fingerprintText('').sketch).toEqual(Uint32Array.from([COMPLETE_SKETCH]));
    const greek = fingerprintText('Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία σήμερα το πρωί');
    expect(greek.tokens).toBe(11);
  });
});
