import type { WorkerHttpServer } from './early-health';
import type { HttpSide } from './http-side';
import type { WorkerModuleOptions } from './worker.module';

/**
 * The packages behind the HTTP side, as they load: each on its own turn of the event loop, so that loading them
 * (~0.5-1 s in all, several seconds on a loaded machine) never holds up the consumer's fetches, dedup claims and
 * transactions for more than one package at a time.
 */
const PACKAGES = [
  'reflect-metadata',
  'rxjs',
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/terminus',
  'nestjs-pino',
  'prom-client',
  './observability',
  './worker.module',
];

/** Loads the HTTP side one package at a time (see PACKAGES), then starts it on the worker's server. */
export async function startHttpSideGently(
  options: WorkerModuleOptions,
  server: WorkerHttpServer,
): Promise<HttpSide> {
  for (const name of PACKAGES) {
    await new Promise((resolve) => setImmediate(resolve));
    await import(name);
  }
  const { startHttpSide } = await import('./http-side');
  return startHttpSide(options, server);
}
