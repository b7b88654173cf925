import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeoTagger, type TagInput, type TagResult } from '@news/tagging';

let tagger: GeoTagger;
beforeAll(() => {
  tagger = GeoTagger.load();
}, 60_000);

const codes = (r: TagResult) => r.countries.map((c) => c.code);
const primary = (r: TagResult) => r.countries.filter((c) => c.primary).map((c) => c.code);
const tag = (text: string, extra: Partial<TagInput> = {}) =>
  tagger.tag({ title: '', text, language: 'en', ...extra });

/** The body the normalizer keeps from the seed article: no widget label, no "Latest Stories" rail. */
function seedBody(): string {
  const raw = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'samples', 'seed-article.json'), 'utf8'),
  ) as { text: string };
  const from = raw.text.indexOf('Ukrainian forces have captured');
  const end = raw.text.indexOf('mostly in the east.') + 'mostly in the east.'.length;
  return raw.text
    .slice(from, end)
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

describe('seed article', () => {
  let result: TagResult;
  beforeAll(() => {
    result = tagger.tag({ title: '', text: seedBody(), language: 'en', publishedAt: '2025-04-08T12:00:00Z' });
  });

  it('marks Ukraine, Russia and China as primary, North Korea present, the US and France at most secondary', () => {
    expect(primary(result)).toEqual(expect.arrayContaining(['UA', 'RU', 'CN']));
    expect(codes(result)).toContain('KP');
    for (const code of ['US', 'FR'])
      expect(result.countries.find((c) => c.code === code)?.primary ?? false).toBe(false);
    expect(codes(result)).not.toContain('GH');
    expect(codes(result)).not.toContain('NG');
  });

  it('sorts countries by salience, within [0, 1]', () => {
    const saliences = result.countries.map((c) => c.salience);
    expect([...saliences].sort((a, b) => b - a)).toEqual(saliences);
    for (const s of saliences) expect(s >= 0 && s <= 1).toBe(true);
    expect(result.countries[0].code).toBe('UA');
  });

  it('finds Zelensky and Sybiha (Ukraine) and Putin (Russia) with their roles', () => {
    const people = result.entities.filter((e) => e.type === 'person');
    expect(people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Volodymyr Zelensky', country: 'UA', role: 'President' }),
        expect.objectContaining({ name: 'Andrii Sybiha', country: 'UA', role: 'Foreign Minister' }),
        expect.objectContaining({ name: 'Vladimir Putin', country: 'RU', role: 'President' }),
      ]),
    );
  });

  it('gives armed conflict and diplomacy, and none of the topics the story is not about', () => {
    const ids = result.topics.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['armed-conflict', 'diplomacy']));
    for (const id of ['terrorism', 'elections', 'protest-unrest', 'coup', 'nuclear-weapons'])
      expect(ids).not.toContain(id);
    for (const t of result.topics) expect(t.score >= 0 && t.score <= 1).toBe(true);
    expect(result.topics.find((t) => t.id === 'armed-conflict')?.iptc).toBe('medtop:16000000');
  });
});

describe('every evidence span is exact', () => {
  const samples: TagInput[] = [
    {
      title: 'U.S. and China trade barbs',
      text: 'WASHINGTON, March 3 - The U.S. said China’s tariffs hurt. Xi Jinping replied.',
    },
    {
      title: 'Ukraine’s army',
      text: 'KYIV (Reuters) - Zelensky met NATO chief Mark Rutte. Rutte said the Kremlin would fail.',
    },
    { title: '', text: 'Россия и Украина. Президент России Владимир Путин.', language: 'ru' },
    { title: '俄罗斯', text: '乌克兰总统泽连斯基说，中国和俄罗斯。', language: 'zh' },
    { title: '', text: 'قالت روسيا إن الصين وبالصين', language: 'ar' },
    {
      title: 'Côte d’Ivoire',
      text: "L'Ukraine et la Russie, selon l'Élysée. Le Caire et l'Égypte.",
      language: 'fr',
    },
    { title: '', text: 'Die Ukraine und Russlands Präsident; Deutschland.', language: 'de' },
    { title: '', text: '🙂 Emoji then Gaza\u200b and Kashmir\r\nLine.  Double  spaces—and the White House.' },
  ];
  it.each(samples.map((s, i) => [i, s] as const))('sample %i', (_i, input) => {
    const r = tagger.tag(input);
    const spans = [
      ...r.countries.flatMap((c) => c.evidence),
      ...r.entities.flatMap((e) => e.evidence),
      ...r.topics.flatMap((t) => t.evidence),
    ];
    expect(spans.length).toBeGreaterThan(0);
    for (const e of spans) {
      expect(input[e.field].slice(e.start, e.end)).toBe(e.text);
      expect(e.end).toBeGreaterThan(e.start);
    }
  });

  it('holds for random texts assembled from gazetteer words and noise', () => {
    const words = [
      'Ukraine',
      "China's",
      'U.S.',
      'us',
      'Georgia',
      'the Kremlin',
      'Putin',
      'Zelensky',
      'war',
      'denied',
      'Gaza',
      '中国',
      'Россия',
      ',',
      '.',
      '\n\n',
      '—',
      'é',
      'NATO',
      'attack',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 200; n++) {
      const parts: string[] = [];
      for (let k = next() % 40; k > 0; k--) parts.push(words[next() % words.length]);
      const text = parts.join(next() % 2 ? ' ' : '  ');
      const r = tagger.tag({ title: parts.slice(0, 3).join(' '), text });
      for (const e of [
        ...r.countries.flatMap((c) => c.evidence),
        ...r.entities.flatMap((x) => x.evidence),
        ...r.topics.flatMap((t) => t.evidence),
      ]) {
        const field = e.field === 'title' ? parts.slice(0, 3).join(' ') : text;
        expect(field.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });
});

describe('country names and their traps', () => {
  it('reads U.S. and US but not the pronoun us', () => {
    expect(codes(tag('Officials in the U.S. said so.'))).toContain('US');
    expect(codes(tag('The US said so.'))).toContain('US');
    expect(codes(tag('Tell us what happened, he said.'))).not.toContain('US');
  });

  it('reads Britain, DPRK, demonyms and possessives', () => {
    expect(codes(tag('Britain said the DPRK fired a missile.'))).toEqual(
      expect.arrayContaining(['GB', 'KP']),
    );
    expect(codes(tag('Ukrainian and Chinese officials met.'))).toEqual(expect.arrayContaining(['UA', 'CN']));
    expect(codes(tag("China's economy slowed."))).toEqual(['CN']);
  });

  it('does not take common nouns for countries', () => {
    expect(codes(tag('We ate turkey and drank from fine china.'))).toEqual([]);
    expect(codes(tag('Michael Jordan and Chad Smith played.'))).toEqual([]);
    expect(codes(tag('The family roasted a Thanksgiving Turkey.'))).toEqual([]);
  });

  it('tells Georgia the US state from Georgia the country by context', () => {
    expect(codes(tag('Voters in Atlanta, Georgia, lined up as Georgia Republicans watched.'))).toEqual([
      'US',
    ]);
    expect(codes(tag('Protesters filled Tbilisi as Georgia turned away from the EU.'))).toContain('GE');
    const governor = tag("Georgia's governor signed the bill in Atlanta.");
    expect(codes(governor)).toEqual(['US']);
    expect(governor.countries[0].evidence.map((e) => e.text)).toContain("Georgia's governor");
  });

  it('takes Washington for the United States, not for a person named Washington', () => {
    expect(codes(tag('Washington imposed new sanctions on Tehran.'))).toEqual(
      expect.arrayContaining(['US', 'IR']),
    );
    expect(codes(tag('The film starred Denzel Washington.'))).not.toContain('US');
  });

  it('maps seats of power, regions and disputed territories', () => {
    expect(codes(tag('The Kremlin said so.'))).toEqual(['RU']);
    expect(codes(tag('Downing Street declined to comment.'))).toEqual(['GB']);
    expect(codes(tag('Shelling hit Donetsk and Crimea.'))).toEqual(['UA']);
    expect(codes(tag('Fighting in Gaza continued.'))).toEqual(['PS']);
    expect(codes(tag('Tensions over Kashmir rose.'))).toEqual(expect.arrayContaining(['IN', 'PK']));
    expect(codes(tag('Taiwan held drills.'))).toEqual(['TW']);
  });

  it('uses wire datelines', () => {
    const ny = tag('NEW YORK, March 3 - Shares rose on Tuesday.');
    expect(primary(ny)).toEqual(['US']);
    expect(ny.countries[0].evidence[0].text).toBe('NEW YORK');
    expect(primary(tag('MOSCOW (Reuters) - Officials met on Tuesday.'))).toEqual(['RU']);
    expect(primary(tag('STAMFORD, Conn., March 3 - The company said profits rose.'))).toEqual(['US']);
  });

  const inLanguage: Array<[language: string, text: string, countries: string[]]> = [
    ['fr', "L'Allemagne et la Chine ont signé.", ['DE', 'CN']],
    ['es', 'Alemania y Rusia firmaron.', ['DE', 'RU']],
    ['de', 'Deutschland und Russlands Regierung.', ['DE', 'RU']],
    ['ru', 'Президент России встретился с лидером Китая.', ['RU', 'CN']],
    ['uk', 'Україна та Росія.', ['UA', 'RU']],
    // Inflected forms: genitive, instrumental, locative.
    ['uk', 'Президент Росії говорив з Україною та Китаєм.', ['RU', 'UA', 'CN']],
    ['de', 'Island und Deutschland.', ['IS', 'DE']],
    ['ar', 'قالت روسيا إن الصين ستساعد.', ['RU', 'CN']],
    ['zh', '乌克兰总统说，中国和俄罗斯的关系。', ['UA', 'CN', 'RU']],
  ];
  it.each(inLanguage)(
    'recognizes country names in the article language (%s: %s)',
    (language, text, countries) => {
      expect(codes(tag(text, { language }))).toEqual(expect.arrayContaining(countries));
    },
  );

  it('recognizes leaders in the article language, and names only in the language they belong to', () => {
    expect(tag('Путін і Зеленський.', { language: 'uk' }).entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Vladimir Putin', 'Volodymyr Zelensky']),
    );
    // German "Island" is Iceland; in English it is a word.
    expect(codes(tag('The Island was quiet.', { language: 'en' }))).toEqual([]);
  });
});

describe('people and organizations', () => {
  it('matches a surname alone only after the full name, unless news uses the surname alone', () => {
    const after = tag('Foreign Minister Andrii Sybiha spoke. Later Sybiha added more.');
    expect(after.entities.find((e) => e.name === 'Andrii Sybiha')?.evidence.map((e) => e.text)).toEqual([
      'Andrii Sybiha',
      'Sybiha',
    ]);
    expect(tag('Sybiha spoke.').entities.find((e) => e.name === 'Andrii Sybiha')).toBeUndefined();
    expect(tag('Putin spoke.').entities.find((e) => e.name === 'Vladimir Putin')).toBeDefined();
  });

  it("gives a story that names no country its office-holder's country", () => {
    const tags = tagger.tag({
      title: 'Brown calls for party unity',
      text: 'Chancellor Gordon Brown has sought to quell speculation over who should run the Labour Party.',
      language: 'en',
    });
    expect(tags.countries.map((c) => [c.code, c.primary])).toEqual([['GB', true]]);
  });

  it('gives the role held at the article date', () => {
    const old = tag('Joe Biden spoke.', { publishedAt: '2023-05-01T00:00:00Z' });
    expect(old.entities.find((e) => e.name === 'Joe Biden')?.role).toBe('President');
    const later = tag('Joe Biden spoke.', { publishedAt: '2025-06-01T00:00:00Z' });
    expect(later.entities.find((e) => e.name === 'Joe Biden')?.role).toBeUndefined();
  });

  it('finds international organizations and armed groups', () => {
    const r = tag(
      'The UN Security Council met as NATO and the IAEA warned; Hamas and Hezbollah fired rockets.',
    );
    const names = r.entities.filter((e) => e.type === 'organization').map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'UN Security Council',
        'NATO',
        'International Atomic Energy Agency',
        'Hamas',
        'Hezbollah',
      ]),
    );
  });
});

describe('topics', () => {
  it('does not turn a denial into terrorism', () => {
    const r = tag('The group denied any involvement in the attack.');
    expect(r.topics.map((t) => t.id)).not.toContain('terrorism');
  });

  it('finds terrorism, elections and sanctions when stated', () => {
    expect(
      tag('A suicide bomber killed 12 people; the terrorist group claimed responsibility.').topics.map(
        (t) => t.id,
      ),
    ).toContain('terrorism');
    expect(tag('Voters went to the polls in the presidential election.').topics.map((t) => t.id)).toContain(
      'elections',
    );
    expect(tag('The EU imposed new sanctions on Iran.').topics.map((t) => t.id)).toContain('sanctions');
  });

  it('leaves metaphors alone', () => {
    const ids = tag(
      'The price war between airlines hurt profits; the coach suffered a heart attack.',
    ).topics.map((t) => t.id);
    expect(ids).not.toContain('armed-conflict');
    expect(ids).not.toContain('terrorism');
  });
});

describe('reuse', () => {
  it('tags an article the same whatever was tagged before (token and match buffers are reused)', () => {
    const long: TagInput = {
      title: 'Ukraine and Russia',
      text: seedBody(),
      language: 'en',
      publishedAt: '2025-04-08T12:00:00Z',
    };
    const short: TagInput = {
      title: 'U.S. talks',
      text: 'MOSCOW, March 3 - Putin met Zelensky in Kyiv.',
      language: 'en',
    };
    const other: TagInput = {
      title: 'Россия',
      text: 'Президент России прибыл в Москву. Côte d’Ivoire.',
      language: 'ru',
    };
    const first = [long, short, other].map((input) => JSON.stringify(tagger.tag(input)));
    const again = [other, short, long, short].map((input) => JSON.stringify(tagger.tag(input)));
    expect(again).toEqual([first[2], first[1], first[0], first[1]]);
  });
});
