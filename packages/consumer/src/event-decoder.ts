import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import {
  DeadLetterSchema,
  DuplicateNoticeSchema,
  EnrichedArticleSchema,
  type DeadLetter,
  type DuplicateNotice,
  type EnrichedArticle,
  type ErrorCode,
} from '@news/contracts';

/** The three kinds of event news-ingest publishes, one topic each. */
export type EventKind = 'enriched' | 'duplicate' | 'dead-letter';

export interface EventOfKind {
  enriched: EnrichedArticle;
  duplicate: DuplicateNotice;
  'dead-letter': DeadLetter;
}

/** Why a value was not handed to a handler; the same codes as the worker's own rejections (libs/contracts). */
export type BadEventCode = Extract<
  ErrorCode,
  'empty-value' | 'invalid-json' | 'not-an-object' | 'unsupported-schema-version' | 'schema-violation'
>;

/** The schema versions of each kind this package understands. */
export const KNOWN_SCHEMA_VERSIONS: Readonly<Record<EventKind, readonly number[]>> = {
  enriched: [1],
  duplicate: [1],
  'dead-letter': [1],
};

export type Decoded<K extends EventKind> =
  { ok: true; event: EventOfKind[K] } | { ok: false; code: BadEventCode; message: string };

// The schemas the worker validates its outputs against, compiled once (libs/contracts/src/schemas.ts).
const CHECKS: { [K in EventKind]: TypeCheck<TSchema> } = {
  enriched: TypeCompiler.Compile(EnrichedArticleSchema),
  duplicate: TypeCompiler.Compile(DuplicateNoticeSchema),
  'dead-letter': TypeCompiler.Compile(DeadLetterSchema),
};

const MAX_REPORTED_ERRORS = 3;

/** Parses and validates one value as an event of `kind`. Never throws. */
export function decodeEvent<K extends EventKind>(kind: K, value: Buffer | null): Decoded<K> {
  if (value === null || value.length === 0)
    return { ok: false, code: 'empty-value', message: 'the record has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, code: 'invalid-json', message: (error as Error).message };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return {
      ok: false,
      code: 'not-an-object',
      message: `the value is JSON ${Array.isArray(parsed) ? 'array' : String(parsed === null ? null : typeof parsed)}, not an object`,
    };
  const version = (parsed as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !KNOWN_SCHEMA_VERSIONS[kind].includes(version))
    return {
      ok: false,
      code: 'unsupported-schema-version',
      message: `schemaVersion ${JSON.stringify(version)} of a ${kind} event is not one this package knows (${KNOWN_SCHEMA_VERSIONS[kind].join(', ')}); upgrade @news-ingest/consumer`,
    };
  const check = CHECKS[kind];
  if (!check.Check(parsed)) {
    const errors = [...check.Errors(parsed)].slice(0, MAX_REPORTED_ERRORS);
    return {
      ok: false,
      code: 'schema-violation',
      message: errors.map((error) => `${error.path || '/'}: ${error.message}`).join('; '),
    };
  }
  return { ok: true, event: parsed as EventOfKind[K] };
}
