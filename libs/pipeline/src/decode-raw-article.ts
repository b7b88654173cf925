import type { TypeCheck } from '@sinclair/typebox/compiler';
import { RawArticleSchema, RejectionError, type RawArticle } from '@news/contracts';
import { checkRawArticle } from './raw-article-check';

/** TypeBox explains a failed check: loaded on the first article that fails one, never at start. */
let explainer: TypeCheck<typeof RawArticleSchema> | undefined;
function firstSchemaError(input: unknown): { path: string; message: string } | undefined {
  if (!explainer) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    const compiler = require('@sinclair/typebox/compiler') as typeof import('@sinclair/typebox/compiler');
    explainer = compiler.TypeCompiler.Compile(RawArticleSchema);
  }
  return explainer.Errors(input).First();
}

const SUPPORTED_MAJOR_VERSIONS = new Set([1]);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export interface DecodeOptions {
  maxPayloadBytes: number;
}

/**
 * The one place where a raw Kafka value becomes a typed, validated RawArticle. Everything after trusts it.
 * Throws RejectionError with a stable code; never anything else for bad input.
 */
export function decodeRawArticle(value: Buffer | string | null, options: DecodeOptions): RawArticle {
  const text = decodeText(value, options.maxPayloadBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RejectionError('invalid-json', 'parse', `value is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw new RejectionError('not-an-object', 'parse', `value must be a JSON object, got ${kind}`);
  }
  return validate(parsed as Record<string, unknown>);
}

function decodeText(value: Buffer | string | null, maxPayloadBytes: number): string {
  if (value === null || value.length === 0) {
    throw new RejectionError('empty-value', 'decode', 'the record has no value (tombstone or empty payload)');
  }
  const size = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
  if (size > maxPayloadBytes) {
    throw new RejectionError(
      'payload-too-large',
      'decode',
      `payload is ${size} bytes, the limit is ${maxPayloadBytes} bytes`,
    );
  }
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw new RejectionError('invalid-utf8', 'decode', 'payload is not valid UTF-8');
  }
}

function validate(input: Record<string, unknown>): RawArticle {
  checkSchemaVersion(input.schemaVersion);
  if (!checkRawArticle(input)) {
    const first = firstSchemaError(input);
    const where = first?.path ? first.path.slice(1).replace(/\//g, '.') : '(root)';
    throw new RejectionError(
      'schema-violation',
      'validate',
      `${where || '(root)'}: ${first?.message ?? 'invalid'}`,
    );
  }
  const url = checkUrl(input.url);
  const html = wellFormed(input.html);
  const text = wellFormed(input.text);
  if (!html?.trim() && !text?.trim()) {
    const present = input.html !== undefined || input.text !== undefined;
    throw new RejectionError(
      present ? 'empty-body' : 'schema-violation',
      'validate',
      present ? 'html and text are both empty' : 'one of html or text is required',
    );
  }
  // Build a fresh object from known fields only: nothing the producer sent (e.g. "__proto__") is copied over.
  const source = input.source;
  const article: RawArticle = { url };
  if (html) article.html = html;
  if (text) article.text = text;
  if (typeof input.id === 'string') article.id = input.id;
  if (input.schemaVersion !== undefined) article.schemaVersion = input.schemaVersion;
  if (typeof input.title === 'string') article.title = wellFormed(input.title);
  if (source) {
    article.source = {};
    if (source.domain !== undefined) article.source.domain = source.domain;
    if (source.name !== undefined) article.source.name = wellFormed(source.name);
    if (source.country !== undefined) article.source.country = source.country;
  }
  if (typeof input.fetchedAt === 'string') article.fetchedAt = input.fetchedAt;
  if (typeof input.publishedAt === 'string') article.publishedAt = input.publishedAt;
  if (typeof input.language === 'string') article.language = input.language;
  if (Array.isArray(input.authors)) article.authors = input.authors.map((a) => wellFormed(a) ?? '');
  return article;
}

function checkSchemaVersion(version: unknown): void {
  if (version === undefined) return;
  const major =
    typeof version === 'number' ? version : typeof version === 'string' ? Number(version.split('.')[0]) : NaN;
  if (typeof version !== 'number' && typeof version !== 'string') {
    throw new RejectionError(
      'schema-violation',
      'validate',
      'schemaVersion: must be an integer or a version string',
    );
  }
  if (!Number.isInteger(major) || !SUPPORTED_MAJOR_VERSIONS.has(major)) {
    throw new RejectionError(
      'unsupported-schema-version',
      'validate',
      `schemaVersion ${JSON.stringify(version)} is not supported (supported majors: ${[...SUPPORTED_MAJOR_VERSIONS].join(', ')})`,
    );
  }
}

function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new RejectionError('invalid-url', 'validate', `url: not an absolute URL: ${preview(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RejectionError(
      'invalid-url',
      'validate',
      `url: scheme must be http or https, got ${preview(url.protocol)}`,
    );
  }
  if (!url.hostname)
    throw new RejectionError('invalid-url', 'validate', `url: has no host: ${preview(value)}`);
  return url.href;
}

/** Lone surrogates cannot be encoded as UTF-8 downstream; replace them with U+FFFD. */
function wellFormed(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.toWellFormed();
}

function preview(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
