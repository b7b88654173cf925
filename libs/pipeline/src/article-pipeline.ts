import { performance } from 'node:perf_hooks';
import {
  DEFAULT_TOPICS,
  HEADERS,
  RejectionError,
  TransientError,
  isTransientError,
  type DuplicateNotice,
  type EnrichedArticle,
  type PipelineStage,
  type RawArticle,
  type TopicNames,
} from '@news/contracts';
import { Normalizer, preloadLanguageModel, type NormalizedArticle } from '@news/normalize';
import {
  Deduplicator,
  InMemoryDedupStore,
  articleIdFor,
  type DedupStore,
  type DedupVerdict,
} from '@news/dedup';
import { GeoTagger } from '@news/tagging';
import { decodeRawArticle } from './decode-raw-article';
import {
  deadLetterEvent,
  inputTime,
  isoUtc,
  outputHeaders,
  outputSource,
  routingHeaders,
  toRecord,
} from './event-builders';
import type { PipelineOutcome, RawEnvelope, StageObserver } from './raw-envelope';
import { traceContextFor, withScraperId, type TraceContext } from './trace-context';
import { PIPELINE_VERSION } from './version';

export const DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
/**
 * Characters of an article's text the tagger reads: a budget in characters (not time), so that tagging a huge
 * body costs a bounded amount and a replay finds the same tags. Countries, people and topics are found in
 * the first 100,000 characters (15,000 words or so; the longest body of the development data sets has ~56,000);
 * evidence spans stay offsets into the full text, which is published whole.
 */
export const TAG_TEXT_CHARS = 100_000;

export interface PipelineOptions {
  topics?: TopicNames;
  maxPayloadBytes?: number;
  dedupStore?: DedupStore;
  dedupWindowMs?: number;
  normalizer?: Normalizer;
  tagger?: GeoTagger;
}

/** An input that made it through normalization and waits for its dedup verdict. */
interface Normalized {
  index: number;
  envelope: RawEnvelope;
  trace: TraceContext;
  raw: RawArticle;
  article: NormalizedArticle;
  articleId: string;
  /** `processedAt` of its outputs (inputTime) */
  at: string;
}

/**
 * parse → validate → normalize → deduplicate → tag → build the event, for a batch of raw inputs.
 * Pure orchestration: the worker and the CLI both call it and only differ in how they publish.
 * Every input ends as exactly one outcome; only a failing dependency (the dedup store) throws, as TransientError,
 * so that the caller retries the whole batch instead of dead-lettering good articles.
 */
export class ArticlePipeline {
  private readonly topics: TopicNames;
  private readonly maxPayloadBytes: number;
  private readonly normalizer: Normalizer;
  private readonly tagger: GeoTagger;
  private readonly deduplicator: Deduplicator;

  constructor(options: PipelineOptions = {}) {
    this.topics = options.topics ?? DEFAULT_TOPICS;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.normalizer = options.normalizer ?? new Normalizer();
    // Data is loaded at start-up, not by the first article (the language model takes a second or two).
    preloadLanguageModel();
    this.tagger = options.tagger ?? GeoTagger.load();
    const store = options.dedupStore ?? new InMemoryDedupStore({ windowMs: options.dedupWindowMs });
    this.deduplicator = new Deduplicator(store, { windowMs: options.dedupWindowMs });
  }

  get version(): string {
    return PIPELINE_VERSION;
  }

  /**
   * Every output of an input carries the input's own time (inputTime: its Kafka record's timestamp), not the
   * clock, so that a replay of the input, in whatever batch, publishes the same bytes.
   */
  async processBatch(batch: RawEnvelope[], observer?: StageObserver): Promise<PipelineOutcome[]> {
    const outcomes = new Array<PipelineOutcome | undefined>(batch.length);
    const pending: Normalized[] = [];

    const timer = new StageTimer(observer);
    for (let index = 0; index < batch.length; index++) {
      const envelope = batch[index];
      const trace = traceContextFor(envelope);
      let raw: RawArticle | undefined;
      try {
        raw = timer.time('parse', () =>
          decodeRawArticle(envelope.value, { maxPayloadBytes: this.maxPayloadBytes }),
        );
        const decoded = raw;
        const withTrace = raw.id ? withScraperId(trace, envelope, raw.id) : trace;
        const article = timer.time('normalize', () => this.normalize(decoded));
        pending.push({
          index,
          envelope,
          trace: withTrace,
          raw,
          article,
          articleId: articleIdFor(article.canonicalUrl),
          at: inputTime(envelope, raw.fetchedAt),
        });
      } catch (error) {
        const failedAt = inputTime(envelope, raw?.fetchedAt);
        outcomes[index] = this.reject(envelope, trace, asRejection(error, 'normalize'), failedAt);
      }
    }
    timer.flush();

    const verdicts = await this.deduplicate(pending, observer);

    for (let i = 0; i < pending.length; i++) {
      const item = pending[i];
      const verdict = verdicts[i];
      try {
        outcomes[item.index] =
          verdict.status === 'duplicate'
            ? this.duplicate(item, verdict)
            : timer.time('tag', () => this.enrich(item, verdict));
      } catch (error) {
        outcomes[item.index] = this.reject(item.envelope, item.trace, asRejection(error, 'tag'), item.at);
      }
    }
    timer.flush();
    return outcomes as PipelineOutcome[];
  }

  private normalize(raw: RawArticle): NormalizedArticle {
    const result = this.normalizer.normalize({
      url: raw.url,
      html: raw.html,
      text: raw.text,
      title: raw.title,
      language: raw.language,
      publishedAt: raw.publishedAt,
      authors: raw.authors,
    });
    if (!result.ok) throw new RejectionError(result.code, 'normalize', result.message);
    return result.article;
  }

  private async deduplicate(pending: Normalized[], observer?: StageObserver): Promise<DedupVerdict[]> {
    if (pending.length === 0) return [];
    const started = performance.now();
    try {
      return await this.deduplicator.checkBatch(
        pending.map((item) => ({
          inputRef: `${item.envelope.topic}/${item.envelope.partition}/${item.envelope.offset}`,
          articleId: item.articleId,
          canonicalUrl: item.article.canonicalUrl,
          title: item.article.title,
          text: item.article.text,
          // When the article was fetched, else when its raw record was written (never the clock).
          observedAt: Date.parse(item.raw.fetchedAt ?? '') || Date.parse(item.at),
        })),
      );
    } catch (error) {
      if (isTransientError(error)) throw error;
      throw new TransientError(`dedup store failed: ${(error as Error).message}`, { cause: error });
    } finally {
      observer?.observe('dedup', (performance.now() - started) / 1000, pending.length);
    }
  }

  private enrich(item: Normalized, verdict: Exclude<DedupVerdict, { status: 'duplicate' }>): PipelineOutcome {
    const { article, raw, envelope } = item;
    const tags = this.tagger.tag({
      title: article.title,
      text: taggedPart(article.text),
      language: article.language.code,
      publishedAt: article.publishedAt ?? raw.publishedAt,
      fetchedAt: raw.fetchedAt,
      url: article.canonicalUrl,
    });
    const event: EnrichedArticle = {
      schemaVersion: 1,
      articleId: item.articleId,
      url: raw.url,
      canonicalUrl: article.canonicalUrl,
      source: outputSource(raw, article.canonicalUrl),
      title: article.title,
      authors: article.authors,
      text: article.text,
      language: article.language,
      publishedAt: isoUtc(article.publishedAt ?? raw.publishedAt),
      fetchedAt: isoUtc(raw.fetchedAt),
      processedAt: item.at,
      wordCount: article.wordCount,
      dedup: { status: verdict.status, revision: verdict.revision, fingerprint: verdict.fingerprint },
      countries: tags.countries,
      entities: tags.entities,
      topics: tags.topics,
      ...(tags.geopolitical ? { geopolitical: tags.geopolitical } : {}),
      pipeline: { version: PIPELINE_VERSION },
    };
    const headers = {
      ...outputHeaders(envelope, item.trace, PIPELINE_VERSION, 'enriched'),
      ...routingHeaders(event),
    };
    return {
      kind: 'enriched',
      event,
      record: toRecord(this.topics.enriched, item.articleId, headers, event),
    };
  }

  private duplicate(
    item: Normalized,
    verdict: Extract<DedupVerdict, { status: 'duplicate' }>,
  ): PipelineOutcome {
    const { article, raw, envelope } = item;
    const event: DuplicateNotice = {
      schemaVersion: 1,
      articleId: item.articleId,
      url: raw.url,
      canonicalUrl: article.canonicalUrl,
      duplicateOf: verdict.duplicateOf,
      match: verdict.match,
      similarity: verdict.similarity,
      sameUrl: verdict.sameUrl,
      source: outputSource(raw, article.canonicalUrl),
      title: article.title,
      fetchedAt: isoUtc(raw.fetchedAt),
      processedAt: item.at,
      pipeline: { version: PIPELINE_VERSION },
    };
    const headers = outputHeaders(envelope, item.trace, PIPELINE_VERSION, 'duplicate');
    return {
      kind: 'duplicate',
      event,
      record: toRecord(this.topics.duplicates, item.articleId, headers, event),
    };
  }

  private reject(
    envelope: RawEnvelope,
    trace: TraceContext,
    error: RejectionError,
    failedAt: string,
  ): PipelineOutcome {
    return rejectionOutcome(envelope, error, {
      deadLetterTopic: this.topics.deadLetter,
      failedAt,
      trace,
    });
  }
}

/**
 * The dead letter for one input, as the pipeline publishes it. Also used by the transport for an input that makes
 * the pipeline itself fail (`internal-error`), so that every dead letter has one shape and one set of headers.
 */
export function rejectionOutcome(
  envelope: RawEnvelope,
  error: RejectionError,
  options: { deadLetterTopic: string; failedAt: string; trace?: TraceContext },
): Extract<PipelineOutcome, { kind: 'rejected' }> {
  const trace = options.trace ?? traceContextFor(envelope);
  const event = deadLetterEvent(envelope, error, options.failedAt, PIPELINE_VERSION);
  const headers = {
    ...outputHeaders(envelope, trace, PIPELINE_VERSION, 'dead-letter'),
    [HEADERS.errorCode]: error.code,
  };
  return {
    kind: 'rejected',
    code: error.code,
    event,
    record: toRecord(options.deadLetterTopic, envelope.key, headers, event),
  };
}

export function createPipeline(options: PipelineOptions = {}): ArticlePipeline {
  return new ArticlePipeline(options);
}

/** The text up to TAG_TEXT_CHARS, ended at a space so that no word is cut in two. */
function taggedPart(text: string): string {
  if (text.length <= TAG_TEXT_CHARS) return text;
  const space = text.lastIndexOf(' ', TAG_TEXT_CHARS);
  return text.slice(0, space > 0 ? space : TAG_TEXT_CHARS);
}

/** A bug in a pure stage must not stop the stream: the input is dead-lettered as internal-error, to be replayed after a fix. */
function asRejection(error: unknown, stage: PipelineStage): RejectionError {
  if (error instanceof RejectionError) return error;
  if (isTransientError(error)) throw error;
  const message = error instanceof Error ? error.message : String(error);
  return new RejectionError('internal-error', stage, `unexpected failure: ${message}`);
}

/** Accumulates per-stage time over a batch and reports it once, to keep the hot path free of metric calls. */
class StageTimer {
  private readonly totals = new Map<PipelineStage, { seconds: number; count: number }>();
  constructor(private readonly observer?: StageObserver) {}

  time<T>(stage: PipelineStage, work: () => T): T {
    if (!this.observer) return work();
    const started = performance.now();
    try {
      return work();
    } finally {
      const total = this.totals.get(stage) ?? { seconds: 0, count: 0 };
      total.seconds += (performance.now() - started) / 1000;
      total.count += 1;
      this.totals.set(stage, total);
    }
  }

  flush(): void {
    for (const [stage, total] of this.totals) this.observer?.observe(stage, total.seconds, total.count);
    this.totals.clear();
  }
}
