import type { CountryTag, EntityTag, GeopoliticalFlag, TopicTag } from '@news/contracts';
import { VIA_WEIGHT, type Gazetteer, type GeoPayload } from './gazetteer';
import { loadGazetteer } from './gazetteer-snapshot';
import { scoreCountries, type CountryMention, type Position } from './country-salience';
import { parseDateline, type Dateline } from './dateline';
import { TopicClassifier, type FieldTokens, type NameSpan } from './topic-classifier';
import { scanTokens, TokenBuffer } from './tokenizer';
import { MatchList, type PhraseMatch } from './phrase-trie';
import { blockedAfter, findRolePatterns, titledAt, type PatternPerson } from './role-patterns';
import { EntityCollector } from './entity-collector';
import {
  allUpper,
  hasTarget,
  looksLikePersonName,
  nationalityOfPerson,
  originOfPerson,
  passingFactor,
  personCount,
} from './mention-words';
import { resolveAmbiguous, type PendingAmbiguous } from './ambiguous-names';
import { geopoliticalFlag } from './geopolitical-flag';
import { applySourceDomain } from './source-domain';
import { datelineQualifierCountry } from './state-qualifiers';
import {
  countryLookup,
  coveredTokens,
  evidenceOf,
  laterMentions,
  parseDate,
  placeElsewhere,
  soleCountryOf,
  sentenceCountries,
  stateQualifierMentions,
  storyActors,
} from './article-evidence';

export interface TagInput {
  title: string;
  text: string;
  language?: string;
  publishedAt?: string | null;
  /** When the page was scraped: the article's date when it carries no publication date. */
  fetchedAt?: string | null;
  /** The article's URL: its country-code domain is the country of a local story that names none. */
  url?: string;
}

export interface TagResult {
  countries: CountryTag[];
  entities: EntityTag[];
  topics: TopicTag[];
  geopolitical?: GeopoliticalFlag;
}

let loaded: GeoTagger | undefined;

/** What tagging one article gathers before it decides: built per `tag()` call, read by its steps. */
interface ArticleState {
  input: TagInput;
  language: string | undefined;
  fields: FieldTokens[];
  mentions: CountryMention[];
  /** Mentions of an ambiguous name (Georgia), resolved once the whole article is read. */
  pending: PendingAmbiguous[];
  cueVotes: Map<string, number>;
  /** Spans of organizations and people: topic cues inside them count for nothing. */
  names: NameSpan[];
  /** Intergovernmental bodies named per sentence: parties to relations between states, like countries. */
  bodies: { key: number; sentence: number }[];
  entities: EntityCollector;
  /** The year of the story's date (published, else fetched, else the office-holder list's). */
  year: number;
}

/** Where a match stands: its field, evidence and sentence, as every payload step needs them. */
interface MatchPlace {
  field: 'title' | 'text';
  value: string;
  tokens: TokenBuffer;
  match: PhraseMatch<GeoPayload>;
  evidence: ReturnType<typeof evidenceOf>;
  position: Position;
  sentence: number;
  /** Payloads kept for this match (in `accepted`). */
  kept: number;
}

/**
 * Countries, people, organizations and topics of one article. All matchers are built once in `load()`;
 * `tag()` tokenizes each field once, walks the gazetteer's trie over the tokens and hands each kind of payload
 * to its own step, then scores countries and topics and decides the flag.
 */
export class GeoTagger {
  // Token buffers reused by every tag() call (it runs to completion before the next one starts).
  private readonly titleTokens = new TokenBuffer();
  private readonly textTokens = new TokenBuffer();
  private readonly nameTokens = new TokenBuffer();
  /** `accept` leaves the payloads it keeps here (reused: the tag loop reads them before the next match). */
  private readonly accepted: GeoPayload[] = [];
  /** Hashes of the place-like words this article used in a person's name (reset per article). */
  private readonly personWords: number[] = [];
  private readonly matches = new MatchList<GeoPayload>();
  /** One reused description of the current match (read before the next match is looked at). */
  private readonly place: MatchPlace = {
    field: 'title',
    value: '',
    tokens: this.titleTokens,
    match: { from: 0, to: 0, payloads: [] },
    evidence: { field: 'title', start: 0, end: 0, text: '' },
    position: 'title',
    sentence: -1,
    kept: 0,
  };

  private constructor(
    private readonly gazetteer: Gazetteer,
    private readonly topics: TopicClassifier,
  ) {}

  /**
   * Builds the matchers once per process: they are immutable, so every later load() shares them. The gazetteer
   * comes from its snapshot when one matches the code and data (gazetteer-snapshot.ts).
   */
  static load(): GeoTagger {
    loaded ??= new GeoTagger(loadGazetteer(), new TopicClassifier());
    return loaded;
  }

  /**
   * Offices of an article with neither a publication nor a fetch date are read as of the office-holder list's
   * own date: a fixed point, so the same input always gets the same roles (never the processing clock).
   */
  tag(input: TagInput): TagResult {
    const article = this.begin(input);
    const dateline = parseDateline(input.text);
    const skipUntil = this.readDateline(article, dateline);
    for (const field of article.fields) this.readMatches(article, field, skipUntil);
    // The dateline ("TAUPO, New Zealand, March 24 -") is nobody's name.
    if (skipUntil > 0) article.names.push({ field: 'text', start: 0, end: skipUntil });
    resolveAmbiguous(article.pending, article.cueVotes, article.mentions, this.gazetteer.ambiguousDefaults);
    this.readPeopleAgain(article);
    const patterns = this.findPatternPeople(article);
    const { topics, strongest, snippet } = this.topics.classify(article.fields, article.names, {
      actors: storyActors(article.mentions, article.bodies),
      year: article.year,
    });
    article.mentions.push(...stateQualifierMentions(input, dateline?.qualifier?.start));
    const countries = scoreCountries(article.mentions, this.gazetteer.countryNames);
    // Nothing named, or only where people come from and currencies, is "only in passing".
    const onlyPassing = article.mentions.every((m) => m.weight < VIA_WEIGHT.org);
    applySourceDomain(countries, input.url, article.language, onlyPassing, this.gazetteer.countryNames);
    this.addPatternPeople(article, patterns, countries);
    const entities = article.entities.result();
    // A named office-holder refers to their country (the labelling scheme counts "a named leader"): a story
    // that names no country at all is about its people's ("Chancellor Gordon Brown" and his party).
    if (countries.length === 0)
      countries.push(...scoreCountries(peopleMentions(entities), this.gazetteer.countryNames));
    // A story that is not geopolitical carries no topic: what did not reach the flag was a passing passage
    // (dev topics precision 0.505 -> 0.519 at recall 0.735 -> 0.712).
    const geopolitical = geopoliticalFlag(topics, strongest, snippet);
    return {
      countries,
      entities,
      topics: geopolitical.value ? topics : [],
      geopolitical,
    };
  }

  private begin(input: TagInput): ArticleState {
    const language = (input.language ?? '').toLowerCase().split(/[-_]/)[0] || undefined;
    this.personWords.length = 0;
    const date =
      parseDate(input.publishedAt) ?? parseDate(input.fetchedAt) ?? Date.parse(this.gazetteer.peopleAsOf);
    scanTokens(input.title, this.titleTokens, language);
    scanTokens(input.text, this.textTokens, language);
    return {
      input,
      language,
      fields: [
        { field: 'title', value: input.title, tokens: this.titleTokens },
        { field: 'text', value: input.text, tokens: this.textTokens },
      ],
      mentions: [],
      pending: [],
      cueVotes: new Map(),
      names: [],
      bodies: [],
      entities: new EntityCollector(this.gazetteer, date),
      year: new Date(date).getUTCFullYear(),
    };
  }

  /** The dateline's country, a mention of its own; returns where the text's own mentions start. */
  private readDateline(article: ArticleState, dateline: Dateline | null): number {
    if (!dateline) return -1;
    const code = this.resolveDateline(dateline.place, dateline.qualifier?.text);
    if (!code) return -1;
    article.mentions.push({
      code,
      weight: 1,
      position: 'dateline',
      sentence: -1,
      evidence: evidenceOf('text', article.input.text, dateline.start, dateline.end),
    });
    return dateline.qualifier ? dateline.qualifier.end : dateline.end;
  }

  /** One walk of the gazetteer's trie over a field; each accepted payload goes to the step of its kind. */
  private readMatches(article: ArticleState, { field, value, tokens }: FieldTokens, skipUntil: number): void {
    const matches = this.matches;
    const place = this.place;
    this.gazetteer.trie.matchInto(value, tokens, matches, {
      language: article.language,
      capitalizedStarts: true,
    });
    for (let m = 0; m < matches.count; m++) {
      const match = matches.items[m];
      const start = tokens.start[match.from];
      if (field === 'text' && start < skipUntil) continue;
      const firstSentence = tokens.sentence[match.from];
      place.field = field;
      place.value = value;
      place.tokens = tokens;
      place.match = match;
      place.evidence = evidenceOf(field, value, start, tokens.end[match.to - 1]);
      place.position = field === 'title' ? 'title' : firstSentence === 0 ? 'lede' : 'body';
      place.sentence = field === 'title' ? -1 : firstSentence;
      place.kept = this.accept(match, tokens, article.language);
      for (let p = 0; p < place.kept; p++) {
        const payload = this.accepted[p];
        switch (payload.kind) {
          case 'country':
            this.onCountry(article, payload, place);
            break;
          case 'cue':
            this.onCue(article, payload, place);
            break;
          case 'person':
            this.onPerson(article, payload, place);
            break;
          case 'org':
            this.onOrganization(article, payload, place);
            break;
          case 'block':
            break;
        }
      }
    }
  }

  private onCountry(
    article: ArticleState,
    payload: Extract<GeoPayload, { kind: 'country' }>,
    { value, tokens, match, evidence, position, sentence }: MatchPlace,
  ): void {
    if (payload.via !== 'demonym' && placeElsewhere(value, tokens, match.to, evidence.end, payload.codes))
      return;
    // A person's nationality or origin says little about what the story is about: it counts as a person does.
    const demonym = payload.via === 'demonym';
    const weight =
      (demonym && nationalityOfPerson(tokens, match.to)) ||
      originOfPerson(tokens, match.from, match.to, demonym)
        ? Math.min(payload.weight, VIA_WEIGHT.origin)
        : payload.weight * passingFactor(tokens, match.to);
    if (payload.ambiguous !== undefined) {
      article.pending.push({ index: payload.ambiguous, mention: { weight, position, sentence, evidence } });
      return;
    }
    for (const code of payload.codes) article.mentions.push({ code, weight, position, sentence, evidence });
    if (
      payload.via !== 'name' &&
      payload.via !== 'demonym' &&
      payload.via !== 'historical' &&
      payload.codes.length === 1
    ) {
      article.entities.place(payload.label, payload.codes[0], evidence);
    }
  }

  /** A context word of an ambiguous name ("Atlanta" for Georgia the state) votes for one of its readings. */
  private onCue(
    article: ArticleState,
    payload: Extract<GeoPayload, { kind: 'cue' }>,
    { evidence, position, sentence }: MatchPlace,
  ): void {
    const key = `${payload.ambiguous}|${payload.code}`;
    article.cueVotes.set(key, (article.cueVotes.get(key) ?? 0) + 1);
    if (payload.namesIt)
      article.pending.push({
        index: payload.ambiguous,
        mention: { weight: VIA_WEIGHT.name, position, sentence, evidence },
      });
  }

  private onPerson(
    article: ArticleState,
    payload: Extract<GeoPayload, { kind: 'person' }>,
    { value, tokens, match, evidence, position, sentence, kept }: MatchPlace,
  ): void {
    if (blockedAfter(tokens, match.to)) return;
    // A title before a surname points at one person only when the list has one of that surname.
    const titled =
      payload.surname &&
      titledAt(value, tokens, match.from) &&
      personCount(this.accepted, kept) === 1 &&
      !(match.to < tokens.count && !tokens.breakBefore(match.to) && tokens.isTitle(match.to));
    const code = article.entities.person(payload.person, payload.surname, evidence, titled);
    if (code) article.mentions.push({ code, weight: VIA_WEIGHT.person, position, sentence, evidence });
  }

  private onOrganization(
    article: ArticleState,
    payload: Extract<GeoPayload, { kind: 'org' }>,
    { field, evidence, position, sentence }: MatchPlace,
  ): void {
    article.names.push({ field, start: evidence.start, end: evidence.end });
    if (this.gazetteer.organizations[payload.org].type === 'intergovernmental')
      article.bodies.push({ key: -1 - payload.org, sentence: field === 'title' ? 0 : sentence + 1 });
    const code = article.entities.organization(payload.org, evidence);
    if (code) article.mentions.push({ code, weight: VIA_WEIGHT.org, position, sentence, evidence });
  }

  /** Common names confirmed by their country, then later surname-only mentions of the people found. */
  private readPeopleAgain(article: ArticleState): void {
    const { entities, mentions } = article;
    // The countries named so far, made only when asked for (most articles never ask).
    let codes: Set<string> | undefined;
    const namedCodes = () => (codes ??= new Set(mentions.map((m) => m.code)));
    const named = (code: string) => namedCodes().has(code);
    if (entities.waitingForSupport) entities.supportCommonNames(namedCodes());
    const inSentence = sentenceCountries(mentions);
    for (const { field, value, tokens } of article.fields) {
      const alone = entities.surnameMentions(field, value, tokens);
      for (const m of alone.concat(entities.loneSurnames(field, value, tokens, named, inSentence))) {
        if (!m.country) continue;
        const sentence = field === 'title' ? -1 : tokens.sentence[m.from];
        const position: Position = field === 'title' ? 'title' : sentence === 0 ? 'lede' : 'body';
        mentions.push({
          code: m.country,
          weight: VIA_WEIGHT.person,
          position,
          sentence,
          evidence: m.evidence,
        });
      }
    }
    for (const e of entities.peopleEvidence())
      article.names.push({ field: e.field, start: e.start, end: e.end });
  }

  /** People no list knows, introduced by an office; the tokens of known names and countries are never theirs. */
  private findPatternPeople(article: ArticleState): PatternPerson[] {
    const covered = coveredTokens(this.textTokens, article.names, article.mentions);
    return findRolePatterns(
      article.input.text,
      this.textTokens,
      countryLookup(article.mentions),
      (from, to) => {
        for (let i = from; i < to; i++) if (covered[i] === 1) return true;
        return false;
      },
    );
  }

  private addPatternPeople(article: ArticleState, patterns: PatternPerson[], countries: CountryTag[]): void {
    const dominant = countries.find((c) => c.primary)?.code;
    for (const person of patterns) {
      article.entities.patternPerson(
        person,
        dominant,
        laterMentions(article.input.text, this.textTokens, person),
        (code) => countries.some((c) => c.code === code),
        soleCountryOf(article.mentions, this.textTokens.sentence[person.from]),
      );
    }
  }

  /**
   * The payloads of a match that survive case, language and person-name checks: puts them in
   * `this.accepted` and returns how many (an array per match was garbage for every mention).
   */
  private accept(match: PhraseMatch<GeoPayload>, tokens: TokenBuffer, language: string | undefined): number {
    const out = this.accepted;
    let count = 0;
    for (const payload of match.payloads) {
      if (payload.kind === 'block') return 0;
      if (payload.kind === 'cue') {
        out[count++] = payload;
        continue;
      }
      const caseSensitive = payload.kind === 'person' ? false : payload.caseSensitive;
      if (caseSensitive) {
        if (!allUpper(tokens, match)) continue;
      } else if (tokens.isLower(match.from)) {
        // "turkey", "china", "chad": lower case is the common noun, never the country.
        continue;
      }
      if (payload.kind === 'country') {
        if (payload.lang && payload.lang !== language) continue;
        // Capitals and cities double as surnames and first names (Douglas, Lima, Florence) more than country names do.
        const nameLike =
          payload.personLike ||
          ((payload.via === 'capital' || payload.via === 'city') && match.to - match.from === 1);
        if (nameLike && this.personNamed(tokens, match, payload.personLike)) continue;
      }
      // One phrase may be both a full name and a surname ("Zelensky"), or a name and an alias of one
      // organization ("U.N." / "UN"): a mention counts once per person, organization or country.
      if (hasTarget(out, count, payload)) continue;
      out[count++] = payload;
    }
    return count;
  }

  /**
   * A place-like name that is part of a person's name ("Bill Holland", "Paris Hilton"), or alone again after a
   * name that is also a given name or surname (`personLike`) was one in the text ("Holland recalled"): the
   * article's later mentions of that word are the person too. Title-case headlines and the other capitals and
   * cities ("Amsterdam-London") look like names too often to be remembered.
   */
  private personNamed(tokens: TokenBuffer, match: PhraseMatch<GeoPayload>, personLike: boolean): boolean {
    const single = match.to - match.from === 1;
    if (single && this.personWords.includes(tokens.hash[match.from])) return true;
    if (!looksLikePersonName(tokens, match)) return false;
    if (single && personLike && tokens === this.textTokens) this.personWords.push(tokens.hash[match.from]);
    return true;
  }

  /** "STAMFORD, Conn." → the qualifier decides; otherwise known datelines, capitals, the biggest city, names. */
  private resolveDateline(place: string, qualifier?: string): string | undefined {
    if (qualifier) {
      const q = datelineQualifierCountry(qualifier) ?? this.lookupName(qualifier);
      if (q) return q;
    }
    return this.gazetteer.datelines.get(place.toUpperCase()) ?? this.lookupName(place);
  }

  private lookupName(name: string): string | undefined {
    const tokens = this.nameTokens;
    scanTokens(name, tokens);
    const match = this.gazetteer.trie
      .matchAll(name, tokens)
      .find((m) => m.from === 0 && m.to === tokens.count);
    const payload = match?.payloads.find((p) => p.kind === 'country' && !p.lang && p.codes.length === 1);
    return payload?.kind === 'country' ? payload.codes[0] : undefined;
  }
}

/** Each political person's country as a mention of the person's weight, where the person is first named. */
function peopleMentions(entities: readonly EntityTag[]): CountryMention[] {
  const mentions: CountryMention[] = [];
  for (const e of entities) {
    const evidence = e.evidence[0];
    if (e.type !== 'person' || !e.country || !evidence) continue;
    const position = evidence.field === 'title' ? 'title' : 'body';
    mentions.push({ code: e.country, weight: VIA_WEIGHT.person, position, sentence: -1, evidence });
  }
  return mentions;
}
