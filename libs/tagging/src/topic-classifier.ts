import type { Evidence, TopicTag } from '@news/contracts';
import { MatchList, PhraseTrie } from './phrase-trie';
import { phraseKeys, type TokenBuffer } from './tokenizer';
import { HashSet32 } from './hash-set';
import { TOPICS, type TopicDefinition } from './gazetteer-data';

/**
 * Topics from weighted cue phrases (topics.json). Cues are matched with the same token trie as the
 * gazetteer; a cue under a negation or a denial in its own sentence ("denied any involvement in the attack")
 * is dropped rather than counted, and phrases that only look like cues ("price war") hide them.
 */

interface CuePayload {
  topic: number;
  weight: number;
  /** Number of the cue, so a repeated cue counts less than a new one. */
  cue: number;
}

export interface FieldTokens {
  field: 'title' | 'text';
  value: string;
  tokens: TokenBuffer;
}

const NEGATION_WINDOW = 6;
const TITLE_FACTOR = 1.5;
const MAX_EVIDENCE = 10;

export class TopicClassifier {
  private readonly trie = new PhraseTrie<CuePayload | null>();
  private readonly negators: HashSet32;
  private readonly topics: TopicDefinition[];
  private readonly index = new Map<string, number>();
  private readonly minScore: number;
  private readonly weight: Float64Array;
  /** 1 for each cue already counted in the current article (cleared per call, like `weight`). */
  private readonly seen: Uint8Array;
  private readonly matches = new MatchList<CuePayload | null>();

  constructor() {
    this.topics = TOPICS.topics;
    this.minScore = TOPICS.minScore;
    this.negators = HashSet32.ofWords(TOPICS.negators);
    this.weight = new Float64Array(this.topics.length);
    let cues = 0;
    this.topics.forEach((topic, i) => {
      this.index.set(topic.id, i);
      for (const cue of topic.cues)
        this.trie.add(phraseKeys(cue.phrase), { topic: i, weight: cue.weight, cue: cues++ });
    });
    this.seen = new Uint8Array(cues);
    for (const phrase of TOPICS.neutral) this.trie.add(phraseKeys(phrase), null);
  }

  /** hints: extra weight per topic id, from organizations mentioned (an armed group, the IAEA). */
  classify(fields: readonly FieldTokens[], hints: ReadonlyMap<string, number>): TopicTag[] {
    // One buffer per classifier, cleared per call: a fresh typed array per article costs more than the fill.
    const weight = this.weight.fill(0);
    const seen = this.seen.fill(0);
    const evidence: Evidence[][] = this.topics.map(() => []);
    for (const { field, value, tokens } of fields) {
      const matches = this.matches;
      this.trie.matchInto(value, tokens, matches);
      for (let m = 0; m < matches.count; m++) {
        const match = matches.items[m];
        if (this.negated(tokens, match.from)) continue;
        const start = tokens.start[match.from];
        const end = tokens.end[match.to - 1];
        for (const payload of match.payloads) {
          if (!payload) continue;
          const repeat = seen[payload.cue] === 1;
          seen[payload.cue] = 1;
          weight[payload.topic] +=
            payload.weight * (field === 'title' ? TITLE_FACTOR : 1) * (repeat ? 0.5 : 1);
          const list = evidence[payload.topic];
          if (list.length < MAX_EVIDENCE) list.push({ field, start, end, text: value.slice(start, end) });
        }
      }
    }
    for (const [id, w] of hints) {
      const i = this.index.get(id);
      if (i !== undefined) weight[i] += w;
    }
    const out: TopicTag[] = [];
    this.topics.forEach((topic, i) => {
      const score = 1 - Math.exp(-weight[i] / 2);
      if (score < this.minScore || evidence[i].length === 0) return;
      const tag: TopicTag = {
        id: topic.id,
        label: topic.label,
        score: Math.round(score * 1000) / 1000,
        evidence: evidence[i],
      };
      if (topic.iptc) tag.iptc = topic.iptc;
      out.push(tag);
    });
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /** A negator or denial earlier in the same sentence, a few words back. */
  private negated(tokens: TokenBuffer, at: number): boolean {
    const sentence = tokens.sentence[at];
    for (let k = at - 1; k >= 0 && k >= at - NEGATION_WINDOW; k--) {
      if (tokens.sentence[k] !== sentence) return false;
      if (this.negators.has(tokens.hash[k])) return true;
    }
    return false;
  }
}
