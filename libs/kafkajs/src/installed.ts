import { installKafkajsFixes, type KafkajsFixes } from './install';

/** The fixes as installed when @news/kafkajs first loaded, before kafkajs itself (see ./index.ts). */
export const KAFKAJS_FIXES: KafkajsFixes = installKafkajsFixes({
  encoder: process.env.KAFKAJS_ENCODER === 'kafkajs' ? 'kafkajs' : 'pooled',
});
