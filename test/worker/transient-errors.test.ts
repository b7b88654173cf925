import { spawn, type ChildProcess } from 'node:child_process';
import {
  articleFor,
  collectOutputs,
  expectExactlyOnce,
  inputIds,
  deleteTopics,
  produceInChunks,
  testKafka,
  uniqueTopics,
  waitForCatchUp,
  workerEnv,
} from './support/stream-fixtures';
import { sleep, WorkerProcess } from './support/worker-process';

/**
 * Redis (the dedup store) goes away mid-stream: that is a transient failure, so nothing may be dead-lettered.
 * The worker pauses, retries with backoff and, once Redis is back, publishes every input exactly once.
 * The test runs a Redis of its own on another port, so the shared one is never stopped.
 */
describe('transient failures (dedup store down)', () => {
  const port = 16_400 + Math.floor(Math.random() * 500);
  const topics = uniqueTopics('transient');
  const kafka = testKafka('transient-test');
  let redis: ChildProcess | undefined;

  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await sleep(500);
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
    await deleteTopics(kafka, topics);
  });

  it('retries instead of dead-lettering and catches up when Redis returns', async () => {
    await startRedis();
    const worker = new WorkerProcess(
      `transient-${topics.group}`,
      workerEnv(topics, {
        DEDUP_STORE: 'redis',
        REDIS_URL: `redis://127.0.0.1:${port}`,
        REDIS_KEY_PREFIX: topics.group,
        RETRY_MAX_DELAY_MS: '2000',
      }),
    ).start();
    await worker.waitForLog(/worker started/);

    const total = 600;
    const inputs = Array.from({ length: total }, (_, i) => articleFor(`tr-${i}`, i));
    const producer = kafka.producer();
    await producer.connect();
    await produceInChunks(producer, topics.raw, inputs.slice(0, total / 2), 50, 20);
    expect(await waitForCatchUp(kafka, topics, 60_000)).toBe(true);

    await stopRedis();
    await produceInChunks(producer, topics.raw, inputs.slice(total / 2), 50, 20);
    await producer.disconnect();
    await worker.waitForLog(/slice retried later/, 30_000);
    await sleep(3_000);
    await startRedis();

    expect(await waitForCatchUp(kafka, topics, 120_000)).toBe(true);
    const outputs = await collectOutputs(
      kafka,
      [topics.enriched, topics.duplicates, topics.deadLetter],
      total,
      60_000,
    );
    expect(await worker.stop()).toBe(0);

    expect(outputs.filter((o) => o.topic === topics.deadLetter)).toHaveLength(0);
    expectExactlyOnce(outputs, inputIds('tr', total));
  }, 300_000);
});
