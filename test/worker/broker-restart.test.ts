import { dedicatedLocalBroker, type LocalBroker } from '../kafka/local-broker';
import { articleFor, expectExactlyOnce, inputIds } from './support/stream-fixtures';
import { WorkerSuite } from './support/worker-suite';

/**
 * The broker is stopped and started again in the middle of a stream, on a broker of this test's own (other
 * ports, other data dir) so that the shared one stays up. The worker must carry on by itself: no restart from
 * outside, every input exactly once.
 */
describe('broker restart mid-stream', () => {
  let broker: LocalBroker;
  let suite: WorkerSuite | undefined;

  beforeAll(async () => {
    broker = await dedicatedLocalBroker();
    await broker.start();
  }, 200_000);

  afterAll(async () => {
    try {
      await suite?.close();
    } finally {
      await broker?.destroy();
    }
  }, 120_000);

  it('recovers by itself and still delivers every input exactly once', async () => {
    const total = 1200;
    suite = new WorkerSuite('restart', broker.brokers);
    const worker = await suite.readyWorker('restart');

    const inputs = Array.from({ length: total }, (_, i) => articleFor(`rst-${i}`, i));
    await suite.produce(inputs.slice(0, total / 2), 50, 50);

    await broker.stop();
    // The worker sees the outage (its readiness names Kafka) and stays up; then the broker returns.
    const down = await worker.waitForReadiness((r) => r.status === 503, 'unready while Kafka is down');
    expect(down.body.error).toHaveProperty('kafka');
    expect(worker.running).toBe(true);
    await broker.start();
    await worker.waitForReady(180_000);

    await suite.produce(inputs.slice(total / 2), 50, 50);

    expect(await suite.caughtUp(180_000)).toBe(true);

    const outputs = await suite.outputs(total, 180_000);
    expect(worker.running).toBe(true);
    expect(await worker.stop()).toBe(0);
    expectExactlyOnce(outputs, inputIds('rst', total));
  }, 600_000);
});
