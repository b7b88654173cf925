import { PhraseTrie } from './phrase-trie';
import { phraseKeys } from './tokenizer';
import { TOPICS, type CueTiers, type TopicsFile } from './gazetteer-data';

/** What one trie hit means: a cue of a topic, a word of a context (sports, crime…), or a look-alike (null). */
export type VocabularyPayload = TopicCuePayload | ContextPayload | null;

export interface TopicCuePayload {
  kind: 'cue';
  topic: number;
  weight: number;
  /** Counts only in a passage where the topic also has an anchor. */
  generic: boolean;
  /** Topics (bit per index) whose anchor in the same sentence takes this cue from its own topic. */
  absorbedBy: number;
  lowerOnly: boolean;
  /** The cue is a name itself (Hamas, the IAEA): capitalized mid-sentence it still counts. */
  proper: boolean;
  /** A generic cue of a topic about relations between states: it counts where two countries are named. */
  interstate: boolean;
  /** A usual (not topic-naming) cue of a topic about relations between states: generic where no state is named. */
  actorBound: boolean;
  /** A cue of a topic that needs two states or international bodies in the story: generic where it names fewer. */
  international: boolean;
  /**
   * Engagement (topics.json): a generic word of the engagement topic for a state's forces ("army"), or a word
   * for an armed group ("militants", of any topic). Together in a sentence they are fighting.
   */
  force: boolean;
  opponent: boolean;
  /** Number of the cue phrase, so that a repeated cue counts less than a new one. */
  cue: number;
}

export interface ContextPayload {
  kind: 'context';
  /** Bit of the context (sports, crime…) in a sentence's context mask. */
  bit: number;
  /** Only its lower-case form is the context word ('the league'; 'the Arab League' is a name). */
  lowerOnly: boolean;
}

/** The compiled topic vocabulary: one trie over cues, contexts and look-alikes, and the veto masks per topic. */
export interface TopicVocabulary {
  trie: PhraseTrie<VocabularyPayload>;
  /** Per topic: context bits that silence all its cues in a sentence. */
  vetoAll: Uint32Array;
  /** Per topic: context bits that silence its generic and weaker cues. */
  vetoWeak: Uint32Array;
  /** Context bits that, found anywhere in a snippet, hold for all of it (a two-line story about a ball game). */
  snippetWide: number;
  /** Context bits of a snippet's lead that also hold for its headline (airlines' "war" on a route). */
  headlineWide: number;
  cueCount: number;
}

/** Weight from which a cue names its topic on its own; a "weak" veto spares cues of this weight. */
export const STRONG_CUE = 2;

export function compileVocabulary(file: TopicsFile = TOPICS): TopicVocabulary {
  const trie = new PhraseTrie<VocabularyPayload>();
  const topicIndex = new Map(file.topics.map((t, i) => [t.id, i]));
  if (file.topics.length > 32) throw new Error('topics.json: at most 32 topics fit the precedence masks');
  const lowerOnly = new Set(file.lowerOnly);
  const proper = new Set(file.properNames);
  const absorbed = absorptionMasks(file, topicIndex);
  const { forces, opponents } = file.engagement;
  const engaged = topicIndex.get(file.engagement.topic);
  if (engaged === undefined)
    throw new Error(`topics.json: engagement names an unknown topic ${file.engagement.topic}`);
  let cue = 0;
  const added = new Set<string>();
  file.topics.forEach((topic, index) => {
    const add = (tiers: CueTiers, generic: boolean) => {
      for (const [tier, phrases] of Object.entries(tiers)) {
        const weight = Number(tier);
        for (const phrase of phrases) {
          const payload: TopicCuePayload = {
            kind: 'cue',
            topic: index,
            weight,
            generic,
            absorbedBy: (absorbed.get(`${index}|${phrase}`) ?? 0) | (absorbed.get(`${index}|*`) ?? 0),
            lowerOnly: lowerOnly.has(phrase.replace(/\*$/, '')),
            proper: proper.has(phrase),
            interstate: generic && topic.interstate === true,
            actorBound: !generic && weight < STRONG_CUE && topic.interstate === true,
            international: topic.international === true,
            force: generic && index === engaged && startsWithAny(phrase, forces),
            opponent: startsWithAny(phrase, opponents),
            cue: cue++,
          };
          for (const form of inflections(phrase)) {
            // A form listed twice for one topic (alliance and alliance*) is one cue, not two.
            const key = `${index}|${form}`;
            if (added.has(key)) continue;
            added.add(key);
            trie.add(phraseKeys(form), payload);
          }
        }
      }
    };
    add(topic.cues, false);
    add(topic.generic, true);
  });
  const contextBits = new Map<string, number>();
  Object.entries(file.contexts).forEach(([name, words], i) => {
    contextBits.set(name, 1 << i);
    for (const word of words) {
      const payload: ContextPayload = {
        kind: 'context',
        bit: 1 << i,
        lowerOnly: lowerOnly.has(word.replace(/\*$/, '')),
      };
      for (const form of inflections(word)) trie.add(phraseKeys(form), payload);
    }
  });
  for (const phrase of file.neutral) trie.add(phraseKeys(phrase), null);
  const vetoAll = new Uint32Array(file.topics.length);
  const vetoWeak = new Uint32Array(file.topics.length);
  file.topics.forEach((topic, i) => {
    for (const [context, strength] of Object.entries(topic.vetoedBy)) {
      const bit = contextBits.get(context);
      if (bit === undefined)
        throw new Error(`topics.json: ${topic.id} is vetoed by unknown context ${context}`);
      if (strength === 'all') vetoAll[i] |= bit;
      else if (strength === 'weak') vetoWeak[i] |= bit;
      else
        throw new Error(
          `topics.json: ${topic.id}: veto strength must be all or weak, not ${String(strength)}`,
        );
    }
  });
  const snippetWide = contextMask(file, contextBits, 'snippetContexts');
  const headlineWide = contextMask(file, contextBits, 'headlineContexts');
  return { trie, vetoAll, vetoWeak, snippetWide, headlineWide, cueCount: cue };
}

/** The bits of the contexts that topics.json lists under `key`. */
function contextMask(
  file: TopicsFile,
  contextBits: ReadonlyMap<string, number>,
  key: 'snippetContexts' | 'headlineContexts',
): number {
  let bits = 0;
  for (const name of file[key] ?? []) {
    const bit = contextBits.get(name);
    if (bit === undefined) throw new Error(`topics.json: ${key} names unknown context ${name}`);
    bits |= bit;
  }
  return bits;
}

/**
 * `${topic}|${phrase}` → bits of the topics that absorb that cue (precedence rules of topics.json); a rule whose
 * cues are ["*"] takes every cue of its topic (`${topic}|*`).
 */
function absorptionMasks(file: TopicsFile, topicIndex: Map<string, number>): Map<string, number> {
  const masks = new Map<string, number>();
  for (const rule of file.absorbs) {
    const by = topicIndex.get(rule.by);
    const topic = topicIndex.get(rule.topic);
    if (by === undefined || topic === undefined)
      throw new Error(`topics.json: precedence names an unknown topic (${rule.by} over ${rule.topic})`);
    for (const phrase of rule.cues) {
      const key = `${topic}|${phrase}`;
      masks.set(key, (masks.get(key) ?? 0) | (1 << by));
    }
  }
  return masks;
}

/**
 * The forms a cue stands for. "protest*" → protest, protests, protested, protesting; "negotiate*" →
 * negotiates, negotiated, negotiating; "ally*" → allies, allied; "ban*" → bans, banned, banning. Forms that
 * are no English word never occur in text, so generating a few too many costs nothing at match time.
 */
export function inflections(phrase: string): string[] {
  if (!phrase.endsWith('*')) return [phrase];
  const stem = phrase.slice(0, -1);
  const space = stem.lastIndexOf(' ');
  const head = stem.slice(0, space + 1);
  const word = stem.slice(space + 1);
  const forms = new Set<string>([word, `${word}s`, `${word}es`, `${word}ed`, `${word}ing`]);
  if (word.endsWith('e')) {
    const base = word.slice(0, -1);
    forms.add(`${word}d`).add(`${base}ing`);
  }
  if (/[^aeiou]y$/.test(word)) {
    const base = word.slice(0, -1);
    forms.add(`${base}ies`).add(`${base}ied`);
  }
  // A Latinate stem cut before its final e (retaliat*, persecut*, extradit*) also names the verb itself and
  // its noun: retaliate, retaliation; criticis* names criticise; recogni* names recognise and recognize.
  if (word.length >= 6 && /(at|ut|it)$/.test(word))
    forms.add(`${word}e`).add(`${word}ion`).add(`${word}ions`);
  if (/i[sz]$/.test(word)) forms.add(`${word}e`);
  if (word.length >= 6 && /[^aeiou]i$/.test(word)) {
    for (const z of ['s', 'z'])
      forms.add(`${word}${z}e`).add(`${word}${z}ed`).add(`${word}${z}es`).add(`${word}${z}ing`);
  }
  // One short vowel before a final consonant doubles it: ban → banned, riot stays riot(ed).
  if (/^[^aeiou]*[aeiou][bdgklmnprt]$/.test(word)) {
    const last = word[word.length - 1];
    forms.add(`${word}${last}ed`).add(`${word}${last}ing`);
  }
  return [...forms].map((form) => head + form);
}

function startsWithAny(phrase: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => phrase.startsWith(prefix));
}
