import { performance } from 'node:perf_hooks';
import { DEFAULT_TOPICS, HEADERS } from '@news/contracts';
import { createPipeline } from '@news/pipeline';
import { EventRouter } from '../packages/consumer/src/event-router';
import type { EventKind } from '../packages/consumer/src/event-decoder';
import { buildRealMix, mixEnvelopes } from './real-mix';

/**
 * What a filtered subscriber (@news-ingest/consumer) saves per message: the enriched articles of the realistic
 * mixture (bench/real-mix.ts, the shared data sets when present), as the worker publishes them, routed by the
 * package's EventRouter three ways, in alternating rounds: without a filter (every value parsed and validated),
 * with a filter decided on the routing headers (an unwanted story costs a few header comparisons), and with the
 * same filter on records stripped of the routing headers (parsed and validated, then filtered on its tags).
 *   npm run build && node dist/bench/consumer-filter.bench.js [--limit 3000] [--rounds 5]
 */

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};

interface FetchedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  offset: string;
}

const ROUTING = [HEADERS.primaryCountries, HEADERS.countries, HEADERS.topics, HEADERS.geopolitical];
const FILTER = { topics: ['armed-conflict'], countries: ['UA', 'RU'] };
// A filter most stories of the mixture pass, to show what the header check adds when little is skipped.
const BROAD = { countries: ['US', 'GB'] };

async function enrichedRecords(limit: number): Promise<{ records: FetchedRecord[]; source: string }> {
  const mix = buildRealMix({ limit });
  const envelopes = mixEnvelopes(mix);
  const pipeline = createPipeline();
  const records: FetchedRecord[] = [];
  for (let start = 0; start < envelopes.length; start += 64) {
    for (const outcome of await pipeline.processBatch(envelopes.slice(start, start + 64))) {
      if (outcome.kind !== 'enriched') continue;
      const { key, headers, value } = outcome.record;
      records.push({
        key: key === null ? null : Buffer.from(key),
        value: Buffer.from(value),
        headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, Buffer.from(text)])),
        offset: String(records.length),
      });
    }
  }
  return { records, source: mix.source };
}

function withoutRouting(record: FetchedRecord): FetchedRecord {
  const headers = { ...record.headers };
  for (const name of ROUTING) delete headers[name];
  return { ...record, headers };
}

/** Microseconds per record of routing them all once; the number of records delivered. */
function timeRouting(router: EventRouter, records: FetchedRecord[]): { micros: number; delivered: number } {
  let delivered = 0;
  const started = performance.now();
  for (const record of records) {
    if (router.route(DEFAULT_TOPICS.enriched, 0, record).action === 'deliver') delivered += 1;
  }
  return { micros: ((performance.now() - started) * 1000) / records.length, delivered };
}

export async function run(): Promise<void> {
  const limit = Number(arg('limit', '3000'));
  const rounds = Number(arg('rounds', '5'));
  const { records, source } = await enrichedRecords(limit);
  const stripped = records.map(withoutRouting);
  const kinds = new Map<string, EventKind>([[DEFAULT_TOPICS.enriched, 'enriched']]);
  const ways = [
    { name: 'no filter (parse + validate all)', router: new EventRouter(kinds), records },
    { name: 'filter on routing headers', router: new EventRouter(kinds, FILTER), records },
    { name: 'filter without routing headers', router: new EventRouter(kinds, FILTER), records: stripped },
    {
      name: `broad filter ${JSON.stringify(BROAD)} on headers`,
      router: new EventRouter(kinds, BROAD),
      records,
    },
  ];
  const samples = ways.map(() => [] as number[]);
  const delivered = ways.map(() => 0);
  for (let round = 0; round <= rounds; round++) {
    ways.forEach((way, i) => {
      const result = timeRouting(way.router, way.records);
      if (round > 0) samples[i].push(result.micros); // round 0 warms the JIT up
      delivered[i] = result.delivered;
    });
  }
  const bytes = records.reduce((sum, r) => sum + (r.value?.length ?? 0), 0) / records.length;
  const headerBytes =
    records.reduce(
      (sum, r) =>
        sum +
        ROUTING.reduce((n, name) => n + (r.headers[name] ? name.length + r.headers[name].length : 0), 0),
      0,
    ) / records.length;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `consumer filter bench: ${records.length} enriched articles from the ${source} (mean value ${Math.round(bytes)} B, ` +
      `routing headers ${Math.round(headerBytes)} B), filter ${JSON.stringify(FILTER)}, ${rounds} rounds (median, min-max)`,
  );
  ways.forEach((way, i) => {
    const values = samples[i];
    console.log(
      `  ${way.name.padEnd(52)} ${median(values).toFixed(2)} µs/message (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}), ` +
        `${delivered[i]} delivered`,
    );
  });
  const all = median(samples[0]);
  const byHeaders = median(samples[1]);
  const share = 1 - delivered[1] / records.length;
  console.log(
    `  per message saved by header filtering: ${(all - byHeaders).toFixed(2)} µs (${((1 - byHeaders / all) * 100).toFixed(1)} %), ` +
      `${(share * 100).toFixed(1)} % of the stories skipped unparsed`,
  );
}

if (require.main === module) {
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
