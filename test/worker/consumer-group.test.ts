import { articleFor, expectExactlyOnce, inputIds } from './support/stream-fixtures';
import { workerSuite } from './support/worker-suite';

/**
 * Two worker processes share the partitions of one group; one is stopped (SIGTERM) and started again while the
 * stream flows. The partitions move back and forth and every input still comes out exactly once.
 */
describe('two workers in one consumer group', () => {
  const total = 2000;
  const suite = workerSuite('group');

  it('shares partitions, survives a member leaving and rejoining, and loses or duplicates nothing', async () => {
    // Two instances: the in-memory store's changelog is for one instance only (docs/operations.md).
    const env = { TOPIC_PARTITIONS: '4', BATCH_MAX_MESSAGES: '100', DEDUP_CHANGELOG: 'false' };
    const a = await suite.readyWorker('group-a', env);
    const b = await suite.readyWorker('group-b', env);
    const both = (of: (w: typeof a) => number[]) => of(a).length > 0 && of(b).length > 0;
    await suite.waitForAssignment(both, 'a share for each member', 60_000);

    const inputs = Array.from({ length: total }, (_, i) => articleFor(`grp-${i}`, i));
    const producing = suite.produce(inputs, 40, 60);

    // b leaves once the pair has published a part of the stream, and comes back once a has carried on alone.
    await suite.waitForOutputs(300, 120_000);
    expect(await b.stop()).toBe(0);
    await suite.waitForAssignment((of, members) => members === 1 && of(a).length === 4, 'a alone', 60_000);
    await suite.waitForOutputs(700, 120_000);
    await b.startReady();
    await producing;

    expect(await suite.caughtUp(180_000)).toBe(true);

    const outputs = await suite.outputs(total, 120_000);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);

    expectExactlyOnce(outputs, inputIds('grp', total));
    // Both members really consumed: each was assigned a share of the partitions at some point.
    for (const worker of [a, b]) expect(worker.logs).toMatch(/partitions assigned: \d/);
  }, 400_000);
});
