// Control over a broker run by tools/kafka/kafka.sh, for integration tests that must stop and start Kafka
// under a running client (broker-restart recovery). A test that restarts a broker should run its own
// (dedicatedLocalBroker): the shared one on 9092 serves other test files and other developers.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/**
 * A broker of its own on `port` (controller on port + 1) with throw-away data. Starting takes 10-30 s on
 * a busy 2-core machine, so start it once per test file (beforeAll), not per test.
 */
export function dedicatedLocalBroker(port: number): LocalBroker {
  const dataDir = mkdtempSync(join(tmpdir(), `news-kafka-${port}-`));
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: dataDir };
  const kafkaSh = async (command: 'start' | 'stop'): Promise<void> => {
    try {
      await run('bash', [kafkaScript, command], { env, timeout: 180_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`kafka.sh ${command} on port ${port} failed: ${stderr.trim() || String(error)}`);
    }
  };
  return {
    brokers: `127.0.0.1:${port}`,
    port,
    dataDir,
    start: () => kafkaSh('start'),
    stop: () => kafkaSh('stop'),
    destroy: async () => {
      await kafkaSh('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
