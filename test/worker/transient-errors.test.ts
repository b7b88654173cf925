import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { articleFor, expectExactlyOnce, inputIds } from './support/stream-fixtures';
import { sleep } from './support/worker-process';
import { workerSuite } from './support/worker-suite';

/**
 * Redis (the dedup store) goes away mid-stream: that is a transient failure, so nothing may be dead-lettered.
 * The worker pauses, retries with backoff and, once Redis is back, publishes every input exactly once.
 * The test runs a Redis of its own on another port, so the shared one is never stopped.
 */
describe('transient failures (dedup store down)', () => {
  const port = 16_400 + Math.floor(Math.random() * 500);
  const suite = workerSuite('transient');
  let redis: ChildProcess | undefined;

  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await untilRedisAnswers(port, 30_000);
  };
  const stopRedis = async () => {
    const child = redis;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  afterAll(async () => {
    await stopRedis();
  });

  it('retries instead of dead-lettering and catches up when Redis returns', async () => {
    await startRedis();
    const worker = await suite.readyWorker('transient', {
      ...suite.redisEnv(`redis://127.0.0.1:${port}`),
      RETRY_MAX_DELAY_MS: '2000',
    });

    const total = 600;
    const inputs = Array.from({ length: total }, (_, i) => articleFor(`tr-${i}`, i));
    await suite.produce(inputs.slice(0, total / 2), 50, 20);
    expect(await suite.caughtUp(60_000)).toBe(true);

    await stopRedis();
    await suite.produce(inputs.slice(total / 2), 50, 20);
    // Readiness names Redis, and the worker keeps retrying the slices it cannot check (two retries at least,
    // so that a backoff ran) before Redis returns.
    const down = await worker.waitForReadiness(
      (r) => r.status === 503,
      'unready while Redis is down',
      60_000,
    );
    expect(down.body.error).toHaveProperty('redis');
    const retriesBefore = (await worker.status())?.sinceStart.retries ?? 0;
    await worker.until(
      async () => ((await worker.status())?.sinceStart.retries ?? 0) >= retriesBefore + 2,
      () => 'retry twice while Redis is down',
      60_000,
    );
    await startRedis();
    await worker.waitForReady();

    expect(await suite.caughtUp(120_000)).toBe(true);
    const outputs = await suite.outputs(total, 60_000);
    expect(await worker.stop()).toBe(0);

    expect(outputs.filter((o) => o.topic === suite.topics.deadLetter)).toHaveLength(0);
    expectExactlyOnce(outputs, inputIds('tr', total));
  }, 300_000);
});

/** Until a Redis on `port` answers PING (a fresh redis-server takes a moment to listen). */
async function untilRedisAnswers(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis on :${port} did not answer within ${timeoutMs} ms`);
      await sleep(200);
    } finally {
      client.disconnect();
    }
  }
}
