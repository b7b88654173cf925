import { NORMALIZE_LIMITS, Normalizer } from './normalizer';
import { extractArticle } from './html-extractor';
import { PARSE_LIMITS, parsePage } from './html-parse';

// Speed is measured in bench/normalize.bench.ts; these specs assert that hostile pages are handled
// (no exception, no stack overflow, a sensible result) and would hang the suite if they regressed badly.
const story =
  '<p>The council approved the new budget on Monday after a debate that lasted most of the night.</p>';

describe('hostile HTML', () => {
  const n = new Normalizer();

  it('100,000-deep nested elements: no stack overflow; a story before the nesting is found', () => {
    const html = story + '<div>'.repeat(100_000) + '</div>'.repeat(100_000);
    const result = n.normalize({ url: 'https://example.test/deep', html });
    expect(result.ok && result.article.text).toBe(
      'The council approved the new budget on Monday after a debate that lasted most of the night.',
    );
  });

  it('a story past the element budget is too-complex, not empty-body', () => {
    const html = '<div>'.repeat(PARSE_LIMITS.maxElements) + story + '</div>'.repeat(PARSE_LIMITS.maxElements);
    const result = n.normalize({ url: 'https://example.test/deep', html });
    expect(result).toEqual({
      ok: false,
      code: 'too-complex',
      message: expect.stringContaining('4000 elements') as string,
    });
  });

  it('100,000-deep unclosed nesting of mixed tags', () => {
    const html = '<span><b><i><div>'.repeat(25_000) + 'text';
    expect(() => extractArticle(html)).not.toThrow();
  });

  it('an entity flood decodes to text without blowing up', () => {
    const html = `<p>${'&amp;&lt;&#x41;&#65;&bogus;'.repeat(100_000)}</p>`;
    const result = n.normalize({ url: 'https://example.test/entities', html });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.text.startsWith('&<AA&bogus;&<AA')).toBe(true);
  });

  it('a 500 KB attribute is ignored', () => {
    const html = `<div class="${'x'.repeat(500_000)}" data-x="${'y'.repeat(1000)}">${story}</div>`;
    const result = n.normalize({ url: 'https://example.test/attr', html });
    expect(result.ok).toBe(true);
  });

  it('a page is read up to its character budget: a story after a 5 MB attribute is too-complex', () => {
    const html = `<div class="${'x'.repeat(5_000_000)}">${story}</div>`;
    const result = n.normalize({ url: 'https://example.test/attr', html });
    expect(result.ok === false && result.code).toBe('too-complex');
  });

  it('stops at the token budget: 200,000 links after the story cost a bounded parse and keep the story', () => {
    const html = `<article>${story}</article><nav>${'<a href="/x">w</a>'.repeat(200_000)}</nav>`;
    const page = parsePage(html);
    expect(page.truncated).toBe('tokens');
    expect(page.nodeCount).toBeLessThan(PARSE_LIMITS.maxTokens);
    const result = n.normalize({ url: 'https://example.test/links', html });
    expect(result.ok && result.article.paragraphs).toEqual([
      'The council approved the new budget on Monday after a debate that lasted most of the night.',
    ]);
  });

  it('a comment flood counts against the token budget', () => {
    expect(parsePage(`${story}${'<!-- c -->'.repeat(100_000)}`).truncated).toBe('tokens');
    expect(parsePage(`${story}${'<!-- c -->'.repeat(100)}`).truncated).toBeNull();
  });

  it('keeps at most maxBodyChars of body, in whole paragraphs, and cuts a single huge paragraph at a space', () => {
    const para = 'The harbour board met again on Tuesday to discuss the plans for the new sea wall. ';
    const paragraphs = Array.from({ length: 4000 }, (_, i) => `${para}Item ${i}.`).join('\n');
    const many = n.normalize({ url: 'https://example.test/long', text: paragraphs });
    expect(many.ok).toBe(true);
    if (!many.ok) return;
    expect(many.article.text.length).toBeLessThanOrEqual(NORMALIZE_LIMITS.maxBodyChars);
    expect(many.article.text.length).toBeGreaterThan(NORMALIZE_LIMITS.maxBodyChars - 200);
    expect(many.article.paragraphs.at(-1)).toMatch(/Item \d+\.$/);
    const one = n.normalize({ url: 'https://example.test/one', text: para.repeat(5000) });
    expect(one.ok && one.article.text.length).toBeLessThanOrEqual(NORMALIZE_LIMITS.maxBodyChars);
    expect(one.ok && one.article.text.endsWith('wall.')).toBe(true);
  });

  it('reads at most maxTextChars of scraped text', () => {
    const text = `${'A real sentence that is long enough to be a story paragraph on its own. '.repeat(3)}\n${'Word. '.repeat(300_000)}`;
    const result = n.normalize({ url: 'https://example.test/words', text });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.text.length).toBeLessThanOrEqual(NORMALIZE_LIMITS.maxTextChars);
  });

  it('a 1 MB word is kept as one word', () => {
    const word = 'a'.repeat(1_000_000);
    const result = n.normalize({ url: 'https://example.test/word', html: `<p>${word}</p>` });
    expect(result.ok && result.article.wordCount).toBe(1);
    const fromText = n.normalize({ url: 'https://example.test/word', text: word });
    expect(fromText.ok && fromText.article.wordCount).toBe(1);
  });

  it('script-, style- and template-only pages are empty-body', () => {
    const html =
      '<script>' +
      'var a = "<p>not a story</p>";'.repeat(10_000) +
      '</script><style>p{}</style><template><p>Not rendered either, never article text.</p></template>';
    const result = n.normalize({ url: 'https://example.test/script', html });
    expect(result).toEqual({ ok: false, code: 'empty-body', message: expect.any(String) as string });
  });

  it('broken JSON-LD and binary garbage do not throw', () => {
    const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('');
    const html = `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"${'['.repeat(50_000)}</script>${garbage}`;
    expect(() => n.normalize({ url: 'https://example.test/garbage', html })).not.toThrow();
    expect(() => n.normalize({ url: 'not a url', text: garbage })).not.toThrow();
  });

  it('deeply nested JSON-LD is walked without recursion', () => {
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const html = `<script type="application/ld+json">[${deep}]</script>${story}`;
    const result = n.normalize({ url: 'https://example.test/ld', html });
    expect(result.ok).toBe(true);
  });

  it('a million header-like lines in text stay linear', () => {
    const text =
      'A real sentence that is long enough to be a story paragraph on its own.\n' +
      'Related\n'.repeat(200_000);
    const result = n.normalize({ url: 'https://example.test/lines', text });
    expect(result.ok && result.article.paragraphs).toEqual([
      'A real sentence that is long enough to be a story paragraph on its own.',
    ]);
  });
});
