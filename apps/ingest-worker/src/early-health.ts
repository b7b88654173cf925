import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventLoopCheck, kafkaCheck, redisCheck, type CheckResult } from './observability/health-checks';
import type { ReadinessSource } from './observability/readiness-source';
import { StartupError } from './startup-error';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** The worker's HTTP port, answering health probes from the start and everything else once Nest has loaded. */
export interface WorkerHttpServer {
  port: number;
  /** Every request from now on goes to `handler` (the Express instance under Nest). */
  handOver(handler: RequestHandler): void;
  close(): Promise<void>;
}

/**
 * A bare node:http server on the worker's port, listening before the consumer starts: it answers GET
 * /health/live and /health/ready as the Nest controller does (the same checks, the same body as terminus), and
 * 503 to anything else, until the HTTP side hands its Express instance over. So Nest, Express and terminus
 * (~0.5-1 s of the event loop) load after the first committed slice without delaying readiness.
 */
export async function listenEarly(port: number, source: ReadinessSource): Promise<WorkerHttpServer> {
  let handler: RequestHandler = (request, response) => void answerEarly(source, request, response);
  const server: Server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new StartupError(`HTTP_PORT ${port} cannot be bound (${error.code}): free it or set another port`)
          : error,
      );
    server.once('error', refused);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', refused);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    handOver: (next) => (handler = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answerEarly(
  source: ReadinessSource,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  if (request.method === 'GET' && path === '/health/live') {
    return send(response, healthBody({ eventLoop: await eventLoopCheck(source) }));
  }
  if (request.method === 'GET' && path === '/health/ready') {
    return send(response, healthBody({ kafka: kafkaCheck(source), redis: await redisCheck(source) }));
  }
  response.setHeader('Retry-After', '1');
  send(response, {
    status: 503,
    body: {
      statusCode: 503,
      message: 'starting: metrics and the status page are served once the first slices have committed',
    },
  });
}

/** Terminus' answer: status ok (200) or error (503), the up parts in info, the down ones in error, all in details. */
function healthBody(checks: Record<string, CheckResult>): { status: number; body: unknown } {
  const info: Record<string, unknown> = {};
  const error: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  for (const [key, { up, data }] of Object.entries(checks)) {
    const entry = { status: up ? 'up' : 'down', ...data };
    (up ? info : error)[key] = entry;
    details[key] = entry;
  }
  const ok = Object.keys(error).length === 0;
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'error', info, error, details } };
}

function send(response: ServerResponse, { status, body }: { status: number; body: unknown }): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}
