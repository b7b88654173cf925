import { HEADERS, type DeadLetter, type TopicNames } from '@news/contracts';
import type { ConsumedMessage, ProducedRecord } from '@news/kafka';
import { PIPELINE_VERSION, traceContextFor } from '@news/pipeline';

/**
 * The dead letter of an input that made the pipeline itself fail (a bug, not a bad input): code
 * `internal-error`, with the original bytes and headers so that `news-ingest dlq replay` can resend it
 * after the fix.
 */
export function internalErrorDeadLetter(topics: TopicNames, message: ConsumedMessage, reason: string, now = new Date()): ProducedRecord {
  const trace = traceContextFor(message);
  const original: DeadLetter['original'] = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    headers: message.headers,
  };
  if (message.value === null) original.value = null;
  else if (isUtf8(message.value)) original.value = message.value.toString('utf8');
  else original.valueBase64 = message.value.toString('base64');
  const event: DeadLetter = {
    schemaVersion: 1,
    error: { code: 'internal-error', message: `pipeline failed on this input: ${reason}`.slice(0, 2000), stage: 'normalize' },
    original,
    failedAt: now.toISOString(),
    pipeline: { version: PIPELINE_VERSION },
  };
  return {
    topic: topics.deadLetter,
    key: message.key,
    value: JSON.stringify(event),
    headers: {
      [HEADERS.traceparent]: trace.traceparent,
      [HEADERS.correlationId]: trace.correlationId,
      [HEADERS.sourceTopic]: message.topic,
      [HEADERS.sourcePartition]: String(message.partition),
      [HEADERS.sourceOffset]: message.offset,
      [HEADERS.pipelineVersion]: PIPELINE_VERSION,
      [HEADERS.eventType]: 'dead-letter',
      [HEADERS.errorCode]: 'internal-error',
    },
  };
}

function isUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}
