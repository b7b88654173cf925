import { Controller, Get, Res } from '@nestjs/common';
import { IngestMetrics } from './ingest-metrics';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: IngestMetrics) {}

  @Get('metrics')
  async scrape(@Res({ passthrough: true }) res: HeaderSink): Promise<string> {
    res.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.render();
  }
}

// The slice of the platform response used here; keeps the controller free of @types/express.
interface HeaderSink {
  setHeader(name: string, value: string): void;
}
