import { cleanAuthors } from './page-metadata';
import { parsePage } from './html-parse';
import { readPageMetadata } from './page-metadata';

describe('cleanAuthors', () => {
  it('splits co-authors and drops "By", affiliations, roles and profile URLs', () => {
    expect(cleanAuthors(['By STEVE PEOPLES, AP National Political Writer'])).toEqual(['STEVE PEOPLES']);
    expect(cleanAuthors(['Amy Kuperinsky | NJ Advance Media for NJ.com'])).toEqual(['Amy Kuperinsky']);
    expect(cleanAuthors(['Jane Doe and John Roe', 'jane doe', 'https://facebook.com/janedoe'])).toEqual([
      'Jane Doe',
      'John Roe',
    ]);
  });
});

describe('readPageMetadata', () => {
  it('reads JSON-LD even with raw line breaks inside strings, and Open Graph as a fallback', () => {
    const html = `<html lang="es"><head><meta property="og:title" content="Titular OG">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Titular","datePublished":"2024-05-01T10:00:00Z",
      "author":{"@type":"Person","name":"Ana Ruiz"},"articleBody":"Línea uno.
Línea dos."}</script></head><body></body></html>`;
    const meta = readPageMetadata(parsePage(html).meta);
    expect(meta).toMatchObject({
      title: 'Titular',
      authors: ['Ana Ruiz'],
      publishedAt: '2024-05-01T10:00:00.000Z',
      lang: 'es',
    });
    expect(meta.jsonLdBody).toBe('Línea uno. Línea dos.');
    const og = readPageMetadata(
      parsePage(
        '<head><meta property="og:title" content="Titular OG"><meta property="og:url" content="https://x.test/a"></head>',
      ).meta,
    );
    expect(og).toMatchObject({
      title: 'Titular OG',
      canonical: 'https://x.test/a',
      publishedAt: null,
      authors: [],
    });
  });

  it('ignores placeholder and far-future dates', () => {
    const html =
      '<meta property="article:published_time" content="0000-00-00"><time datetime="2999-01-01">x</time><meta name="date" content="2023-02-03">';
    expect(readPageMetadata(parsePage(html).meta).publishedAt).toBe('2023-02-03T00:00:00.000Z');
  });
});
