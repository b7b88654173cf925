import { PARSE_LIMITS, parsePage, type ParseLimits } from './html-parse';
import type { ParsedPage } from './page-model';

// parsePage reuses one parser object for every page of the thread; nothing of a page may reach the next one.
const story =
  '<html lang="en"><head><title>Budget passed</title><meta name="author" content="A. Writer">' +
  '<link rel="canonical" href="https://example.test/budget"></head><body><article class="story">' +
  '<p>The council approved the new budget on Monday after a debate that lasted most of the night.</p>' +
  '<p>Residents <a href="/more">can read</a> the plan<br>at the library.</p></article></body></html>';

/** Pages that leave the parser in the middle of something: a budget spent, a capture, a skipped subtree. */
const interrupted: Array<[string, string, Readonly<ParseLimits>]> = [
  [
    'the token budget spent inside a link',
    `<article><p>${'<a href="/x">w</a>'.repeat(20_000)}`,
    PARSE_LIMITS,
  ],
  ['the element budget spent deep in divs', '<div class="c">'.repeat(10_000), PARSE_LIMITS],
  [
    'the character budget spent in an attribute',
    `<div class="${'x'.repeat(200)}`,
    { ...PARSE_LIMITS, maxChars: 100 },
  ],
  ['an unclosed title', '<html><head><title>Never closed', PARSE_LIMITS],
  ['an unclosed JSON-LD script', '<script type="application/ld+json">{"@type":"NewsArticle"', PARSE_LIMITS],
  ['an unclosed svg and script', '<svg><g><script>var a = "<p>"', PARSE_LIMITS],
  [
    'an open tag cut in its attributes',
    '<p><a rel="author" href="/x" class',
    { ...PARSE_LIMITS, maxTokens: 4 },
  ],
];

/** The page as plain data, so that two parses can be compared with toEqual. */
function plain(page: ParsedPage): unknown {
  return {
    ...page,
    parent: Array.from(page.parent.subarray(0, page.nodeCount)),
    end: Array.from(page.end.subarray(0, page.nodeCount)),
    flags: Array.from(page.flags.subarray(0, page.nodeCount)),
    meta: { ...page.meta, meta: [...page.meta.meta] },
  };
}

describe('parsePage with its reused parser', () => {
  const first = plain(parsePage(story));

  it('reads the story page', () => {
    const page = parsePage(story);
    expect(page.truncated).toBeNull();
    expect(page.meta.title).toBe('Budget passed');
    expect(page.meta.canonical).toBe('https://example.test/budget');
    expect(page.blocks.map((b) => b.text)).toEqual([
      'The council approved the new budget on Monday after a debate that lasted most of the night.',
      'Residents can read the plan\nat the library.',
    ]);
  });

  it.each(interrupted)('a page after %s is parsed as if it were the first', (_what, html, limits) => {
    parsePage(html, limits);
    expect(plain(parsePage(story))).toEqual(first);
  });

  it('a page parsed again gives the same result', () => {
    for (const [, html, limits] of interrupted) {
      const once = plain(parsePage(html, limits));
      parsePage(story);
      expect(plain(parsePage(html, limits))).toEqual(once);
    }
  });
});
