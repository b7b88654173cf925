import { RejectionError, type TopicNames } from '@news/contracts';
import type { ConsumedMessage, ProducedRecord } from '@news/kafka';
import { inputTime, rejectionOutcome } from '@news/pipeline';

/**
 * The dead letter of an input that made the pipeline itself fail (a bug, not a bad input): code
 * `internal-error`, with the original bytes and headers so that `news-ingest dlq replay` can resend it
 * after the fix. Built by the pipeline's own dead-letter builder, so it has the shape of every other, and its
 * `failedAt` is the input's own time (its record timestamp), as every dead letter's is.
 */
export function internalErrorDeadLetter(
  topics: TopicNames,
  message: ConsumedMessage,
  reason: string,
): ProducedRecord {
  const error = new RejectionError(
    'internal-error',
    'normalize',
    `pipeline failed on this input: ${reason}`.slice(0, 2000),
  );
  return rejectionOutcome(message, error, {
    deadLetterTopic: topics.deadLetter,
    failedAt: inputTime(message),
  }).record;
}
