import { articleFor, expectExactlyOnce, inputIds } from './support/stream-fixtures';
import { workerSuite } from './support/worker-suite';

/**
 * DELIVERY_MODE=at-least-once publishes through one idempotent producer and commits offsets after the writes
 * are acknowledged: without a crash every input comes out once, and the group's offsets reach the end.
 */
describe('at-least-once delivery mode', () => {
  const suite = workerSuite('alo');

  it('publishes every input and commits its offsets', async () => {
    const worker = await suite.readyWorker('alo', { DELIVERY_MODE: 'at-least-once' });
    const total = 400;
    await suite.produce(
      Array.from({ length: total }, (_, i) => articleFor(`alo-${i}`, i)),
      100,
    );

    expect(await suite.caughtUp(120_000)).toBe(true);
    const outputs = await suite.outputs(total, 60_000);
    expect(await worker.stop()).toBe(0);
    expectExactlyOnce(outputs, inputIds('alo', total));
  }, 240_000);
});
