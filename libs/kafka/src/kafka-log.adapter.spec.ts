import { logLevel } from '@news/kafkajs';
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

  it('counts error responses that kafkajs retries at debug, and keeps the others at error', () => {
    const { sink, lines } = recordingSink();
    const log = kafkaLogCreator(sink)(logLevel.INFO);
    const response = (error: string) =>
      log({
        namespace: 'Connection',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: {
          timestamp: 't',
          message: 'Response AddPartitionsToTxn(key: 24, version: 1)',
          error,
          correlationId: 7,
        },
      });
    const concurrent =
      'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing';
    response(concurrent);
    response(concurrent);
    response('Not authorized to access topics: [Topic authorization failed]');
    expect(lines.map((l) => [l.level, l.fields.errorType, l.fields.retriedResponses])).toEqual([
      ['debug', 'CONCURRENT_TRANSACTIONS', 1],
      ['debug', 'CONCURRENT_TRANSACTIONS', 2],
      ['error', undefined, undefined],
    ]);
  });
});
