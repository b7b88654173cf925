// Control over a broker run by tools/kafka/kafka.sh, for integration tests that must stop and start Kafka
// under a running client (broker-restart recovery). A test that restarts a broker should run its own
// (dedicatedLocalBroker): the shared one on 9092 serves other test files and other developers.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const kafkaScript = join(__dirname, '..', '..', 'tools', 'kafka', 'kafka.sh');

export interface LocalBroker {
  /** For kafkaConnectionFromEnv / KAFKA_BROKERS. */
  readonly brokers: string;
  readonly port: number;
  readonly dataDir: string;
  /** Starts it (formats storage the first time); resolves when it answers and its coordinators are up. */
  start(): Promise<void>;
  /** Stops it cleanly; its topics, offsets and transactions stay in dataDir for the next start. */
  stop(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free client port whose next port (the controller's) is free too. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 4_000);
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new Error('no free pair of ports for a dedicated Kafka broker');
}

/**
 * A broker of its own (on `port`, or a free pair of ports; controller on port + 1) with throw-away data.
 * It never reuses somebody else's broker on that port, so a stop really stops it. Starting takes 10-30 s
 * on a busy 2-core machine: start it once per test file (beforeAll), not per test.
 */
export async function dedicatedLocalBroker(port?: number): Promise<LocalBroker> {
  const clientPort = port ?? (await freePortPair());
  const dataDir = mkdtempSync(join(tmpdir(), `news-kafka-${clientPort}-`));
  const env = {
    ...process.env,
    KAFKA_PORT: String(clientPort),
    KAFKA_CONTROLLER_PORT: String(clientPort + 1),
    KAFKA_DATA_DIR: dataDir,
    KAFKA_REUSE_OTHER: 'false',
  };
  const kafkaSh = async (command: 'start' | 'stop'): Promise<void> => {
    try {
      await run('bash', [kafkaScript, command], { env, timeout: 180_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`kafka.sh ${command} on port ${clientPort} failed: ${stderr.trim() || String(error)}`);
    }
  };
  return {
    brokers: `127.0.0.1:${clientPort}`,
    port: clientPort,
    dataDir,
    start: () => kafkaSh('start'),
    stop: () => kafkaSh('stop'),
    destroy: async () => {
      await kafkaSh('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
