export { RedisDedupStore, packPrints, type RedisDedupStoreOptions } from './redis-dedup.store';
export { CLAIM_BATCH_LUA, FINGERPRINTS_LUA } from './claim-batch';
export { deleteKeysUnder } from './delete-keys';
