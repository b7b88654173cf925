import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { RequestHandler, WorkerHttpServer } from './early-health';
import { WorkerModule, type WorkerModuleOptions } from './worker.module';

export interface HttpSide {
  port: number;
  close(): Promise<void>;
}

/**
 * Nest with the worker's HTTP side: GET /metrics, /health/live, /health/ready and the status page. Loaded by
 * main.ts once the first slices have committed (Nest, Express and terminus take ~0.5-1 s of the event loop to
 * load); it does not listen itself but takes over the requests of the server that answered the health probes
 * until then (early-health.ts).
 */
export async function startHttpSide(
  options: WorkerModuleOptions,
  server: WorkerHttpServer,
): Promise<HttpSide> {
  const app = await NestFactory.create(WorkerModule.forRoot(options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  server.handOver(app.getHttpAdapter().getInstance() as RequestHandler);
  return {
    port: server.port,
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}
