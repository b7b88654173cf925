// The worker refuses to start, and says why in one line, when what it needs is not there: a bad variable, or
// (with TOPICS_CREATE=false) topics a platform team was meant to create; and it leaves cleanly when its HTTP
// side cannot start after the consumer has.
import { createServer } from 'node:net';
import { WorkerProcess } from './support/worker-process';

const run = `${Date.now().toString(36)}-${process.pid}`;
let worker: WorkerProcess | undefined;

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

describe('worker start-up', () => {
  it('exits with EX_CONFIG (78) naming every bad variable, before connecting to anything', async () => {
    worker = new WorkerProcess(`startup-config-${run}`, { BATCH_MAX_MESSAGES: '0', DELIVERY_MODE: 'twice' });
    expect(await (await worker.start()).waitForExit()).toBe(78);
    expect(worker.logs).toMatch(/BATCH_MAX_MESSAGES/);
    expect(worker.logs).toMatch(/DELIVERY_MODE/);
  });

  it('exits naming the missing topics when it may not create them', async () => {
    const topics = {
      TOPIC_RAW: `test.startup.raw.${run}`,
      TOPIC_ENRICHED: `test.startup.enriched.${run}`,
      TOPIC_DUPLICATES: `test.startup.duplicates.${run}`,
      TOPIC_DLQ: `test.startup.dlq.${run}`,
    };
    worker = new WorkerProcess(`startup-topics-${run}`, { ...topics, TOPICS_CREATE: 'false' });
    expect(await (await worker.start()).waitForExit()).toBe(1);
    const complaint = worker.logs.split('\n').find((line) => line.includes('failed to start')) ?? '';
    for (const name of Object.values(topics)) expect(complaint).toContain(name);
    expect(complaint).toContain('TOPICS_CREATE=true');
    // One line for the operator, not a stack trace.
    expect(worker.logs).not.toMatch(/^\s+at /m);
  });

  it('exits 1 with the port named, before it joins the group, when its HTTP port is taken', async () => {
    worker = new WorkerProcess(`startup-port-${run}`, {});
    await worker.start();
    // The port is bound before the consumer starts, after kafkajs and the topics (~1 s): take it first.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(worker?.port, resolve));
    try {
      expect(await worker.waitForExit()).toBe(1);
      const complaint = worker.logs.split('\n').find((line) => line.includes('failed to start')) ?? '';
      expect(complaint).toContain(`HTTP_PORT ${worker.port} cannot be bound (EADDRINUSE)`);
      // Refused before the consumer started: no group member to leave behind.
      expect(worker.logs).not.toMatch(/consumer running|partitions assigned/);
    } finally {
      blocker.close();
    }
  });
});
