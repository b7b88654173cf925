import { request } from 'node:http';
import { listenEarly, type WorkerHttpServer } from './early-health';
import type { KafkaReadiness, ReadinessSource } from './observability/readiness-source';

function get(port: number, path: string): Promise<{ status: number; body: string; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, retryAfter: res.headers['retry-after'] as string }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the early health server', () => {
  let kafka: KafkaReadiness;
  let alive: boolean;
  let redisAnswers: boolean | undefined;
  let server: WorkerHttpServer;
  const source: ReadinessSource = {
    kafka: () => kafka,
    live: () => alive,
  };

  beforeEach(async () => {
    kafka = { connected: false, groupJoined: false, detail: 'starting' };
    alive = true;
    redisAnswers = undefined;
    server = await listenEarly(0, {
      ...source,
      redis: () =>
        redisAnswers === undefined ? new Promise<boolean>(() => undefined) : Promise.resolve(redisAnswers),
    });
  });
  afterEach(() => server.close());

  it('answers readiness as terminus does: 503 with the failing part named, then 200', async () => {
    redisAnswers = true;
    const starting = await get(server.port, '/health/ready');
    expect(starting.status).toBe(503);
    expect(JSON.parse(starting.body)).toEqual({
      status: 'error',
      info: { redis: { status: 'up', configured: true } },
      error: { kafka: { status: 'down', connected: false, groupJoined: false, detail: 'starting' } },
      details: {
        kafka: { status: 'down', connected: false, groupJoined: false, detail: 'starting' },
        redis: { status: 'up', configured: true },
      },
    });
    kafka = { connected: true, groupJoined: true, detail: 'consuming' };
    const ready = await get(server.port, '/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok', error: {} });
  });

  it('is not ready while Redis does not answer within its bound', async () => {
    kafka = { connected: true, groupJoined: true };
    const ready = await get(server.port, '/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({
      error: { redis: { status: 'down', configured: true, message: 'no answer' } },
    });
  });

  it('answers liveness from the event loop and the worker', async () => {
    expect((await get(server.port, '/health/live')).status).toBe(200);
    alive = false;
    const dead = await get(server.port, '/health/live');
    expect(dead.status).toBe(503);
    expect(JSON.parse(dead.body)).toMatchObject({
      error: { eventLoop: { status: 'down', message: 'worker reports it cannot recover' } },
    });
  });

  it('answers 503 with Retry-After to anything else, until a handler takes the requests over', async () => {
    const early = await get(server.port, '/metrics');
    expect(early.status).toBe(503);
    expect(early.retryAfter).toBe('1');
    server.handOver((_request, response) => {
      response.statusCode = 200;
      response.end('from the handler');
    });
    expect(await get(server.port, '/metrics')).toMatchObject({ status: 200, body: 'from the handler' });
    expect(await get(server.port, '/health/ready')).toMatchObject({ status: 200, body: 'from the handler' });
  });

  it('names the port when it cannot be bound', async () => {
    await expect(listenEarly(server.port, source)).rejects.toThrow(
      `HTTP_PORT ${server.port} cannot be bound (EADDRINUSE)`,
    );
  });
});
