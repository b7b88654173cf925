import { FormatRegistry, Type, type Static, type TSchema } from '@sinclair/typebox';
import { FORMATS } from './formats';

/**
 * The event contracts, written once as JSON Schema (TypeBox) from which the TypeScript types are derived.
 * `npm run build` exports them to docs/schemas/*.json for consumers in other languages.
 */

for (const [name, check] of Object.entries(FORMATS))
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601 timestamp' });
/** An output's time, taken from its input so that a replay writes the same bytes (inputTime, @news/pipeline). */
const inputTimeOf = (field: string) =>
  Type.String({
    format: 'date-time',
    description:
      `ISO 8601. ${field}: the timestamp of the raw Kafka record this output was made from (when it was ` +
      'produced, or appended on a LogAppendTime topic), not the moment of processing, so that a replay of the ' +
      'input writes the same value. Offline (`news-ingest enrich`): the --now time, else the raw fetchedAt, ' +
      'else 1970-01-01T00:00:00.000Z.',
  });

export const SourceSchema = Type.Object(
  {
    domain: Type.Optional(Type.String({ description: 'Registrable host of the publisher, e.g. bbc.co.uk' })),
    name: Type.Optional(Type.String({ description: 'Human name of the publisher' })),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 country of the publisher' })),
  },
  { $id: 'Source' },
);

export const RawArticleSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, description: 'Absolute http(s) URL of the page' }),
    html: Type.Optional(Type.String({ description: 'Page HTML; html or text must be a non-empty string' })),
    text: Type.Optional(
      Type.String({ description: 'Scraped text; html or text must be a non-empty string' }),
    ),
    id: Type.Optional(Type.String({ description: "The scraper's own identifier" })),
    schemaVersion: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^[0-9]+(\\.[0-9]+)*$' })], {
        description: 'Contract version; absent means 1. An unknown major version is rejected.',
      }),
    ),
    title: Type.Optional(Type.String()),
    source: Type.Optional(SourceSchema),
    fetchedAt: Type.Optional(IsoDate),
    publishedAt: Type.Optional(IsoDate),
    language: Type.Optional(Type.String({ description: 'BCP 47 language hint' })),
    authors: Type.Optional(Type.Array(Type.String())),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  {
    $id: 'RawArticle',
    title: 'Raw article (news.articles.raw.v1)',
    additionalProperties: true,
    description: 'What scrapers produce. Unknown top-level fields are ignored.',
  },
);
export type RawArticle = Static<typeof RawArticleSchema>;

export const EvidenceSchema = Type.Object(
  {
    field: Type.Union([Type.Literal('title'), Type.Literal('text')]),
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 0 }),
    text: Type.String({ description: 'Exactly event[field].slice(start, end)' }),
  },
  { $id: 'Evidence', additionalProperties: false },
);
export type Evidence = Static<typeof EvidenceSchema>;

export const CountryTagSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    name: Type.String(),
    primary: Type.Boolean({ description: 'The story is about this country' }),
    salience: Type.Number({ minimum: 0, maximum: 1 }),
    mentions: Type.Integer({ minimum: 0 }),
    evidence: Type.Array(EvidenceSchema),
    from: Type.Optional(
      Type.Literal('source-domain', {
        description:
          "Set when the country comes from the site's web domain (a local story that names no country, or other countries only in passing): no mention, no evidence",
      }),
    ),
  },
  { $id: 'CountryTag', additionalProperties: false },
);
export type CountryTag = Static<typeof CountryTagSchema>;

export const EntityTagSchema = Type.Object(
  {
    name: Type.String(),
    type: Type.Union([Type.Literal('person'), Type.Literal('organization'), Type.Literal('place')]),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    role: Type.Optional(
      Type.String({
        description: 'Office at the article date, as the text or the office-holder list gives it',
      }),
    ),
    foundBy: Type.Optional(
      Type.Union([Type.Literal('list'), Type.Literal('role-pattern')], {
        description:
          'People only: matched against the office-holder gazetteer, or recognized from how the text introduces them',
      }),
    ),
    countryFrom: Type.Optional(
      Type.Union(
        [Type.Literal('list'), Type.Literal('pattern'), Type.Literal('office'), Type.Literal('dominant')],
        {
          description:
            "People only: where the country comes from: the gazetteer, the introducing phrase (a demonym or a country's genitive) or else the one country its sentence names, the office or party itself (a US governor, a Tory leader), or the article's dominant country",
        },
      ),
    ),
    evidence: Type.Array(EvidenceSchema),
  },
  { $id: 'EntityTag', additionalProperties: false },
);
export type EntityTag = Static<typeof EntityTagSchema>;

export const TopicTagSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String(),
    score: Type.Number({ minimum: 0, maximum: 1 }),
    iptc: Type.Optional(Type.String({ description: 'IPTC Media Topic code, e.g. medtop:16000000' })),
    evidence: Type.Array(EvidenceSchema),
  },
  { $id: 'TopicTag', additionalProperties: false },
);
export type TopicTag = Static<typeof TopicTagSchema>;

export const GeopoliticalFlagSchema = Type.Object(
  {
    value: Type.Boolean({
      description:
        'The main subject is relations between states, armed conflict or security, migration, human rights, a national contest for power, or state-level trade, sanctions or energy disputes',
    }),
    score: Type.Number({ minimum: 0, maximum: 1 }),
    evidence: Type.Array(EvidenceSchema, { description: 'The passages that decided it' }),
  },
  { $id: 'GeopoliticalFlag', additionalProperties: false },
);
export type GeopoliticalFlag = Static<typeof GeopoliticalFlagSchema>;

const PipelineInfo = Type.Object({ version: Type.String() }, { additionalProperties: false });
const OutputSource = Type.Object(
  { domain: Type.String(), name: Nullable(Type.String()), country: Nullable(Type.String()) },
  { additionalProperties: false },
);

export const EnrichedArticleSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    articleId: Type.String({ description: 'Stable id derived from the canonical URL' }),
    url: Type.String(),
    canonicalUrl: Type.String(),
    source: OutputSource,
    title: Type.String(),
    authors: Type.Array(Type.String()),
    text: Type.String({ description: 'Clean body, paragraphs separated by a blank line' }),
    language: Type.Object(
      { code: Type.String(), confidence: Type.Number({ minimum: 0, maximum: 1 }) },
      { additionalProperties: false },
    ),
    publishedAt: Nullable(IsoDate),
    fetchedAt: Nullable(IsoDate),
    processedAt: inputTimeOf('processedAt'),
    wordCount: Type.Integer({ minimum: 0 }),
    dedup: Type.Object(
      {
        status: Type.Union([Type.Literal('unique'), Type.Literal('updated')]),
        revision: Type.Integer({ minimum: 1 }),
        fingerprint: Type.String(),
      },
      { additionalProperties: false },
    ),
    countries: Type.Array(CountryTagSchema),
    entities: Type.Array(EntityTagSchema),
    topics: Type.Array(TopicTagSchema),
    geopolitical: Type.Optional(GeopoliticalFlagSchema),
    pipeline: PipelineInfo,
  },
  {
    $id: 'EnrichedArticle',
    title: 'Enriched article (news.articles.enriched.v1)',
    additionalProperties: false,
  },
);
export type EnrichedArticle = Static<typeof EnrichedArticleSchema>;

export const DuplicateNoticeSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    articleId: Type.String({ description: 'articleId of this copy' }),
    url: Type.String(),
    canonicalUrl: Type.String(),
    duplicateOf: Type.String({ description: 'articleId of the article already published' }),
    match: Type.Union([Type.Literal('exact'), Type.Literal('near')]),
    similarity: Type.Number({ minimum: 0, maximum: 1 }),
    sameUrl: Type.Boolean(),
    source: OutputSource,
    title: Type.String(),
    fetchedAt: Nullable(IsoDate),
    processedAt: inputTimeOf('processedAt'),
    pipeline: PipelineInfo,
  },
  {
    $id: 'DuplicateNotice',
    title: 'Duplicate notice (news.articles.duplicates.v1)',
    additionalProperties: false,
  },
);
export type DuplicateNotice = Static<typeof DuplicateNoticeSchema>;

export const DeadLetterSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    error: Type.Object(
      { code: Type.String(), message: Type.String(), stage: Type.String() },
      { additionalProperties: false },
    ),
    original: Type.Object(
      {
        topic: Type.String(),
        partition: Type.Integer(),
        offset: Type.String(),
        key: Nullable(Type.String()),
        headers: Type.Record(Type.String(), Type.String()),
        value: Type.Optional(Nullable(Type.String({ description: 'The payload, when it is valid UTF-8' }))),
        valueBase64: Type.Optional(Type.String({ description: 'The payload, when it is not valid UTF-8' })),
      },
      { additionalProperties: false },
    ),
    failedAt: inputTimeOf('failedAt'),
    pipeline: PipelineInfo,
  },
  { $id: 'DeadLetter', title: 'Dead letter (news.articles.dlq.v1)', additionalProperties: false },
);
export type DeadLetter = Static<typeof DeadLetterSchema>;

export const ALL_SCHEMAS = {
  'raw-article': RawArticleSchema,
  'enriched-article': EnrichedArticleSchema,
  'duplicate-notice': DuplicateNoticeSchema,
  'dead-letter': DeadLetterSchema,
} as const;
