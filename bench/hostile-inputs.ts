/**
 * Hostile raw articles: pages a buggy or malicious scraper can publish that stay under the payload limit yet
 * make a naive parser, extractor or tagger do a great deal of work. Each carries a real story, so the right
 * answer is an enriched article (or a `too-complex` dead letter when a work budget refuses it).
 */

export interface HostileInput {
  name: string;
  /** the raw article's JSON, as a scraper would publish it */
  value: string;
}

const WORDS = (
  'council harbour budget mayor river bridge school hospital workers union station museum library festival ' +
  'storm rain season harvest price fuel train road minister court judge police plan week month city village ' +
  'region coast valley forest company factory jobs wages tax vote parliament teachers doctors nurses water'
).split(' ');

/** Three sentences of words drawn from `tag`, so that no two tags give near-duplicate stories. */
function story(tag: string): string {
  let state = [...tag].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const words: string[] = [];
  for (let i = 0; i < 60; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    words.push(WORDS[(state >>> 8) % WORDS.length]);
  }
  return `The ${words.slice(0, 20).join(' ')}. Officials said the ${words.slice(20, 40).join(' ')}. In the end the ${words.slice(40).join(' ')}.`;
}

function storyParagraphs(tag: string): string {
  return `<p>${story(tag)}</p><p>${story(`${tag}/2`)}</p>`;
}

function htmlArticle(tag: string, kind: string, html: string): string {
  return JSON.stringify({ id: `${kind}-${tag}`, url: `https://hostile.example.org/${kind}/${tag}`, html });
}

/** The hostile kinds; `tag` makes each copy's story and URL distinct, so none is a duplicate of another. */
export function hostileInputs(tag: string): HostileInput[] {
  const body = storyParagraphs(tag);
  return [
    {
      name: '200k links',
      value: htmlArticle(
        tag,
        'links',
        `<html><body><article>${body}</article><nav>${'<a href="/x">w</a>'.repeat(200_000)}</nav></body></html>`,
      ),
    },
    {
      name: 'HTML comment flood',
      value: htmlArticle(
        tag,
        'comments',
        `<html><body><article>${body}${'<!-- c -->'.repeat(500_000)}</article></body></html>`,
      ),
    },
    {
      name: '300k one-word sentences',
      value: JSON.stringify({
        id: `sentences-${tag}`,
        url: `https://hostile.example.org/sentences/${tag}`,
        text: `${story(tag)}\n${'Word. '.repeat(300_000)}`,
      }),
    },
    {
      name: '100k unclosed tags',
      value: htmlArticle(tag, 'unclosed', `<html><body>${body}${'<div>w '.repeat(100_000)}</body></html>`),
    },
    {
      name: 'table of 100k cells',
      value: htmlArticle(
        tag,
        'table',
        `<html><body><article>${body}</article><table>${Array.from(
          { length: 10_000 },
          (_, row) => `<tr>${'<td>7</td>'.repeat(9)}<td>${row}</td></tr>`,
        ).join('')}</table></body></html>`,
      ),
    },
    {
      name: '7 MB attribute',
      value: htmlArticle(
        tag,
        'attribute',
        `<html><body><article>${body}</article><div class="${'x'.repeat(3_500_000)}" data-state="${'y'.repeat(3_500_000)}">w</div></body></html>`,
      ),
    },
    {
      name: '100k nested divs',
      value: htmlArticle(
        tag,
        'nested',
        `<html><body><article>${body}</article>${'<div>'.repeat(100_000)}w${'</div>'.repeat(100_000)}</body></html>`,
      ),
    },
    {
      name: '7 MB inline script',
      value: htmlArticle(
        tag,
        'script',
        `<html><body><article>${body}</article><script>${'var a=1;'.repeat(900_000)}</script></body></html>`,
      ),
    },
    {
      name: '7 MB inline style',
      value: htmlArticle(
        tag,
        'style',
        `<html><body><article>${body}</article><style>${'.a{b:c}'.repeat(1_000_000)}</style></body></html>`,
      ),
    },
    {
      name: '7 MB paragraph',
      value: htmlArticle(
        tag,
        'paragraph',
        `<html><body><article>${body}<p>${'word '.repeat(1_400_000)}</p></article></body></html>`,
      ),
    },
  ];
}

/** An ordinary raw article of about 1 KB, distinct per `tag`. */
export function ordinaryInput(tag: string): string {
  return htmlArticle(tag, 'ordinary', `<html><body><article>${storyParagraphs(tag)}</article></body></html>`);
}
