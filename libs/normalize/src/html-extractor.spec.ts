import { extractArticle } from './html-extractor';

const sentence = (topic: string, n: number): string =>
  `The ${topic} report, part ${n}, describes in some detail how the regional council spent its budget over the past year.`;
const paras = (topic: string, count: number, tag = 'p'): string =>
  Array.from({ length: count }, (_, i) => `<${tag}>${sentence(topic, i + 1)}</${tag}>`).join('\n');

describe('extractArticle', () => {
  it('keeps long reader comments out of a short article', () => {
    const comments = Array.from(
      { length: 12 },
      (_, i) =>
        `<li class="comment"><p>${sentence('reader', i)} I disagree with all of it and so does my neighbour.</p></li>`,
    ).join('');
    const html = `<body><article><h1>Budget</h1>${paras('budget', 3)}</article><section id="comments"><ol class="commentlist">${comments}</ol></section></body>`;
    const a = extractArticle(html);
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs.join(' ')).not.toContain('reader report');
  });

  it('reads paragraphs written as divs, and skips the inline ad between them', () => {
    const html = `<body><div class="wrapper"><div class="text">${paras('div', 2, 'div')}<div class="ad-container"><a href="/x">Sponsored: buy now</a></div>${paras('more', 2, 'div')}</div></div></body>`;
    expect(extractArticle(html).paragraphs).toHaveLength(4);
  });

  it('joins an article split by a link-heavy block into one body', () => {
    const links = Array.from(
      { length: 6 },
      (_, i) => `<li><a href="/s${i}">Some other story number ${i} that you could read</a></li>`,
    ).join('');
    const html = `<body><main><div class="part">${paras('first', 3)}</div><ul>${links}</ul><div class="part">${paras('second', 3)}</div></main></body>`;
    const a = extractArticle(html);
    expect(a.paragraphs).toHaveLength(6);
    expect(a.paragraphs.join(' ')).not.toContain('Some other story');
  });

  it('does not take a sidebar of teasers for the story', () => {
    const teasers = Array.from(
      { length: 5 },
      (_, i) =>
        `<div class="card"><h3><a href="/t${i}">Teaser headline ${i} for another story</a></h3><p>${sentence('teaser', i)}</p></div>`,
    ).join('');
    const html = `<body><div class="main"><article>${paras('story', 2)}</article></div><div class="rail">${teasers}</div></body>`;
    const a = extractArticle(html);
    expect(a.paragraphs).toEqual([sentence('story', 1), sentence('story', 2)]);
  });

  it('keeps <br>-separated lines of one paragraph as separate paragraphs', () => {
    const html = `<body><article><p>${sentence('x', 1)}</p><p>Round 1: 10 March – North<br>Round 2: 8 April – South<br>Round 3: 22 April – East</p></article></body>`;
    expect(extractArticle(html).paragraphs).toEqual([
      sentence('x', 1),
      'Round 1: 10 March – North',
      'Round 2: 8 April – South',
      'Round 3: 22 April – East',
    ]);
  });

  it('ignores hidden elements, scripts, styles, templates and SVG titles', () => {
    const html = `<body><article>${paras('seen', 2)}<div hidden><p>${sentence('hidden', 1)}</p></div><svg><title>Icon title</title><path d="M0"/></svg><template><p>${sentence('template', 1)}</p></template><script>var p = "<p>script</p>";</script></article></body>`;
    const text = extractArticle(html).paragraphs.join(' ');
    expect(text).toContain('seen report');
    for (const gone of ['hidden report', 'Icon title', 'template report', 'script'])
      expect(text).not.toContain(gone);
  });

  it('a JSON-LD body shorter than the page body (a teaser) loses to the page', () => {
    const html = `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"${sentence('teaser', 1)} ${sentence('teaser', 2)} More for subscribers."}</script><article>${paras('full', 6)}</article>`;
    const a = extractArticle(html);
    expect(a.bodySource).toBe('dom');
    expect(a.paragraphs).toHaveLength(6);
  });
});
