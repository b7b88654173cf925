import type { CountryTag, EntityTag, Evidence, GeopoliticalFlag, TopicTag } from '@news/contracts';
import { VIA_WEIGHT, type Gazetteer, type GeoPayload } from './gazetteer';
import { loadGazetteer } from './gazetteer-snapshot';
import { scoreCountries, type CountryMention, type Position } from './country-salience';
import { parseDateline } from './dateline';
import { TopicClassifier, type FieldTokens, type NameSpan } from './topic-classifier';
import { scanTokens, TokenBuffer } from './tokenizer';
import { HashSet32 } from './hash-set';
import { MatchList, type PhraseMatch } from './phrase-trie';
import { PLACES } from './gazetteer-data';
import {
  blockedAfter,
  findRolePatterns,
  titledAt,
  type CountryAt,
  type PatternPerson,
} from './role-patterns';
import { EntityCollector } from './entity-collector';
import { findStateQualifiers } from './state-qualifiers';
import { buildingAfter, qualifierCountryAfter } from './place-context';

export interface TagInput {
  title: string;
  text: string;
  language?: string;
  publishedAt?: string | null;
  /** When the page was scraped: the article's date when it carries no publication date. */
  fetchedAt?: string | null;
}

export interface TagResult {
  countries: CountryTag[];
  entities: EntityTag[];
  topics: TopicTag[];
  geopolitical?: GeopoliticalFlag;
}

// Capitalized words that may stand before a place without making it part of a person's name.
const PLACE_MODIFIERS = HashSet32.ofWords([
  'north',
  'south',
  'east',
  'west',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'new',
  'greater',
  'upper',
  'lower',
  'occupied',
  'independent',
  'republic',
  'kingdom',
  'state',
  'free',
  'democratic',
  'federal',
  'island',
]);

let loaded: GeoTagger | undefined;

interface PendingAmbiguous {
  index: number;
  mention: Omit<CountryMention, 'code'>;
}

/**
 * Countries, people, organizations and topics of one article. All matchers are built once in `load()`;
 * `tag()` tokenizes each field once and walks two tries over the tokens.
 */
export class GeoTagger {
  // Token buffers reused by every tag() call (it runs to completion before the next one starts).
  private readonly titleTokens = new TokenBuffer();
  private readonly textTokens = new TokenBuffer();
  private readonly nameTokens = new TokenBuffer();
  /** `accept` leaves the payloads it keeps here (reused: the tag loop reads them before the next match). */
  private readonly accepted: GeoPayload[] = [];
  private readonly matches = new MatchList<GeoPayload>();

  private constructor(
    private readonly gazetteer: Gazetteer,
    private readonly topics: TopicClassifier,
    private readonly qualifiers: Map<string, string>,
  ) {}

  /**
   * Builds the matchers once per process: they are immutable, so every later load() shares them. The gazetteer
   * comes from its snapshot when one matches the code and data (gazetteer-snapshot.ts).
   */
  static load(): GeoTagger {
    loaded ??= (() => {
      const qualifiers = new Map(
        Object.entries(PLACES.datelineQualifiers).map(([k, v]) => [qualifierKey(k), v]),
      );
      return new GeoTagger(loadGazetteer(), new TopicClassifier(), qualifiers);
    })();
    return loaded;
  }

  /**
   * Offices of an article with neither a publication nor a fetch date are read as of the office-holder list's
   * own date: a fixed point, so the same input always gets the same roles (never the processing clock).
   */
  tag(input: TagInput): TagResult {
    const language = (input.language ?? '').toLowerCase().split(/[-_]/)[0] || undefined;
    const date =
      parseDate(input.publishedAt) ?? parseDate(input.fetchedAt) ?? Date.parse(this.gazetteer.peopleAsOf);
    scanTokens(input.title, this.titleTokens, language);
    scanTokens(input.text, this.textTokens, language);
    const fields: FieldTokens[] = [
      { field: 'title', value: input.title, tokens: this.titleTokens },
      { field: 'text', value: input.text, tokens: this.textTokens },
    ];
    const mentions: CountryMention[] = [];
    const pending: PendingAmbiguous[] = [];
    const cueVotes = new Map<string, number>();
    const names: NameSpan[] = [];
    /** Intergovernmental bodies named per sentence: parties to relations between states, like countries. */
    const bodies: { key: number; sentence: number }[] = [];
    const entities = new EntityCollector(this.gazetteer, date);

    const dateline = parseDateline(input.text);
    let skipUntil = -1;
    if (dateline) {
      const code = this.resolveDateline(dateline.place, dateline.qualifier?.text);
      if (code) {
        mentions.push({
          code,
          weight: 1,
          position: 'dateline',
          sentence: -1,
          evidence: evidenceOf('text', input.text, dateline.start, dateline.end),
        });
        skipUntil = dateline.qualifier ? dateline.qualifier.end : dateline.end;
      }
    }

    for (const { field, value, tokens } of fields) {
      const matches = this.matches;
      this.gazetteer.trie.matchInto(value, tokens, matches, { language, capitalizedStarts: true });
      for (let m = 0; m < matches.count; m++) {
        const match = matches.items[m];
        const start = tokens.start[match.from];
        if (field === 'text' && start < skipUntil) continue;
        const ev = evidenceOf(field, value, start, tokens.end[match.to - 1]);
        const firstSentence = tokens.sentence[match.from];
        const position: Position = field === 'title' ? 'title' : firstSentence === 0 ? 'lede' : 'body';
        const sentence = field === 'title' ? -1 : firstSentence;
        const kept = this.accept(match, tokens, language);
        for (let p = 0; p < kept; p++) {
          const payload = this.accepted[p];
          switch (payload.kind) {
            case 'country': {
              if (payload.via !== 'demonym' && placeElsewhere(value, tokens, match.to, ev.end, payload.codes))
                break;
              const weight = payload.weight * passingFactor(tokens, match.to);
              if (payload.ambiguous !== undefined) {
                pending.push({
                  index: payload.ambiguous,
                  mention: { weight, position, sentence, evidence: ev },
                });
              } else {
                for (const code of payload.codes)
                  mentions.push({ code, weight, position, sentence, evidence: ev });
                if (
                  payload.via !== 'name' &&
                  payload.via !== 'demonym' &&
                  payload.via !== 'historical' &&
                  payload.codes.length === 1
                ) {
                  entities.place(payload.label, payload.codes[0], ev);
                }
              }
              break;
            }
            case 'cue': {
              const key = `${payload.ambiguous}|${payload.code}`;
              cueVotes.set(key, (cueVotes.get(key) ?? 0) + 1);
              if (payload.namesIt)
                pending.push({
                  index: payload.ambiguous,
                  mention: { weight: VIA_WEIGHT.name, position, sentence, evidence: ev },
                });
              break;
            }
            case 'person': {
              if (blockedAfter(tokens, match.to)) break;
              // A title before a surname points at one person only when the list has one of that surname.
              const titled =
                payload.surname &&
                titledAt(value, tokens, match.from) &&
                personCount(this.accepted, kept) === 1 &&
                !(match.to < tokens.count && !tokens.breakBefore(match.to) && tokens.isTitle(match.to));
              const code = entities.person(payload.person, payload.surname, ev, titled);
              if (code) mentions.push({ code, weight: VIA_WEIGHT.person, position, sentence, evidence: ev });
              break;
            }
            case 'org': {
              names.push({ field, start, end: ev.end });
              if (this.gazetteer.organizations[payload.org].type === 'intergovernmental')
                bodies.push({ key: -1 - payload.org, sentence: field === 'title' ? 0 : sentence + 1 });
              const code = entities.organization(payload.org, ev);
              if (code) mentions.push({ code, weight: VIA_WEIGHT.org, position, sentence, evidence: ev });
              break;
            }
            case 'block':
              break;
          }
        }
      }
    }
    this.resolveAmbiguous(pending, cueVotes, mentions);
    if (entities.waitingForSupport) entities.supportCommonNames(new Set(mentions.map((m) => m.code)));
    for (const { field, value, tokens } of fields) {
      for (const m of entities.surnameMentions(field, value, tokens)) {
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
    for (const e of entities.peopleEvidence()) names.push({ field: e.field, start: e.start, end: e.end });
    const covered = coveredTokens(this.textTokens, names, mentions);
    const patterns = findRolePatterns(input.text, this.textTokens, countryLookup(mentions), (from, to) => {
      for (let i = from; i < to; i++) if (covered[i] === 1) return true;
      return false;
    });
    const { topics, strongest, snippet } = this.topics.classify(
      fields,
      names,
      actorsPerSentence(mentions, bodies),
    );
    mentions.push(...stateQualifierMentions(input, dateline?.qualifier?.start));
    const countries = scoreCountries(mentions, this.gazetteer.countryNames);
    const dominant = countries.find((c) => c.primary)?.code;
    for (const person of patterns) {
      entities.patternPerson(
        person,
        dominant,
        laterMentions(input.text, this.textTokens, person),
        (code) => countries.some((c) => c.code === code),
        soleCountryOf(mentions, this.textTokens.sentence[person.from]),
      );
    }

    // A story that is not geopolitical carries no topic: what did not reach the flag was a passing passage
    // (dev topics precision 0.505 -> 0.519 at recall 0.735 -> 0.712).
    const geopolitical = geopoliticalFlag(topics, strongest, snippet);
    return {
      countries,
      entities: entities.result(),
      topics: geopolitical.value ? topics : [],
      geopolitical,
    };
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
        if (nameLike && this.looksLikePersonName(tokens, match)) continue;
      }
      // One phrase may be both a full name and a surname ("Zelensky"), or a name and an alias of one
      // organization ("U.N." / "UN"): a mention counts once per person, organization or country.
      if (hasTarget(out, count, payload)) continue;
      out[count++] = payload;
    }
    return count;
  }

  /** "Michael Jordan", "Chad Smith", "George Washington": a capitalized neighbour makes a name, not a place. */
  private looksLikePersonName(tokens: TokenBuffer, match: PhraseMatch<GeoPayload>): boolean {
    const first = match.from;
    const prev = first - 1;
    const next = match.to;
    if (
      prev >= 0 &&
      !tokens.breakBefore(first) &&
      tokens.isTitle(prev) &&
      !PLACE_MODIFIERS.has(tokens.hash[prev])
    ) {
      // At the start of a sentence a capital says nothing, unless the word is no function word ("Michael").
      if (!tokens.sentStart(prev) || !SENTENCE_OPENERS.has(tokens.hash[prev])) return true;
    }
    if (next < tokens.count && !tokens.breakBefore(next) && tokens.isTitle(next) && tokens.isTitle(first))
      return true;
    return false;
  }

  private resolveAmbiguous(
    pending: PendingAmbiguous[],
    votes: Map<string, number>,
    mentions: CountryMention[],
  ): void {
    if (pending.length === 0) return;
    const present = new Set(mentions.map((m) => m.code));
    const ambiguous = PLACES.ambiguous;
    for (const p of pending) {
      const readings = Object.keys(ambiguous[p.index].readings);
      // The default reading breaks ties; it is kept apart from `best`, which the loop below moves.
      const fallback = this.gazetteer.ambiguousDefaults[p.index];
      let best = fallback;
      let bestScore = -1;
      for (const code of readings) {
        const score =
          (votes.get(`${p.index}|${code}`) ?? 0) +
          (present.has(code) ? 0.5 : 0) +
          (code === fallback ? 0.25 : 0);
        if (score > bestScore) {
          bestScore = score;
          best = code;
        }
      }
      mentions.push({ code: best, ...p.mention });
    }
  }

  /** "STAMFORD, Conn." → the qualifier decides; otherwise known datelines, capitals, the biggest city, names. */
  private resolveDateline(place: string, qualifier?: string): string | undefined {
    if (qualifier) {
      const q = this.qualifiers.get(qualifierKey(qualifier)) ?? this.lookupName(qualifier);
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

// Capitalized only because they open a sentence: "In Jordan", "But Chad".
const SENTENCE_OPENERS = HashSet32.ofWords([
  'in',
  'at',
  'from',
  'for',
  'to',
  'the',
  'and',
  'but',
  'on',
  'with',
  'by',
  'of',
  'as',
  'after',
  'before',
  'since',
  'while',
  'when',
  'if',
  'across',
  'inside',
  'outside',
  'near',
  'into',
  'like',
  'unlike',
  'both',
  'neither',
  'only',
  'even',
  'meanwhile',
  'then',
  'now',
  'today',
  'yesterday',
  'also',
  'unlike',
  'via',
  'toward',
  'towards',
  'against',
  'within',
  'throughout',
  'under',
  'over',
  'around',
  'beyond',
  'between',
  'among',
  'why',
  'how',
  'where',
  'what',
  'neighbouring',
  'neighboring',
  'visiting',
  'leaving',
  'entering',
  'said',
  'says',
  'a',
  'an',
  'all',
  'during',
  'nor',
  'or',
  'so',
  'yet',
  'once',
  'about',
  'unlike',
  'without',
  'per',
]);

// "Swiss franc bonds", "47 mln U.S. Dlrs", "the Paris accord": the country word names a currency or an event.
const CURRENCY_OR_EVENT = HashSet32.ofWords([
  'dollar',
  'dollars',
  'dlr',
  'dlrs',
  'franc',
  'francs',
  'yen',
  'mark',
  'marks',
  'pound',
  'pounds',
  'sterling',
  'crown',
  'crowns',
  'peso',
  'pesos',
  'lira',
  'rupee',
  'rupees',
  'ringgit',
  'yuan',
  'rand',
  'riyal',
  'riyals',
  'cents',
  'cts',
  'accord',
  'round',
  'club',
]);
// "Japan Fund Inc", "British Petroleum Co PLC", "Bombay Palace Restaurants Inc": the name of a company.
const COMPANY_SUFFIX = HashSet32.ofWords([
  'inc',
  'corp',
  'corporation',
  'co',
  'ltd',
  'plc',
  'fund',
  'holdings',
  'ag',
  'nv',
  'gmbh',
  'spa',
  'sa',
  'llc',
  'bv',
  'airlines',
  'airways',
]);
const COMPANY_LOOKAHEAD = 4;

function passingFactor(tokens: TokenBuffer, after: number): number {
  if (after >= tokens.count || tokens.breakBefore(after)) return 1;
  if (CURRENCY_OR_EVENT.has(tokens.hash[after])) return 0.25;
  for (let k = after; k < tokens.count && k < after + COMPANY_LOOKAHEAD; k++) {
    if (tokens.breakBefore(k) || !(tokens.isTitle(k) || tokens.isUpper(k))) break;
    if (COMPANY_SUFFIX.has(tokens.hash[k])) return 0.25;
  }
  return 1;
}

/** "Conn." and "Conn", "N.J." and "NJ" are one qualifier. */
function qualifierKey(text: string): string {
  return text.toLowerCase().replace(/\./g, '').trim();
}

function personCount(accepted: readonly GeoPayload[], count: number): number {
  let people = 0;
  for (let k = 0; k < count; k++) if (accepted[k].kind === 'person') people++;
  return people;
}

function hasTarget(accepted: readonly GeoPayload[], count: number, payload: GeoPayload): boolean {
  for (let k = 0; k < count; k++) if (sameTarget(accepted[k], payload)) return true;
  return false;
}

function sameTarget(a: GeoPayload, b: GeoPayload): boolean {
  if (a.kind === 'person' && b.kind === 'person') return a.person === b.person;
  if (a.kind === 'org' && b.kind === 'org') return a.org === b.org;
  if (a.kind === 'country' && b.kind === 'country') return a.codesKey === b.codesKey;
  return false;
}

function allUpper(tokens: TokenBuffer, match: PhraseMatch<GeoPayload>): boolean {
  for (let i = match.from; i < match.to; i++) if (!tokens.isUpper(i)) return false;
  return true;
}

/**
 * Distinct countries and intergovernmental bodies named per sentence (index 0: the title; sentence s of the
 * text: s + 1), datelines aside.
 */
function actorsPerSentence(
  mentions: readonly CountryMention[],
  bodies: readonly { key: number; sentence: number }[],
): number[] {
  const counts: number[] = [];
  // The actors of each sentence: the one actor while it names one (as most do), an array from the second on.
  const seen = new Map<number, string | number | (string | number)[]>();
  const add = (sentence: number, actor: string | number) => {
    const known = seen.get(sentence);
    if (known === undefined) {
      seen.set(sentence, actor);
      counts[sentence] = 1;
    } else if (Array.isArray(known)) {
      if (!known.includes(actor)) counts[sentence] = known.push(actor);
    } else if (known !== actor) {
      seen.set(sentence, [known, actor]);
      counts[sentence] = 2;
    }
  };
  for (const m of mentions) {
    if (m.position !== 'dateline') add(m.position === 'title' ? 0 : m.sentence + 1, m.code);
  }
  for (const b of bodies) add(b.sentence, b.key);
  return counts;
}

/**
 * Topic strength from which an article is about geopolitics: in a snippet its one argued topic, in a longer text
 * a lead or passage with more than the minimum (on the development labels, 3 keeps the flag as accurate as 1 with
 * a fifth fewer false flags on non-geopolitical stories).
 */
const GEOPOLITICAL_MIN = 3;
const GEOPOLITICAL_MIN_SNIPPET = 1;
const FLAG_EVIDENCE = 3;

/**
 * The article-level flag follows from the topics: an article is geopolitical when one of them is its subject.
 * The evidence is the strongest topic's first spans.
 */
function geopoliticalFlag(
  topics: readonly TopicTag[],
  strongest: number,
  snippet: boolean,
): GeopoliticalFlag {
  const value = topics.length > 0 && strongest >= (snippet ? GEOPOLITICAL_MIN_SNIPPET : GEOPOLITICAL_MIN);
  return {
    value,
    score: Math.round((1 - Math.exp(-strongest / 3)) * 1000) / 1000,
    evidence: value ? topics[0].evidence.slice(0, FLAG_EVIDENCE) : [],
  };
}

/** "Gainesville, Va.": the abbreviated states and provinces of the story (the dateline's own is read already). */
function stateQualifierMentions(input: TagInput, datelineQualifier: number | undefined): CountryMention[] {
  const found = [...findStateQualifiers('title', input.title), ...findStateQualifiers('text', input.text)];
  const mentions: CountryMention[] = [];
  for (const r of found) {
    if (r.evidence.field === 'text' && r.evidence.start === datelineQualifier) continue;
    mentions.push({
      code: r.code,
      evidence: r.evidence,
      weight: VIA_WEIGHT.city,
      position: r.evidence.field === 'title' ? 'title' : 'body',
      sentence: -1,
    });
  }
  return mentions;
}

function evidenceOf(field: 'title' | 'text', value: string, start: number, end: number): Evidence {
  return { field, start, end, text: value.slice(start, end) };
}

function parseDate(value: string | null | undefined): number | undefined {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A town of another country than its namesake ("Paris, Texas": the state is its own mention) or a building
 * named after the place ("Westminster House").
 */
function placeElsewhere(
  value: string,
  tokens: TokenBuffer,
  to: number,
  end: number,
  codes: readonly string[],
): boolean {
  const qualifier = qualifierCountryAfter(value, end);
  if (qualifier !== undefined && !codes.includes(qualifier)) return true;
  return buildingAfter(tokens, to);
}

/** The one country the text names in this sentence, if it names exactly one there. */
function soleCountryOf(mentions: readonly CountryMention[], sentence: number): string | undefined {
  let code: string | undefined;
  for (const m of mentions) {
    if (m.evidence.field !== 'text' || m.position === 'dateline' || m.sentence !== sentence) continue;
    if (code !== undefined && code !== m.code) return undefined;
    code = m.code;
  }
  return code;
}

/** Country mentions of the text by where they start and end, for the role patterns (asked only near an office). */
function countryLookup(mentions: readonly CountryMention[]): CountryAt {
  // One loop per edge: reading `evidence[edge]` by a variable key was the slowest part of each question.
  const counts = (m: CountryMention) => m.evidence.field === 'text' && m.position !== 'dateline';
  return {
    endingAt: (offset) => {
      for (const m of mentions) if (m.evidence.end === offset && counts(m)) return m.code;
      return undefined;
    },
    startingAt: (offset) => {
      for (const m of mentions)
        if (m.evidence.start === offset && counts(m)) return { code: m.code, end: m.evidence.end };
      return undefined;
    },
  };
}

/** `coveredTokens`' result, reused from article to article (read only while the article is tagged), cleared whole. */
let coveredScratch = new Uint8Array(1024);

/** 1 for each text token inside a known name or a country mention: role patterns never read those as names. */
function coveredTokens(
  tokens: TokenBuffer,
  names: readonly NameSpan[],
  mentions: readonly CountryMention[],
): Uint8Array {
  if (coveredScratch.length < tokens.count) coveredScratch = new Uint8Array(tokens.count * 2);
  const covered = coveredScratch.fill(0);
  const mark = (start: number, end: number) => {
    for (let i = firstTokenAtOrAfter(tokens, start); i < tokens.count && tokens.start[i] < end; i++)
      covered[i] = 1;
  };
  for (const n of names) if (n.field === 'text') mark(n.start, n.end);
  for (const m of mentions) if (m.evidence.field === 'text') mark(m.evidence.start, m.evidence.end);
  return covered;
}

function firstTokenAtOrAfter(tokens: TokenBuffer, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.end[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Later mentions of a recognized person by surname alone ("Sybiha said"). */
function laterMentions(value: string, tokens: TokenBuffer, person: PatternPerson): Evidence[] {
  const out: Evidence[] = [];
  if (person.to - person.from < 2) return out;
  const surname = tokens.hash[person.to - 1];
  for (let i = person.to; i < tokens.count; i++) {
    if (tokens.hash[i] !== surname || !tokens.isTitle(i)) continue;
    // "Sybiha" alone, not the start of another full name ("Sybiha Holdings").
    out.push(evidenceOf('text', value, tokens.start[i], tokens.end[i]));
  }
  return out;
}
