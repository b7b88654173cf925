import { articleFor, expectExactlyOnce, inputIds } from './support/stream-fixtures';
import { workerSuite } from './support/worker-suite';

/**
 * A zombie: one of two workers in a group is frozen (SIGSTOP) in the middle of its work until the group gives its
 * partitions to the other, then thawed (SIGCONT) while the stream still flows. It wakes up believing it owns
 * its partitions, with a slice in flight; that slice's transaction must be fenced (the other worker initialised
 * the partition's transactional id meanwhile), nothing may be lost or published twice, and the thawed worker
 * must rejoin the group and take a share of the partitions again. Redis is the store of a group of workers.
 */
describe('a zombie worker (SIGSTOP until its partitions move, then SIGCONT)', () => {
  const total = 6000;
  const suite = workerSuite('zombie');

  it('fences the zombie, loses and duplicates nothing, and lets it rejoin', async () => {
    const env = {
      TOPIC_PARTITIONS: '4',
      // Large slices: the zombie freezes with one in flight almost surely, as a stalled node does.
      BATCH_MAX_MESSAGES: '500',
      ...suite.redisEnv(),
    };
    const zombie = await suite.readyWorker('zombie-a', env);
    const survivor = await suite.readyWorker('zombie-b', env);
    const shared = await suite.waitForAssignment(
      (of) => of(zombie).length > 0 && of(survivor).length > 0,
      'a share for each worker',
      60_000,
    );
    const zombiePartitions = shared.get(zombie.clientId) ?? [];

    const inputs = Array.from({ length: total }, (_, i) => articleFor(`zmb-${i}`, i));
    // A backlog first, so that both workers are busy when one freezes; then a steady stream throughout.
    await suite.produce(inputs.slice(0, 3000), 500);
    const producing = suite.produce(inputs.slice(3000), 50, 150);

    // Frozen once the first slices are out: the backlog keeps it busy with the next ones.
    await suite.waitForOutputs(100, 120_000);
    const frozenAt = zombie.logs.length;
    zombie.signalNow('SIGSTOP');
    // The session (6 s) lapses; the survivor is given every partition.
    await suite.waitForAssignment(
      (of, members) => members === 1 && of(survivor).length === 4,
      'every partition with the survivor',
      60_000,
    );
    // Thawed only once the survivor has committed on each of the zombie's partitions: their transactional ids
    // then carry the survivor's epoch, and the zombie's late transaction must be refused.
    const taken = await suite.committedOffsets();
    const advanced = async () => {
      const now = await suite.committedOffsets();
      return zombiePartitions.every((p) => (now.get(p) ?? -1) > (taken.get(p) ?? -1));
    };
    await survivor.until(advanced, () => "commit on the zombie's partitions", 60_000);
    zombie.signalNow('SIGCONT');

    // Awake, the zombie's late transaction fails on the bumped epoch, and it rejoins with a share of the work.
    await suite.waitForAssignment(
      (of) => of(zombie).length > 0 && of(survivor).length > 0,
      'the zombie back with a share',
      60_000,
    );
    await producing;
    expect(await suite.caughtUp(180_000)).toBe(true);

    const outputs = await suite.outputs(total, 120_000);
    const afterThaw = zombie.logs.slice(frozenAt);
    expect(await zombie.stop()).toBe(0);
    expect(await survivor.stop()).toBe(0);

    expectExactlyOnce(outputs, inputIds('zmb', total));
    // The fence at work: the broker refused the zombie's transaction (an old producer epoch), or its writer found
    // the survivor's commits above what it had consumed.
    expect(afterThaw).toMatch(
      /publish failed: .*(epoch|fenced|PRODUCER_FENCED)|partition writer found newer committed state/i,
    );
    expect(afterThaw).not.toMatch(/"level":60/);
  }, 400_000);
});
