import { readFileSync } from 'fs';
import { join } from 'path';
import { Normalizer, countWords } from './normalizer';

const seed = JSON.parse(readFileSync(join(__dirname, '../../../samples/seed-article.json'), 'utf8')) as {
  url: string;
  text: string;
  source: { domain: string };
};
const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures', name), 'utf8');

function body(result: ReturnType<Normalizer['normalize']>): string {
  if (!result.ok) throw new Error(`expected an article, got ${result.code}: ${result.message}`);
  return result.article.text;
}

describe('Normalizer on the seed article (scraped text)', () => {
  const result = new Normalizer().normalize({ url: seed.url, text: seed.text });
  const text = body(result);

  it('keeps exactly the story: from the first to the last paragraph', () => {
    expect(text.startsWith('Ukrainian forces have captured')).toBe(true);
    expect(text.endsWith('mostly in the east.')).toBe(true);
  });

  it('drops the widget label, the rail headlines and their relative timestamps', () => {
    expect(text).not.toContain('Carbonatix');
    expect(text).not.toContain('Latest Stories');
    expect(text).not.toContain('Nigerian village');
    expect(text).not.toContain('Gender Ministry');
    expect(text).not.toContain('Bawumia');
    expect(text).not.toMatch(/\b\d+ (?:minutes?|hours?)\b/);
  });

  it('keeps paragraphs, counts words, detects English and canonicalizes the URL', () => {
    if (!result.ok) throw new Error('unreachable');
    const a = result.article;
    expect(a.paragraphs).toHaveLength(18);
    expect(a.text).toBe(a.paragraphs.join('\n\n'));
    expect(a.wordCount).toBeGreaterThan(450);
    expect(a.wordCount).toBeLessThan(520);
    expect(a.language.code).toBe('en');
    expect(a.language.confidence).toBeGreaterThan(0.8);
    expect(a.canonicalUrl).toBe(
      'https://myjoyonline.com/ukraine-captures-two-chinese-nationals-fighting-for-russia',
    );
  });
});

describe('Normalizer on HTML', () => {
  it('extracts metadata and the body of a news page, without its furniture', () => {
    const result = new Normalizer().normalize({
      url: 'http://www.example-news.test/world/harbour-reopens/?utm_source=x#top',
      html: fixture('news-page.html'),
    });
    if (!result.ok) throw new Error(result.message);
    const a = result.article;
    expect(a.title).toBe('Harbour reopens after three-week dock strike');
    expect(a.authors).toEqual(['Maria Lopez']);
    expect(a.publishedAt).toBe('2025-03-04T09:30:00.000Z');
    expect(a.canonicalUrl).toBe('https://example-news.test/world/harbour-reopens');
    expect(a.paragraphs[0]).toMatch(/^The port of Valmora reopened on Tuesday/);
    expect(a.paragraphs.at(-1)).toMatch(/next round of talks in June\.$/);
    for (const furniture of [
      'Accept cookies',
      'Share on',
      'Subscribe',
      'Most read',
      'Lorry queue',
      'Copyright',
      'Listen to this article',
      'Advertisement',
      'Home',
      'Weather warning',
    ]) {
      expect(a.text).not.toContain(furniture);
    }
    expect(a.text).toContain('Section heading inside the story');
    expect(a.language.code).toBe('en');
  });

  it('prefers a plausible JSON-LD articleBody and takes headline and date from it', () => {
    const result = new Normalizer().normalize({
      url: 'https://blog.example.test/p/1',
      html: fixture('json-ld-page.html'),
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.article.bodySource).toBe('json-ld');
    expect(result.article.title).toBe('Les vendanges commencent tôt cette année');
    expect(result.article.paragraphs).toHaveLength(3);
    expect(result.article.publishedAt).toBe('2024-08-20T06:00:00.000Z');
    expect(result.article.language.code).toBe('fr');
  });

  it('falls back to the text when the HTML holds no body', () => {
    const result = new Normalizer().normalize({
      url: 'https://example.test/a',
      html: '<html><body><nav><a href="/">Home</a></nav></body></html>',
      text: 'A short scraped story with one sentence that matters to somebody.',
    });
    expect(body(result)).toBe('A short scraped story with one sentence that matters to somebody.');
  });

  it('input metadata wins over the page', () => {
    const result = new Normalizer().normalize({
      url: 'https://example-news.test/x',
      html: fixture('news-page.html'),
      title: 'Given title | Example News',
      publishedAt: '2025-03-05T10:00:00+01:00',
      authors: ['By A. Writer and B. Writer'],
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.article.title).toBe('Given title');
    expect(result.article.publishedAt).toBe('2025-03-05T09:00:00.000Z');
    expect(result.article.authors).toEqual(['A. Writer', 'B. Writer']);
  });
});

describe('Normalizer text hygiene', () => {
  it('repairs mojibake, decodes entities, removes invisible characters and normalizes to NFC', () => {
    const text =
      'Itâ€™s the mayorâ€™s plan &amp; it\u200b works.\u0007\nCafe\u0301 owners said &quot;yes&quot;&nbsp;&nbsp;again.';
    const result = new Normalizer().normalize({ url: 'https://example.test/h', text });
    expect(body(result)).toBe('It’s the mayor’s plan & it works.\n\nCafé owners said "yes" again.');
  });

  it('keeps blank-line paragraphs and joins their wrapped lines', () => {
    const text = 'First paragraph starts here\nand goes on here.\n\nSecond paragraph.\n\n\nThird one.';
    const result = new Normalizer().normalize({ url: 'https://example.test/p', text });
    if (!result.ok) throw new Error(result.message);
    expect(result.article.paragraphs).toEqual([
      'First paragraph starts here and goes on here.',
      'Second paragraph.',
      'Third one.',
    ]);
  });

  it('reads markup sent as text like HTML', () => {
    const text =
      '<div class="share">Share on Facebook</div><p>The first paragraph of the story arrived with its tags.</p><p>The second one too, as scrapers sometimes send it.</p>';
    const result = new Normalizer().normalize({ url: 'https://example.test/m', text });
    if (!result.ok) throw new Error(result.message);
    expect(result.article.paragraphs).toEqual([
      'The first paragraph of the story arrived with its tags.',
      'The second one too, as scrapers sometimes send it.',
    ]);
  });

  it('drops the headline repeated as the first line of scraped text', () => {
    const result = new Normalizer().normalize({
      url: 'https://example.test/t',
      title: 'Storm closes schools - Daily Post',
      text: 'Storm closes schools\nSchools across the county closed on Monday as the storm arrived.',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.article.title).toBe('Storm closes schools');
    expect(result.article.paragraphs).toEqual([
      'Schools across the county closed on Monday as the storm arrived.',
    ]);
  });
});

describe('countWords', () => {
  it('counts words across scripts: spaces, apostrophes, and one word per Han or kana character', () => {
    expect(countWords('Hello, world — it’s 2025!')).toBe(4);
    expect(countWords('Привет, мир')).toBe(2);
    expect(countWords('政府周一表示')).toBe(6);
    expect(countWords(' … — ')).toBe(0);
  });
});

describe('Normalizer rejects what has no body', () => {
  it.each([
    ['whitespace', { text: '  \n\t \n ' }],
    [
      'widget labels only',
      {
        text: 'Audio By Carbonatix\nAdvertisement\nShare this article\n© 2025 Example Media. All rights reserved.',
      },
    ],
    ['a rail only', { text: 'Latest Stories\n-\n2 minutes -\n1 hour -' }],
    [
      'script-only HTML',
      {
        html: '<html><head><script>var story = "not text";</script></head><body><script>document.write("x")</script><style>p{}</style></body></html>',
      },
    ],
  ])('%s → empty-body', (_name, content) => {
    const result = new Normalizer().normalize({ url: 'https://example.test/e', ...content });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('empty-body');
  });
});

describe('Normalizer is stateless', () => {
  it('gives a page the same result after twenty pages of its site with the same lines', () => {
    // A syndicated story on twenty section pages of one site: every line recurs in every page. A normalizer
    // that learned furniture from what it saw before would strip the story from the later pages.
    const slogan = 'Valmora Daily: the voice of the coast since 1921';
    const story =
      'The harbour board approved the new sea wall after a debate that lasted most of the night.\n' +
      'Work is to start in the spring and the mayor said the old town would be safe by next winter.';
    const page = (i: number) => ({
      url: `https://valmora.test/section-${i}/sea-wall`,
      text: `${story}\n${slogan}`,
    });
    const warm = new Normalizer();
    const first = warm.normalize(page(0));
    for (let i = 1; i < 20; i++) expect(warm.normalize(page(i))).toEqual(new Normalizer().normalize(page(i)));
    expect(body(first)).toContain(slogan);
    expect(body(warm.normalize(page(19)))).toBe(body(first));
  });
});
