import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC } from '../../apps/ingest-worker/src/observability';
import { exportedSeriesNames, metricNamesIn } from './prometheus-names';

/**
 * The Grafana dashboard queries by name; a renamed metric turns a panel into "No data" without any error.
 * Every query must name series the worker exports, and every worker metric must be on the dashboard.
 */

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: Array<{ expr: string; refId: string }>;
}

const dashboard = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'dashboards', 'news-ingest.json'), 'utf8'),
) as {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; definition?: string }> };
};
const panels = dashboard.panels.filter((p) => p.type !== 'row');
const expressions = [
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr }))),
  ...dashboard.templating.list
    .filter((v) => v.definition)
    .map((v) => ({
      where: `variable ${v.name}`,
      expr: /label_values\((.*),\s*\w+\)$/.exec(v.definition!)![1],
    })),
];

describe('dashboards/news-ingest.json', () => {
  it('queries only series the worker exports', async () => {
    const series = await exportedSeriesNames();
    const missing = expressions.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((n) => !series.has(n))
        .map((n) => `${where}: ${n}`),
    );
    expect(missing).toEqual([]);
  });

  it('shows every metric the worker exports', () => {
    const used = new Set(
      expressions
        .flatMap(({ expr }) => metricNamesIn(expr))
        .map((n) => n.replace(/_(bucket|sum|count)$/, '')),
    );
    expect(Object.values(METRIC).filter((name) => !used.has(name))).toEqual([]);
  });

  it('reads every panel from the datasource variable, with unique ids and no overlapping panels', () => {
    expect(dashboard.uid).toBe('news-ingest');
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')?.type).toBe('datasource');
    for (const p of panels) {
      expect([p.title, p.datasource?.uid]).toEqual([p.title, '${datasource}']);
      expect(p.targets?.length).toBeGreaterThan(0);
    }
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const overlaps: string[] = [];
    dashboard.panels.forEach((a, i) =>
      dashboard.panels.slice(i + 1).forEach((b) => {
        const apart =
          a.gridPos.x + a.gridPos.w <= b.gridPos.x ||
          b.gridPos.x + b.gridPos.w <= a.gridPos.x ||
          a.gridPos.y + a.gridPos.h <= b.gridPos.y ||
          b.gridPos.y + b.gridPos.h <= a.gridPos.y;
        if (!apart) overlaps.push(`${a.title} / ${b.title}`);
      }),
    );
    expect(overlaps).toEqual([]);
  });
});
