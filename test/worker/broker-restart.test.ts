import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleFor, expectExactlyOnce, inputIds } from './support/stream-fixtures';
import { workerSuite } from './support/worker-suite';

const KAFKA_SH = join(__dirname, '..', '..', 'tools', 'kafka', 'kafka.sh');

/**
 * The broker is stopped and started again in the middle of a stream, on a broker of this test's own (other
 * ports, other data dir) so that the shared one stays up. The worker must carry on by itself: no restart from
 * outside, every input exactly once.
 */
describe('broker restart mid-stream', () => {
  const port = 19_000 + Math.floor(Math.random() * 500) * 2;
  const dataDir = mkdtempSync(join(tmpdir(), 'news-ingest-broker-'));
  const brokerEnv = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(port + 1),
    KAFKA_DATA_DIR: dataDir,
  };
  const brokers = `127.0.0.1:${port}`;
  const broker = (command: 'start' | 'stop') => {
    const result = spawnSync('bash', [KAFKA_SH, command], {
      env: brokerEnv,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (result.status !== 0) throw new Error(`kafka.sh ${command} failed: ${result.stderr}`);
  };

  // Declared before the broker's own clean-up, so that it runs while the broker is still up.
  const suite = workerSuite('restart', brokers);

  beforeAll(() => broker('start'), 200_000);

  afterAll(() => {
    try {
      broker('stop');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('recovers by itself and still delivers every input exactly once', async () => {
    const total = 1200;
    const worker = await suite.readyWorker('restart');

    const inputs = Array.from({ length: total }, (_, i) => articleFor(`rst-${i}`, i));
    await suite.produce(inputs.slice(0, total / 2), 50, 50);

    broker('stop');
    // The worker sees the outage (its readiness names Kafka) and stays up; then the broker returns.
    const down = await worker.waitForReadiness((r) => r.status === 503, 'unready while Kafka is down');
    expect(down.body.error).toHaveProperty('kafka');
    expect(worker.running).toBe(true);
    broker('start');
    await worker.waitForReady(180_000);

    await suite.produce(inputs.slice(total / 2), 50, 50);

    expect(await suite.caughtUp(180_000)).toBe(true);

    const outputs = await suite.outputs(total, 180_000);
    expect(worker.running).toBe(true);
    expect(await worker.stop()).toBe(0);
    expectExactlyOnce(outputs, inputIds('rst', total));
  }, 600_000);
});
