import { EnvReader } from '@news/env';
import { installKafkajsFixes, type KafkajsFixes } from './install';

const env = new EnvReader(process.env);
const encoder = env.oneOf('KAFKAJS_ENCODER', ['pooled', 'kafkajs'] as const, 'pooled');
env.throwIfInvalid();

/** The fixes as installed when @news/kafkajs first loaded, before kafkajs itself (see ./index.ts). */
export const KAFKAJS_FIXES: KafkajsFixes = installKafkajsFixes({ encoder });
