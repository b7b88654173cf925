import type { IHeaders, KafkaMessage } from 'kafkajs';
import { decodeEvent, type BadEventCode, type EventKind, type EventOfKind } from './event-decoder';
import { StoryMatcher, type StoryFilter } from './story-filter';

/** Where a record sits: enough to find it again (`kafka-console-consumer --partition … --offset …`). */
export interface EventCoordinates {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/** What a handler gets beside the event. */
export interface EventContext extends EventCoordinates {
  /** The record's headers as strings (trace context, source coordinates, routing headers). */
  headers: Record<string, string>;
}

/** A value that could not become an event: it goes to the error handler, the consumer goes on. */
export interface BadEvent extends EventCoordinates {
  kind: EventKind;
  code: BadEventCode;
  message: string;
  /** The value as text, cut at 2 KB; null when the record had none. */
  value: string | null;
}

export type Routed =
  | {
      [K in EventKind]: { action: 'deliver'; kind: K; event: EventOfKind[K]; context: EventContext };
    }[EventKind]
  | { action: 'skip' }
  | { action: 'reject'; problem: BadEvent };

const REPORTED_VALUE_CHARS = 2048;

/**
 * Turns one fetched record into what to do with it. Enriched articles are first filtered on their routing
 * headers, so that an unwanted story costs a few header comparisons instead of a JSON parse and a schema check;
 * records without routing headers are decoded and filtered on their tags.
 */
export class EventRouter {
  private readonly matcher: StoryMatcher | undefined;

  constructor(
    private readonly kindOfTopic: ReadonlyMap<string, EventKind>,
    filter?: StoryFilter,
  ) {
    this.matcher = filter ? new StoryMatcher(filter) : undefined;
  }

  route(
    topic: string,
    partition: number,
    message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>,
  ): Routed {
    const kind = this.kindOfTopic.get(topic);
    if (kind === undefined) return { action: 'skip' };
    const matcher = kind === 'enriched' ? this.matcher : undefined;
    const byHeaders = matcher?.matchesHeaders((name) => headerText(message.headers?.[name]));
    if (byHeaders === false) return { action: 'skip' };
    const decoded = decodeEvent(kind, message.value);
    const coordinates: EventCoordinates = {
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
    };
    if (!decoded.ok) {
      const value = message.value
        ? message.value.toString('utf8', 0, REPORTED_VALUE_CHARS * 4).slice(0, REPORTED_VALUE_CHARS)
        : null;
      return {
        action: 'reject',
        problem: { ...coordinates, kind, code: decoded.code, message: decoded.message, value },
      };
    }
    if (matcher && byHeaders === undefined && !matcher.matchesEvent(decoded.event as EventOfKind['enriched']))
      return { action: 'skip' };
    const context = { ...coordinates, headers: headerRecord(message.headers) };
    return { action: 'deliver', kind, event: decoded.event, context } as Routed;
  }
}

function headerText(value: IHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

function headerRecord(headers: IHeaders | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) record[name] = text;
  }
  return record;
}
