import { COMPLETE_SKETCH, fingerprintText } from './text-fingerprint';
import { syntheticCorpus } from './eval/synthetic-corpus';

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

  it('does not crash on empty or non-Latin text', () => {
    expect(fingerprintText('').sketch).toEqual(Uint32Array.from([COMPLETE_SKETCH]));
    const greek = fingerprintText('Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία σήμερα το πρωί');
    expect(greek.tokens).toBe(11);
  });
});
