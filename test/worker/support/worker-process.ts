import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** What the worker's GET /health/ready answered: 200 when ready, 503 with the failing part named. */
export interface Readiness {
  status: number;
  body: { status?: string; info?: Record<string, unknown>; error?: Record<string, unknown> };
}

/**
 * A real worker process (apps/ingest-worker/src/main.ts), its log kept in a file for post-mortems. Tests wait on
 * its HTTP side (GET /health/ready, /status.json) on a port of its own, never on its log text.
 */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exitCode: number | null | undefined;
  /** Resolves when the current child has exited (set by start). */
  private exited: Promise<void> = Promise.resolve();
  private httpPort = 0;

  /** The HTTP port the current child was given (set by start). */
  get port(): number {
    return this.httpPort;
  }
  readonly logFile: string;

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
  ) {
    const dir = join(tmpdir(), 'news-ingest-test-logs');
    mkdirSync(dir, { recursive: true });
    this.logFile = join(dir, `${name}.log`);
  }

  /** Starts the process (a fresh HTTP port each time) and returns without waiting for it to be ready. */
  async start(): Promise<this> {
    this.httpPort = await freePort();
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
          LOG_LEVEL: 'info',
          LOG_PRETTY: 'false',
          // Its own client id, so that a test can tell the members of a group apart on the broker.
          KAFKA_CLIENT_ID: this.name,
          ...this.env,
          HTTP_PORT: String(this.httpPort),
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

  /** Its Kafka client id: how the broker names it among the members of a group. */
  get clientId(): string {
    return this.name;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  get logs(): string {
    return this.output;
  }

  /** Starts the process and waits until /health/ready answers 200 (connected, group joined). */
  async startReady(timeoutMs = READY_TIMEOUT_MS): Promise<this> {
    await this.start();
    await this.waitForReady(timeoutMs);
    return this;
  }

  /** Until GET /health/ready answers 200: Kafka connected and the group joined (Redis answering, if used). */
  async waitForReady(timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
    return this.waitForReadiness((r) => r.status === 200, 'ready', timeoutMs);
  }

  /** Polls GET /health/ready until `test` holds; fails early if the process exits. */
  async waitForReadiness(
    test: (readiness: Readiness) => boolean,
    what: string,
    timeoutMs = READY_TIMEOUT_MS,
  ): Promise<Readiness> {
    let last: Readiness | undefined;
    await this.until(
      async () => {
        last = await this.readiness();
        return last !== undefined && test(last);
      },
      () =>
        `be ${what} (last /health/ready: ${last ? `${last.status} ${JSON.stringify(last.body)}` : 'no answer'})`,
      timeoutMs,
    );
    return last as Readiness;
  }

  /** GET /health/ready, or undefined while the HTTP side does not answer (starting, frozen). */
  async readiness(): Promise<Readiness | undefined> {
    const answer = await this.get('/health/ready');
    if (!answer) return undefined;
    try {
      return { status: answer.status, body: JSON.parse(answer.body) as Readiness['body'] };
    } catch {
      return { status: answer.status, body: {} };
    }
  }

  /** GET /status.json: the counters since start (consumed, produced, retries, rebalances) among them. */
  async status(): Promise<StatusDocument | undefined> {
    const answer = await this.get('/status.json');
    return answer?.status === 200 ? (JSON.parse(answer.body) as StatusDocument) : undefined;
  }

  /** Polls `test` (an HTTP answer, a broker fact) until it holds; fails early if the process exits. */
  async until(test: () => Promise<boolean>, what: () => string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await test())) {
      if (!this.running)
        throw new Error(
          `${this.name} exited (${this.exitCode}) before it would ${what()}; see ${this.logFile}`,
        );
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not ${what()} within ${timeoutMs} ms; see ${this.logFile}`);
      await sleep(250);
    }
  }

  private get(path: string): Promise<{ status: number; body: string } | undefined> {
    if (!this.running) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port: this.httpPort, path, timeout: 5_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve(undefined));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
      req.end();
    });
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

/** The part of GET /status.json the tests read. */
export interface StatusDocument {
  ready: boolean;
  sinceStart: { consumed: number; retries: number; rebalances: number };
}

/**
 * Bound for a worker to become ready: a process start with transpilation, a group join that may wait out a
 * killed member's session (6 s here), on a machine that runs other suites at the same time.
 */
const READY_TIMEOUT_MS = 120_000;

/** A port nothing listens on now: the worker binds it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
