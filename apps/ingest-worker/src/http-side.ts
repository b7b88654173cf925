import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule, type WorkerModuleOptions } from './worker.module';

export interface HttpSide {
  port: number;
  close(): Promise<void>;
}

/**
 * Nest with the worker's HTTP side: GET /metrics, /health/live, /health/ready and the status page. Loaded by
 * main.ts once the consumer runs (Nest, Express and terminus take ~0.5-1 s of the event loop to load): until it
 * listens, probes find no port, which a readiness probe counts as not ready.
 */
export async function startHttpSide(options: WorkerModuleOptions): Promise<HttpSide> {
  const app = await NestFactory.create(WorkerModule.forRoot(options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(options.config.httpPort, '0.0.0.0');
  const port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
  return { port, close: () => app.close() };
}
