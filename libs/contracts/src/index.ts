import type * as Schemas from './schemas';

export * from './error-codes';
export * from './errors';
export * from './topics';
export * from './state-topics';
export * from './formats';
export * from './envelope';
export type {
  CountryTag,
  DeadLetter,
  DuplicateNotice,
  EnrichedArticle,
  EntityTag,
  Evidence,
  GeopoliticalFlag,
  RawArticle,
  TopicTag,
} from './schemas';

/*
 * The schema values are built by TypeBox when first read, not when the contracts are imported: loading TypeBox
 * (some 200 modules) was a sixth of the start-up of `news-ingest enrich` and of every pipeline thread, none of
 * which reads a schema (the raw-article check is precompiled, libs/pipeline/src/raw-article-check.ts).
 * Importers see the same names and types as plain exports.
 */
export declare const SourceSchema: typeof Schemas.SourceSchema;
export declare const RawArticleSchema: typeof Schemas.RawArticleSchema;
export declare const EvidenceSchema: typeof Schemas.EvidenceSchema;
export declare const CountryTagSchema: typeof Schemas.CountryTagSchema;
export declare const EntityTagSchema: typeof Schemas.EntityTagSchema;
export declare const TopicTagSchema: typeof Schemas.TopicTagSchema;
export declare const GeopoliticalFlagSchema: typeof Schemas.GeopoliticalFlagSchema;
export declare const EnrichedArticleSchema: typeof Schemas.EnrichedArticleSchema;
export declare const DuplicateNoticeSchema: typeof Schemas.DuplicateNoticeSchema;
export declare const DeadLetterSchema: typeof Schemas.DeadLetterSchema;
export declare const ALL_SCHEMAS: typeof Schemas.ALL_SCHEMAS;

const SCHEMA_VALUES = [
  'SourceSchema',
  'RawArticleSchema',
  'EvidenceSchema',
  'CountryTagSchema',
  'EntityTagSchema',
  'TopicTagSchema',
  'GeopoliticalFlagSchema',
  'EnrichedArticleSchema',
  'DuplicateNoticeSchema',
  'DeadLetterSchema',
  'ALL_SCHEMAS',
] as const satisfies readonly (keyof typeof Schemas)[];

let schemas: typeof Schemas | undefined;
for (const name of SCHEMA_VALUES)
  Object.defineProperty(exports, name, {
    enumerable: true,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    get: () => (schemas ??= require('./schemas') as typeof Schemas)[name],
  });
