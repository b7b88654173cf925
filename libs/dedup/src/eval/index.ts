export { SeededRandom } from './seeded-random';
export {
  buildDedupStream,
  type CorpusArticle,
  type StreamEvent,
  type StreamEventKind,
  type StreamOptions,
} from './dedup-stream';
export {
  evaluateDedup,
  expectedVerdicts,
  scoreVerdicts,
  evalCanonicalUrl,
  type DedupScore,
} from './dedup-scorer';
export { syntheticCorpus } from './synthetic-corpus';
