import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { IngestMetrics, type StatusSnapshot } from './ingest-metrics';
import { READINESS_SOURCE, type ReadinessSource } from './readiness-source';
import { STATUS_PAGE_HTML } from './status-page.html';

export const STATUS_INSTANCE = Symbol.for('news-ingest.StatusInstance');

export interface StatusDocument extends StatusSnapshot {
  instance: string;
  ready: boolean;
  generatedAt: string;
}

// Inline script and style only, data from this origin only: the page needs nothing else.
const PAGE_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";

@Controller()
export class StatusController {
  constructor(
    private readonly metrics: IngestMetrics,
    private readonly moduleRef: ModuleRef,
    @Inject(STATUS_INSTANCE) private readonly instance: string,
  ) {}

  @Get(['/', 'status'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PAGE_POLICY)
  @Header('Cache-Control', 'no-store')
  page(): string {
    return STATUS_PAGE_HTML;
  }

  @Get('status.json')
  @Header('Cache-Control', 'no-store')
  status(): StatusDocument {
    let ready = false;
    try {
      const kafka = this.moduleRef.get<ReadinessSource>(READINESS_SOURCE, { strict: false }).kafka();
      ready = kafka.connected && kafka.groupJoined;
    } catch {
      // No source yet (start-up): not ready, which is what the page should say.
    }
    return {
      ...this.metrics.status(),
      instance: this.instance,
      ready,
      generatedAt: new Date().toISOString(),
    };
  }
}
