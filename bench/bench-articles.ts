import { HEADERS } from '@news/contracts';
import type { Message } from 'kafkajs';

const PLACES = [
  'Kyiv',
  'Warsaw',
  'Nairobi',
  'Accra',
  'Beijing',
  'Brussels',
  'Ankara',
  'Tehran',
  'Caracas',
  'Manila',
];

/**
 * The benchmarks' raw article: about 2 KB of text naming two of ten capitals, unique per index (so dedup lets
 * it through as new), as a scraper would produce it to the raw topic.
 */
export function textArticle(id: string, index: number): Message & { value: string; key: string } {
  const a = PLACES[index % PLACES.length];
  const b = PLACES[(index * 7 + 3) % PLACES.length];
  const paragraphs = Array.from(
    { length: 6 },
    (_, p) =>
      `Officials in ${a} said on day ${index} that talks with ${b} over trade route ${index * 13 + p} had made progress, ` +
      `while ministers warned that tariff ${index % 97} and shipment ${(index * 31 + p) % 1009} remained unresolved after round ${p + 1}. ` +
      `Observers in ${b} expect a further meeting, and reference ${index}-${p} was cited by the delegation.`,
  );
  return {
    key: `https://bench.example.org/${id}`,
    value: JSON.stringify({
      id,
      url: `https://bench.example.org/${id}`,
      title: `Talks between ${a} and ${b}, report ${id}`,
      text: paragraphs.join('\n\n'),
      fetchedAt: new Date().toISOString(),
    }),
    headers: { [HEADERS.correlationId]: id },
  };
}
