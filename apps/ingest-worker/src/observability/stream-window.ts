/**
 * The last hour of the stream in per-minute buckets, kept in process for the status page. Prometheus has
 * the long history; this answers "what is it doing right now" without one, and costs a few kilobytes.
 */

export type Outcome = 'enriched' | 'duplicate' | 'rejected';

interface MinuteBucket {
  minute: number; // epoch minute (ms / 60_000, floored)
  consumed: number;
  enriched: number;
  duplicate: number;
  rejected: number;
  endToEndSum: number;
  endToEndCount: number;
  countries: Map<string, number>;
  topics: Map<string, number>;
  deadLetterCodes: Map<string, number>;
}

export interface MinuteSummary {
  /** ISO start of the minute. */
  at: string;
  consumed: number;
  enriched: number;
  duplicate: number;
  rejected: number;
}

export interface Ranked {
  id: string;
  count: number;
}

export interface WindowSnapshot {
  minutes: number;
  totals: { consumed: number; enriched: number; duplicate: number; rejected: number };
  /** Consumed events per second over the last full minute and over the window. */
  throughput: { lastMinutePerSecond: number; windowPerSecond: number };
  endToEndAvgSeconds: number | null;
  perMinute: MinuteSummary[];
  topCountries: Ranked[];
  topTopics: Ranked[];
  deadLetterCodes: Ranked[];
}

const MINUTE_MS = 60_000;

export class StreamWindow {
  private readonly buckets: MinuteBucket[] = [];

  constructor(
    private readonly now: () => number,
    private readonly minutes = 60,
  ) {}

  consumed(count: number): void {
    this.current().consumed += count;
  }

  outcome(outcome: Outcome, count: number): void {
    this.current()[outcome] += count;
  }

  deadLettered(code: string, count: number): void {
    bump(this.current().deadLetterCodes, code, count);
  }

  endToEnd(seconds: number): void {
    const bucket = this.current();
    bucket.endToEndSum += seconds;
    bucket.endToEndCount += 1;
  }

  tagged(countries: readonly string[], topics: readonly string[]): void {
    const bucket = this.current();
    for (const code of countries) bump(bucket.countries, code, 1);
    for (const id of topics) bump(bucket.topics, id, 1);
  }

  snapshot(top = 10): WindowSnapshot {
    const nowMinute = Math.floor(this.now() / MINUTE_MS);
    this.evict(nowMinute);
    const totals = { consumed: 0, enriched: 0, duplicate: 0, rejected: 0 };
    const countries = new Map<string, number>();
    const topics = new Map<string, number>();
    const codes = new Map<string, number>();
    let e2eSum = 0;
    let e2eCount = 0;
    const byMinute = new Map<number, MinuteBucket>();
    for (const b of this.buckets) {
      byMinute.set(b.minute, b);
      totals.consumed += b.consumed;
      totals.enriched += b.enriched;
      totals.duplicate += b.duplicate;
      totals.rejected += b.rejected;
      e2eSum += b.endToEndSum;
      e2eCount += b.endToEndCount;
      merge(countries, b.countries);
      merge(topics, b.topics);
      merge(codes, b.deadLetterCodes);
    }
    // Every minute of the window is listed, empty ones too, so a chart shows a stall as a gap.
    const perMinute: MinuteSummary[] = [];
    for (let m = nowMinute - this.minutes + 1; m <= nowMinute; m++) {
      const b = byMinute.get(m);
      perMinute.push({
        at: new Date(m * MINUTE_MS).toISOString(),
        consumed: b?.consumed ?? 0,
        enriched: b?.enriched ?? 0,
        duplicate: b?.duplicate ?? 0,
        rejected: b?.rejected ?? 0,
      });
    }
    const lastFull = byMinute.get(nowMinute - 1)?.consumed ?? 0;
    const oldest = this.buckets[0]?.minute ?? nowMinute;
    // The current minute is partial: count its elapsed part only, so a fresh start does not read low.
    const elapsedSeconds = (nowMinute - oldest) * 60 + (this.now() % MINUTE_MS) / 1000;
    return {
      minutes: this.minutes,
      totals,
      throughput: {
        lastMinutePerSecond: round(lastFull / 60),
        windowPerSecond: elapsedSeconds > 0 ? round(totals.consumed / elapsedSeconds) : 0,
      },
      endToEndAvgSeconds: e2eCount > 0 ? round(e2eSum / e2eCount, 4) : null,
      perMinute,
      topCountries: rank(countries, top),
      topTopics: rank(topics, top),
      deadLetterCodes: rank(codes, top),
    };
  }

  private current(): MinuteBucket {
    const minute = Math.floor(this.now() / MINUTE_MS);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.minute === minute) return last;
    // A clock that steps backwards (NTP) lands in the newest bucket rather than reordering the ring.
    if (last && last.minute > minute) return last;
    const bucket: MinuteBucket = {
      minute,
      consumed: 0,
      enriched: 0,
      duplicate: 0,
      rejected: 0,
      endToEndSum: 0,
      endToEndCount: 0,
      countries: new Map(),
      topics: new Map(),
      deadLetterCodes: new Map(),
    };
    this.buckets.push(bucket);
    this.evict(minute);
    return bucket;
  }

  private evict(nowMinute: number): void {
    while (this.buckets.length > 0 && this.buckets[0].minute <= nowMinute - this.minutes)
      this.buckets.shift();
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function merge(into: Map<string, number>, from: Map<string, number>): void {
  for (const [k, v] of from) bump(into, k, v);
}

function rank(map: Map<string, number>, top: number): Ranked[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([id, count]) => ({ id, count }));
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
