export * from './dedup.types';
export { articleIdFor } from './article-id';
export { Deduplicator, type DeduplicatorOptions } from './deduplicator';
export {
  InMemoryDedupStore,
  type IndexEntry,
  type InMemoryDedupStoreOptions,
  type RecordedClaims,
  type StoredUrl,
} from './in-memory-dedup.store';
export {
  ChangelogDedupStore,
  type ChangelogDedupStoreOptions,
  type ChangelogRecord,
} from './changelog/changelog-dedup.store';
export {
  ChangelogFormatError,
  decodeEntry,
  encodeEntry,
  type EncodedEntry,
} from './changelog/dedup-changelog.codec';
export { DEFAULT_DEDUP_POLICY, decideVerdict, urlRecordAfter, type ClaimLookup } from './verdict-policy';
export {
  DEFAULT_FINGERPRINT_OPTIONS,
  fingerprintText,
  type FingerprintOptions,
  type TextFingerprint,
} from './text-fingerprint';
export { compareSets, compareSketches, type SketchComparison } from './sketch-similarity';
export * from './eval';
