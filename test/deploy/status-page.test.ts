import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { JSDOM } from 'jsdom';
import { IngestMetrics, type ReadinessSource } from '../../apps/ingest-worker/src/observability';
import { serveObservability } from '../support/observability-app';

/**
 * The status page as a person sees it: a real browser loads it, its script fetches /status.json and
 * fills the page. The DOM after the script ran must carry the figures the worker recorded.
 */
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

function dumpDom(url: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'news-status-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    // Lets timers and the page's fetch settle before the dump, however slow the machine.
    '--virtual-time-budget=10000',
    '--dump-dom',
    url,
  ];
  return new Promise<string>((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(new Error(`${CHROMIUM} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

describe('status page in headless Chromium', () => {
  let app: INestApplication;
  let base: string;
  const readiness: ReadinessSource = { kafka: () => ({ connected: true, groupJoined: true }) };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium ` +
          '(or set CHROMIUM_BIN to a Chromium binary).',
      );
    }
    const metrics = new IngestMetrics({ processMetrics: false });
    // What the seed article and its neighbours leave behind: one enriched story about Ukraine, Russia and
    // China, one syndicated copy, one bad event; lag on two partitions.
    metrics.consumed('news.articles.raw.v1', 1203);
    metrics.produced('news.articles.enriched.v1', 'enriched', 1187);
    metrics.produced('news.articles.duplicates.v1', 'duplicate', 9);
    metrics.produced('news.articles.dlq.v1', 'rejected', 7);
    metrics.deadLettered('invalid-json', 7);
    for (let i = 0; i < 40; i++) metrics.tagged(['UA', 'RU'], ['conflict']);
    metrics.tagged(['CN'], ['diplomacy']);
    metrics.setLag('news.articles.raw.v1', 0, 17);
    metrics.setLag('news.articles.raw.v1', 1, 25);
    metrics.setDedupStoreSize(4321);
    metrics.observeEndToEnd(0.25);

    ({ app, base } = await serveObservability({ metrics, instance: 'status-test-pod' }, readiness));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows outcomes, lag, countries and topics after its script has fetched them', async () => {
    const dom = new JSDOM(await dumpDom(`${base}/status`));
    const doc = dom.window.document;
    const text = (id: string) => doc.getElementById(id)?.textContent?.trim();

    expect(doc.body.dataset.state).toBe('loaded');
    expect(text('ready')).toBe('ready');
    expect(text('instance')).toBe('status-test-pod');
    expect(text('outcome-enriched')).toBe('1,187');
    expect(text('outcome-duplicate')).toBe('9');
    expect(text('outcome-rejected')).toBe('7');
    expect(text('outcome-consumed')).toBe('1,203');
    expect(text('consumed-hour')).toBe('1,203');
    expect(text('lag-total')).toBe('42');
    expect(text('dedup-entries')).toBe('4,321');
    expect(text('e2e-avg')).toBe('250 ms');
    expect(text('invariant')).toContain('consumed 1,203 = enriched + duplicate + rejected');

    const rows = (id: string) =>
      [...doc.querySelectorAll(`#${id} tr`)].map((tr) =>
        [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent),
      );
    expect(rows('countries')).toEqual([
      ['Russia (RU)', '40'],
      ['Ukraine (UA)', '40'],
      ['China (CN)', '1'],
    ]);
    expect(rows('topics')).toEqual([
      ['conflict', '40'],
      ['diplomacy', '1'],
    ]);
    expect(rows('dlq-codes')).toEqual([['invalid-json', '7']]);
    expect(rows('lag-rows')).toEqual([
      ['news.articles.raw.v1', '0'],
      ['news.articles.raw.v1', '1'],
    ]);
    // The per-minute chart drew the current minute's stacked bars.
    expect(doc.querySelectorAll('#chart rect').length).toBe(3);
  });
});
