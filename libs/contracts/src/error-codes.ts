/**
 * Every way a raw event can be rejected, as stable strings. The same name is used in dead letters,
 * metrics labels, logs and docs. Rejections are permanent: retrying the same bytes gives the same answer.
 * Transient failures (broker, Redis, timeouts) are not listed here: they are retried, never dead-lettered.
 */
export const ERROR_CODES = [
  'invalid-json',
  'invalid-utf8',
  'empty-value',
  'not-an-object',
  'schema-violation',
  'invalid-url',
  'unsupported-schema-version',
  'payload-too-large',
  'empty-body',
  'too-complex',
  'unsupported-compression',
  'internal-error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in the pipeline a rejection happened. */
export const PIPELINE_STAGES = [
  'decode',
  'parse',
  'validate',
  'normalize',
  'dedup',
  'tag',
  'publish',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}
