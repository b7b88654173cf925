import type { SeededRandom } from './seeded-random';

/**
 * How the web republishes a story, applied to paragraphs of a normalized body. Each transform mimics one
 * thing partner sites and wire services do; the stream generator combines them at random.
 */

const SITE_RESIDUE = [
  'Advertisement',
  'Share this article',
  'Sign up for our daily newsletter to get the latest headlines in your inbox.',
  'Follow us on Twitter and Facebook for more updates.',
  'This article was republished from a partner under licence. All rights reserved.',
  'Read more stories like this on our business pages.',
  'Comments are closed for this story.',
  'Copyright 2005 Partner Media Group. This material may not be redistributed.',
];

const DATELINES = [
  'LONDON (Wire) - ',
  'NEW YORK, Feb 3 (Newswire) - ',
  'BRUSSELS - ',
  'Washington, DC — ',
  'TOKYO (AP) — ',
  'PARIS, March 12 - ',
];

const BYLINES = [
  'By Jane Smith, Business Correspondent',
  'By Rob Evans',
  'Staff and agencies',
  'From our correspondent in Geneva',
  'By Priya Shah and Tom Miller',
];

/** Light copy-editing: house spelling, contractions, numbers written out, small words dropped. */
const EDITS: Array<[RegExp, string]> = [
  [/\bsaid\b/g, 'says'],
  [/\bper cent\b/g, '%'],
  [/(\d)%/g, '$1 percent'],
  [/\borganisation/g, 'organization'],
  [/\bcentre\b/g, 'center'],
  [/\bprogramme\b/g, 'program'],
  [/\blabour\b/g, 'labor'],
  [/\bbn\b/g, ' billion'],
  [/(\d)m\b/g, '$1 million'],
  [/\bis not\b/g, "isn't"],
  [/\bdo not\b/g, "don't"],
  [/\bthat\b /g, ''],
  [/\bvery\b /g, ''],
  [/\bhowever,?\b/gi, 'but'],
];

export function addSiteResidue(paragraphs: string[], rnd: SeededRandom): string[] {
  const out = [...paragraphs];
  const count = rnd.int(1, 3);
  for (let i = 0; i < count; i++) {
    const where = rnd.pick(['start', 'end', 'middle'] as const);
    const line = rnd.pick(SITE_RESIDUE);
    if (where === 'start') out.unshift(line);
    else if (where === 'end') out.push(line);
    else out.splice(rnd.int(1, Math.max(1, out.length - 1)), 0, line);
  }
  return out;
}

/** Keep the first paragraphs only (a teaser or a short syndication), at least two of them when there are. */
export function truncate(paragraphs: string[], rnd: SeededRandom): string[] {
  if (paragraphs.length <= 2) return paragraphs.slice(0, 1);
  const keep = rnd.int(2, Math.max(2, Math.ceil(paragraphs.length * 0.6)));
  return paragraphs.slice(0, keep);
}

export function copyEdit(paragraphs: string[], rnd: SeededRandom): string[] {
  return paragraphs.map((p) => {
    let text = p;
    for (const [pattern, replacement] of EDITS)
      if (rnd.chance(0.5)) text = text.replace(pattern, replacement);
    // A dropped or reworded clause now and then.
    if (rnd.chance(0.15)) {
      const sentences = text.split(/(?<=[.!?])\s+/);
      if (sentences.length > 2) sentences.splice(rnd.int(1, sentences.length - 1), 1);
      text = sentences.join(' ');
    }
    return text;
  });
}

export function addDateline(paragraphs: string[], rnd: SeededRandom): string[] {
  if (paragraphs.length === 0) return paragraphs;
  return [rnd.pick(DATELINES) + paragraphs[0], ...paragraphs.slice(1)];
}

export function addByline(paragraphs: string[], rnd: SeededRandom): string[] {
  return rnd.chance(0.7)
    ? [rnd.pick(BYLINES), ...paragraphs]
    : [
        ...paragraphs,
        `Reporting by ${rnd.pick(['Ann Lee', 'Carl Novak', 'Dana Ruiz'])}; editing by ${rnd.pick(['Ed Stone', 'Mia Park'])}`,
      ];
}

export function changeHeadline(title: string, rnd: SeededRandom): string {
  return rnd.pick([
    `${title}: what we know`,
    `UPDATE: ${title}`,
    title.toUpperCase(),
    `Report: ${title.toLowerCase()}`,
    `${title} | Partner News`,
  ]);
}

/** A story update at the same URL: new paragraph, a corrected figure, or a rewritten ending. */
export function updateStory(paragraphs: string[], rnd: SeededRandom, newParagraph: string): string[] {
  const out = [...paragraphs];
  switch (rnd.int(0, 2)) {
    case 0:
      out.splice(rnd.int(1, out.length), 0, newParagraph);
      return out;
    case 1: {
      const i = rnd.int(0, out.length - 1);
      const changed = out[i].replace(/\d+/, (d) => String(Number(d) + rnd.int(1, 9)));
      out[i] = changed === out[i] ? `${out[i]} The figure was later revised.` : changed;
      return out;
    }
    default:
      out[out.length - 1] = newParagraph;
      return out;
  }
}
