import { canonicalizeUrl } from './canonical-url';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTP://WWW.Example.COM/News/Story', 'https://example.com/News/Story'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'https://example.com/a'],
    ['https://example.com:8080/a', 'https://example.com:8080/a'],
    ['https://example.com/a/#comments', 'https://example.com/a'],
    [
      'https://example.com/a?utm_source=tw&utm_medium=social&id=7&fbclid=x&gclid=y&mc_cid=1&mc_eid=2&ocid=z',
      'https://example.com/a?id=7',
    ],
    ['https://example.com/a?b=2&a=1&c', 'https://example.com/a?a=1&b=2&c'],
    ['https://example.com/story/', 'https://example.com/story'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com/story/amp', 'https://example.com/story'],
    ['https://example.com/story/amp/', 'https://example.com/story'],
    ['https://example.com/news/amp/world-123', 'https://example.com/news/world-123'],
    ['https://example.com/story.amp.html', 'https://example.com/story.html'],
    ['https://example.com/story?amp', 'https://example.com/story'],
    ['https://example.com/story?amp=1&page=2', 'https://example.com/story?page=2'],
    ['https://amp.example.com/story', 'https://example.com/story'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('folds the variants of one article to one spelling', () => {
    const variants = [
      'https://www.example.com/world/story-1',
      'http://example.com/world/story-1/?utm_campaign=x',
      'https://amp.example.com/world/story-1/amp',
      'https://example.com/world/story-1#top',
    ];
    expect(new Set(variants.map((u) => canonicalizeUrl(u))).size).toBe(1);
  });

  it('adopts the page canonical on the same site, resolving relative links', () => {
    expect(canonicalizeUrl('https://www.example.com/a?page=1', '/news/a-story/')).toBe(
      'https://example.com/news/a-story',
    );
    expect(canonicalizeUrl('https://m.example.com/a', 'https://www.example.com/news/a')).toBe(
      'https://example.com/news/a',
    );
  });

  it('ignores a page canonical on another site, or an unusable one', () => {
    expect(canonicalizeUrl('https://partner.test/copy', 'https://wire.example/original')).toBe(
      'https://partner.test/copy',
    );
    expect(canonicalizeUrl('https://example.com/a', 'javascript:alert(1)')).toBe('https://example.com/a');
    expect(canonicalizeUrl('https://example.com/a', 'http://[bad')).toBe('https://example.com/a');
    expect(canonicalizeUrl('https://example.com/a', null)).toBe('https://example.com/a');
  });

  it('returns unparsable input trimmed instead of throwing', () => {
    expect(canonicalizeUrl('  not a url ')).toBe('not a url');
  });
});
