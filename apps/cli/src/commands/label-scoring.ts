/**
 * Scores tagger output against articles labelled by careful reading (the news-labels scheme: primary and
 * mentioned countries, topic ids, up to five political people with their country, a geopolitical flag).
 * Pure: the `eval labels` command feeds it, and its spec pins the arithmetic.
 */

export interface LabelledPerson {
  name: string;
  country: string;
}

export interface ArticleLabels {
  primary: string[];
  mentioned: string[];
  topics: string[];
  people: LabelledPerson[];
  geopolitical: boolean;
}

export interface ArticlePrediction {
  primary: string[];
  all: string[];
  topics: string[];
  people: LabelledPerson[];
  geopolitical?: boolean;
}

export interface SetCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface LabelScores {
  articles: number;
  primary: SetCounts;
  all: SetCounts;
  topics: SetCounts;
  perTopic: Map<string, SetCounts>;
  people: { labelled: number; found: number; emittedBeyondLabels: number; emitted: number };
  geopolitical: { tp: number; fp: number; fn: number; tn: number; unflagged: number };
}

export function emptyScores(): LabelScores {
  return {
    articles: 0,
    primary: counts(),
    all: counts(),
    topics: counts(),
    perTopic: new Map(),
    people: { labelled: 0, found: 0, emittedBeyondLabels: 0, emitted: 0 },
    geopolitical: { tp: 0, fp: 0, fn: 0, tn: 0, unflagged: 0 },
  };
}

function counts(): SetCounts {
  return { tp: 0, fp: 0, fn: 0 };
}

/** Adds one article to the running scores; returns what was wrong, for error listings. */
export function scoreArticle(
  scores: LabelScores,
  labels: ArticleLabels,
  predicted: ArticlePrediction,
): ArticleErrors {
  scores.articles++;
  const errors: ArticleErrors = {
    primary: compareSets(scores.primary, labels.primary, predicted.primary),
    all: compareSets(scores.all, [...labels.primary, ...labels.mentioned], predicted.all),
    topics: compareSets(scores.topics, labels.topics, predicted.topics),
    missedPeople: [],
    geopolitical: undefined,
  };
  for (const id of new Set([...labels.topics, ...predicted.topics])) {
    let c = scores.perTopic.get(id);
    if (!c) scores.perTopic.set(id, (c = counts()));
    compareSets(c, labels.topics.includes(id) ? [id] : [], predicted.topics.includes(id) ? [id] : []);
  }
  scorePeople(scores, labels.people, predicted.people, errors);
  const flag = scores.geopolitical;
  if (predicted.geopolitical === undefined) flag.unflagged++;
  else if (predicted.geopolitical && labels.geopolitical) flag.tp++;
  else if (predicted.geopolitical) {
    flag.fp++;
    errors.geopolitical = 'false positive';
  } else if (labels.geopolitical) {
    flag.fn++;
    errors.geopolitical = 'missed';
  } else flag.tn++;
  return errors;
}

export interface SetDiff {
  missed: string[];
  extra: string[];
}

export interface ArticleErrors {
  primary: SetDiff;
  all: SetDiff;
  topics: SetDiff;
  missedPeople: LabelledPerson[];
  geopolitical: 'false positive' | 'missed' | undefined;
}

function compareSets(c: SetCounts, expected: readonly string[], got: readonly string[]): SetDiff {
  const want = new Set(expected);
  const have = new Set(got);
  const diff: SetDiff = { missed: [], extra: [] };
  for (const x of have) {
    if (want.has(x)) c.tp++;
    else {
      c.fp++;
      diff.extra.push(x);
    }
  }
  for (const x of want) {
    if (!have.has(x)) {
      c.fn++;
      diff.missed.push(x);
    }
  }
  return diff;
}

/**
 * The data set's rule: a labelled person is found when an output person's name contains the label's surname
 * (case-insensitive) and carries the labelled country.
 */
function scorePeople(
  scores: LabelScores,
  labelled: readonly LabelledPerson[],
  emitted: readonly LabelledPerson[],
  errors: ArticleErrors,
): void {
  const matched = new Set<number>();
  for (const person of labelled) {
    scores.people.labelled++;
    const surname = surnameOf(person.name);
    const hit = emitted.findIndex((p) => p.country === person.country && fold(p.name).includes(surname));
    if (hit >= 0) {
      scores.people.found++;
      matched.add(hit);
    } else errors.missedPeople.push(person);
  }
  scores.people.emitted += emitted.length;
  emitted.forEach((p, i) => {
    if (matched.has(i)) return;
    const named = labelled.some((l) => fold(p.name).includes(surnameOf(l.name)));
    if (!named) scores.people.emittedBeyondLabels++;
  });
}

function surnameOf(name: string): string {
  const words = fold(name).split(/\s+/).filter(Boolean);
  return words[words.length - 1] ?? '';
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function f1(c: SetCounts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1: f };
}
