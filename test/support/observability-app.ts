import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ObservabilityModule,
  READINESS_SOURCE,
  type ObservabilityOptions,
  type ReadinessSource,
} from '../../apps/ingest-worker/src/observability';

/**
 * The observability endpoints served for real on a free loopback port, with readiness answered by `readiness`
 * (provided outside the module, as the worker does; without it the module must report not ready). Close `app` when done.
 */
export async function serveObservability(
  options: ObservabilityOptions,
  readiness?: Partial<ReadinessSource>,
): Promise<{ app: INestApplication; base: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [ObservabilityModule.forRoot(options)],
    providers: readiness ? [{ provide: READINESS_SOURCE, useValue: readiness }] : [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
