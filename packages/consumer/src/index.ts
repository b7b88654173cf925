// First: the read_committed fix goes into kafkajs' place before anything here (or after) loads kafkajs.
import './kafkajs-for-consumers';

export {
  createSubscriber,
  NewsSubscriber,
  SubscriberStartError,
  type SubscriberHandlers,
  type SubscriberOptions,
  type SubscriberStats,
} from './subscriber';
export { StoryMatcher, StoryFilterError, type StoryFilter } from './story-filter';
export {
  EventRouter,
  type BadEvent,
  type EventContext,
  type EventCoordinates,
  type Routed,
} from './event-router';
export {
  decodeEvent,
  KNOWN_SCHEMA_VERSIONS,
  type BadEventCode,
  type Decoded,
  type EventKind,
} from './event-decoder';
export { ReadCommittedFilterError } from '@news/kafkajs/read-committed-filter';
export {
  ALL_SCHEMAS,
  DEFAULT_TOPICS,
  HEADERS,
  DeadLetterSchema,
  DuplicateNoticeSchema,
  EnrichedArticleSchema,
  type CountryTag,
  type DeadLetter,
  type DuplicateNotice,
  type EnrichedArticle,
  type EntityTag,
  type Evidence,
  type GeopoliticalFlag,
  type TopicTag,
} from '@news/contracts';
