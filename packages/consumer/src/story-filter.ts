import { HEADERS, ROUTING_LIST_SEPARATOR, type EnrichedArticle } from '@news/contracts';

/**
 * Which enriched articles a subscriber wants. Every criterion given must hold; a list holds when the article has
 * at least one of its items. `countries` looks at every tagged country, `primaryCountries` at those the story is
 * about; `geopolitical` at the article's geopolitical flag (an article without the flag matches neither value).
 */
export interface StoryFilter {
  topics?: readonly string[];
  countries?: readonly string[];
  primaryCountries?: readonly string[];
  geopolitical?: boolean;
}

/** The tags a filter looks at, read from the routing headers or from the event. */
interface RoutingTags {
  primaryCountries: readonly string[];
  countries: readonly string[];
  topics: readonly string[];
  geopolitical: boolean | undefined;
}

/** A header value by name, undefined when the record does not carry it. */
export type HeaderLookup = (name: string) => string | undefined;

export class StoryFilterError extends Error {
  override readonly name = 'StoryFilterError';
}

interface CompiledFilter {
  topics?: ReadonlySet<string>;
  countries?: ReadonlySet<string>;
  primaryCountries?: ReadonlySet<string>;
  geopolitical?: boolean;
}

/** A StoryFilter checked once: country codes upper-cased, empty lists refused (they would pass nothing). */
export class StoryMatcher {
  private readonly filter: CompiledFilter;

  constructor(filter: StoryFilter) {
    const list = (name: keyof StoryFilter, items: readonly string[] | undefined, upper: boolean) => {
      if (items === undefined) return undefined;
      const given: unknown[] = Array.isArray(items) ? (items as unknown[]) : [];
      if (given.length === 0 || given.some((item) => typeof item !== 'string'))
        throw new StoryFilterError(
          `filter.${name} must be a non-empty list of strings (leave it out to accept any)`,
        );
      return new Set(items.map((item) => (upper ? item.trim().toUpperCase() : item.trim())));
    };
    if (filter.geopolitical !== undefined && typeof filter.geopolitical !== 'boolean')
      throw new StoryFilterError('filter.geopolitical must be true or false');
    this.filter = {
      topics: list('topics', filter.topics, false),
      countries: list('countries', filter.countries, true),
      primaryCountries: list('primaryCountries', filter.primaryCountries, true),
      geopolitical: filter.geopolitical,
    };
  }

  /**
   * The decision from the routing headers alone, or undefined when the record has none (written by a worker
   * older than the headers): then decide on the decoded event with `matchesEvent`.
   */
  matchesHeaders(header: HeaderLookup): boolean | undefined {
    const primary = header(HEADERS.primaryCountries);
    const countries = header(HEADERS.countries);
    const topics = header(HEADERS.topics);
    if (primary === undefined || countries === undefined || topics === undefined) return undefined;
    const flag = header(HEADERS.geopolitical);
    return this.matches({
      primaryCountries: splitList(primary),
      countries: splitList(countries),
      topics: splitList(topics),
      geopolitical: flag === 'true' ? true : flag === 'false' ? false : undefined,
    });
  }

  matchesEvent(event: EnrichedArticle): boolean {
    return this.matches({
      primaryCountries: event.countries.filter((country) => country.primary).map((country) => country.code),
      countries: event.countries.map((country) => country.code),
      topics: event.topics.map((topic) => topic.id),
      geopolitical: event.geopolitical?.value,
    });
  }

  private matches(tags: RoutingTags): boolean {
    const { topics, countries, primaryCountries, geopolitical } = this.filter;
    const anyOf = (wanted: ReadonlySet<string> | undefined, have: readonly string[]) =>
      wanted === undefined || have.some((item) => wanted.has(item));
    return (
      anyOf(topics, tags.topics) &&
      anyOf(countries, tags.countries) &&
      anyOf(primaryCountries, tags.primaryCountries) &&
      (geopolitical === undefined || tags.geopolitical === geopolitical)
    );
  }
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(ROUTING_LIST_SEPARATOR);
}
