import type { INestApplication } from '@nestjs/common';
import { serveObservability } from '../../../../test/support/observability-app';
import { IngestMetrics } from './ingest-metrics';
import type { KafkaReadiness, ReadinessSource } from './readiness-source';
import type { StatusDocument } from './status.controller';

/** A worker stand-in whose Kafka and Redis state the test flips, as a broker restart would. */
class FakeWorker implements ReadinessSource {
  state: KafkaReadiness = { connected: true, groupJoined: true };
  redisUp: boolean | 'hang' = true;
  kafka(): KafkaReadiness {
    return this.state;
  }
  redis(): Promise<boolean> {
    return this.redisUp === 'hang' ? new Promise(() => undefined) : Promise.resolve(this.redisUp);
  }
}

describe('ObservabilityModule over HTTP', () => {
  let app: INestApplication;
  let base: string;
  const worker = new FakeWorker();
  const metrics = new IngestMetrics();

  beforeAll(async () => {
    // Readiness is provided outside the observability module, as the worker does: it is found lazily.
    ({ app, base } = await serveObservability({ metrics, instance: 'pod-a' }, worker));
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves Prometheus text on /metrics with real figures', async () => {
    metrics.consumed('news.articles.raw.v1', 3);
    metrics.produced('news.articles.enriched.v1', 'enriched', 3);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const body = await res.text();
    expect(body).toContain('news_ingest_events_consumed_total{topic="news.articles.raw.v1"} 3');
    expect(body).toContain(
      'news_ingest_events_produced_total{topic="news.articles.enriched.v1",outcome="enriched"} 3',
    );
  });

  it('is live while the event loop answers', async () => {
    const res = await fetch(`${base}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', info: { eventLoop: { status: 'up' } } });
  });

  it('turns readiness red when Kafka drops or the group is left, and green again after', async () => {
    worker.state = { connected: true, groupJoined: true };
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    worker.state = { connected: false, groupJoined: false, detail: 'broker down' };
    const down = await fetch(`${base}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'error',
      error: { kafka: { status: 'down', detail: 'broker down' } },
    });

    worker.state = { connected: true, groupJoined: false };
    expect((await fetch(`${base}/health/ready`)).status).toBe(503);

    worker.state = { connected: true, groupJoined: true };
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('turns readiness red when the configured Redis does not answer in time', async () => {
    worker.redisUp = 'hang';
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      error: { redis: { status: 'down' } },
      info: { kafka: { status: 'up' } },
    });
    worker.redisUp = false;
    expect((await fetch(`${base}/health/ready`)).status).toBe(503);
    worker.redisUp = true;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('serves the status page self-contained, and its JSON', async () => {
    for (const path of ['/', '/status']) {
      const page = await fetch(`${base}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('status.json');
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    }
    metrics.tagged(['UA'], ['conflict']);
    const res = await fetch(`${base}/status.json`);
    expect(res.status).toBe(200);
    const status = (await res.json()) as StatusDocument;
    expect(status).toMatchObject({
      instance: 'pod-a',
      ready: true,
      topCountries: [{ id: 'UA', name: 'Ukraine', count: 1 }],
    });
    expect(status.sinceStart.consumed).toBe(3);
  });
});

describe('ObservabilityModule without a readiness source', () => {
  it('reports not ready rather than failing to start', async () => {
    const { app, base: url } = await serveObservability({ metricsOptions: { processMetrics: false } });
    try {
      const res = await fetch(`${url}/health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        error: { kafka: { message: 'no ReadinessSource provided by the worker' } },
      });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
