import type { CorpusArticle } from './dedup-stream';
import { SeededRandom } from './seeded-random';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tas',
  'vo',
  'pel',
  'dru',
  'sin',
  'gor',
  'ba',
  'tle',
  'quo',
  'fen',
  'ar',
  'is',
  'un',
  'ext',
  'cor',
  'ma',
];

/**
 * Articles of made-up words for tests that must not depend on a data set: Zipf-like word frequencies (so
 * common words repeat across articles as in real text) and, every `sameEventEvery` articles, a second story
 * on the same event that reuses the first one's topic words and one quoted sentence: it must stay unique.
 */
export function syntheticCorpus(count: number, seed = 7, sameEventEvery = 5): CorpusArticle[] {
  const rnd = new SeededRandom(seed);
  const vocabulary: string[] = [];
  const seen = new Set<string>();
  while (vocabulary.length < 4000) {
    const word = Array.from({ length: rnd.int(1, 4) }, () => rnd.pick(SYLLABLES)).join('');
    if (seen.has(word)) continue;
    vocabulary.push(word);
    seen.add(word);
  }
  // Zipf-like: index = floor(V * u^3) makes low indexes (the "function words") far more frequent.
  const word = (topic: string[]) =>
    rnd.chance(0.15) ? rnd.pick(topic) : vocabulary[Math.floor(vocabulary.length * rnd.next() ** 3)];
  const sentence = (topic: string[]) => {
    const words = Array.from({ length: rnd.int(8, 22) }, () => word(topic));
    return words[0][0].toUpperCase() + words[0].slice(1) + ' ' + words.slice(1).join(' ') + '.';
  };
  const articles: CorpusArticle[] = [];
  let topic: string[] = [];
  let quote = '';
  for (let n = 0; n < count; n++) {
    const sameEvent = n % sameEventEvery === 1 && quote !== '';
    if (!sameEvent) topic = Array.from({ length: 6 }, () => rnd.pick(vocabulary));
    const paragraphs = Array.from({ length: rnd.int(4, 10) }, () =>
      Array.from({ length: rnd.int(1, 4) }, () => sentence(topic)).join(' '),
    );
    if (sameEvent) paragraphs.splice(rnd.int(1, paragraphs.length - 1), 0, `"${quote}"`);
    else quote = sentence(topic);
    articles.push({
      id: `synthetic/${String(n).padStart(4, '0')}`,
      section: 'synthetic',
      title: sentence(topic).slice(0, 60),
      paragraphs,
    });
  }
  return articles;
}
