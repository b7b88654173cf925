import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** A real worker process (apps/ingest-worker/src/main.ts), its log kept in a file for post-mortems. */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exitCode: number | null | undefined;
  /** Resolves when the current child has exited (set by start). */
  private exited: Promise<void> = Promise.resolve();
  readonly logFile: string;

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
  ) {
    const dir = join(tmpdir(), 'news-ingest-test-logs');
    mkdirSync(dir, { recursive: true });
    this.logFile = join(dir, `${name}.log`);
  }

  start(): this {
    this.output = '';
    this.exitCode = undefined;
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'test/worker/support/register-ts.js'), join(ROOT, 'apps/ingest-worker/src/main.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          KAFKA_BROKERS: BROKERS,
          HTTP_PORT: '0',
          LOG_LEVEL: 'info',
          LOG_PRETTY: 'false',
          ...this.env,
          WORKER_INSTANCE_ID: this.name,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > 2_000_000) this.output = this.output.slice(-1_000_000);
      log.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise<void>((resolve) =>
      child.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        log.end(`\n--- exit code=${code} signal=${signal}\n`);
        resolve();
      }),
    );
    this.child = child;
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  get logs(): string {
    return this.output;
  }

  async waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.running)
        throw new Error(
          `${this.name} exited (${this.exitCode}) before logging ${pattern}; see ${this.logFile}`,
        );
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not log ${pattern} within ${timeoutMs} ms; see ${this.logFile}`);
      await sleep(100);
    }
  }

  /** Waits for the process to end on its own; resolves its exit code. */
  async waitForExit(timeoutMs = 60_000): Promise<number | null | undefined> {
    if (!(await this.exitWithin(timeoutMs)))
      throw new Error(`${this.name} still running after ${timeoutMs} ms; see ${this.logFile}`);
    return this.exitCode;
  }

  /** SIGKILL: no shutdown hook runs, as when a node dies. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Sends a signal and returns at once: SIGSTOP freezes the process (mid-transaction, say), SIGCONT resumes it. */
  signalNow(signal: NodeJS.Signals): void {
    if (this.child && this.running) this.child.kill(signal);
  }

  /** SIGTERM and wait for the exit code. */
  async stop(timeoutMs = 40_000): Promise<number | null | undefined> {
    await this.signal('SIGTERM', timeoutMs);
    return this.exitCode;
  }

  private async signal(signal: NodeJS.Signals, timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    if (!(await this.exitWithin(timeoutMs))) {
      child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** True once the child has exited, false if it is still running after timeoutMs. */
  private async exitWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return !this.running;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
