import { logLevel } from 'kafkajs';
import { kafkaLogCreator, type KafkaLogSink } from './kafka-log.adapter';

function recordingSink() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  const sink: KafkaLogSink = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
  return { sink, lines };
}

describe('kafkaLogCreator', () => {
  it('routes an entry to the matching level with its namespace and fields', () => {
    const { sink, lines } = recordingSink();
    const log = kafkaLogCreator(sink)(logLevel.INFO);
    log({
      namespace: 'Consumer',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-01-01T00:00:00Z',
        logger: 'kafkajs',
        message: 'Crash: KafkaJSNumberOfRetriesExceeded',
        groupId: 'g',
        retryCount: 5,
      },
    });
    expect(lines).toEqual([
      {
        level: 'error',
        fields: { kafkajs: 'Consumer', groupId: 'g', retryCount: 5 },
        message: 'Crash: KafkaJSNumberOfRetriesExceeded',
      },
    ]);
  });

  it('demotes routine rebalances from warn to info', () => {
    const { sink, lines } = recordingSink();
    kafkaLogCreator(sink)(logLevel.INFO)({
      namespace: 'Runner',
      level: logLevel.WARN,
      label: 'WARN',
      log: { timestamp: 't', message: 'The group is rebalancing, re-joining', groupId: 'g' },
    });
    expect(lines.map((l) => l.level)).toEqual(['info']);
  });
});
