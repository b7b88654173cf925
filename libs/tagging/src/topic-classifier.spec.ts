import { GeoTagger } from './geo-tagger';
import { TOPICS } from './gazetteer-data';
import { compileVocabulary, inflections } from './topic-vocabulary';

const tagger = GeoTagger.load();
const topicsOf = (title: string, text: string) =>
  tagger.tag({ title, text, language: 'en' }).topics.map((t) => t.id);
/** The story gets `topic`, and not `instead` (the topic its words could be mistaken for). */
function expectTopic(title: string, text: string, topic: string, instead: string): void {
  const ids = topicsOf(title, text);
  expect(ids).toContain(topic);
  expect(ids).not.toContain(instead);
}

const FILLER =
  'The council met on Tuesday to discuss the budget for the coming year. Residents asked about parking, ' +
  'school places and the new library. The mayor said the plans would be published in the spring. ';

describe('topics scored where they are argued', () => {
  it('does not tag a long story for a passing phrase', () => {
    const text = `${FILLER.repeat(6)}One speaker compared the debate to a war. ${FILLER.repeat(6)}`;
    expect(topicsOf('Council sets its budget', text)).toEqual([]);
  });

  it('tags a two-line snippet by its subject', () => {
    expect(
      topicsOf(
        'Rebels shell city',
        'Rebel artillery shelled the city overnight, killing four civilians, officials said.',
      ),
    ).toContain('armed-conflict');
  });

  it('counts generic words only next to an anchor of their topic', () => {
    const text = `${FILLER}Police said two men were killed in an attack outside a bar. The suspect was arrested. ${FILLER}`;
    expect(topicsOf('Two killed outside bar', text)).not.toContain('armed-conflict');
  });

  it('reads a sports body sanctions, an award vote and a confidence vote in their own sense', () => {
    expect(
      topicsOf(
        'League sanctions club',
        'The league imposed sanctions on the club after fans rioted at the match.',
      ),
    ).not.toContain('sanctions');
    expect(
      topicsOf(
        'Fans vote for MVP',
        'Voters chose the league MVP in a ballot of fans; the award goes to the striker.',
      ),
    ).not.toContain('elections');
    expect(
      topicsOf('Government survives', 'The government survived a confidence vote in parliament on Tuesday.'),
    ).not.toContain('elections');
  });

  it('reads a capitalized league as a name, not as sport', () => {
    expect(
      topicsOf('Envoys meet', 'The Awami League sent envoys to peace talks between Sudan and Chad.'),
    ).toContain('diplomacy');
  });

  it('gives a cue inside an organisation name or a job title nothing', () => {
    const text =
      'The Syrian Observatory for Human Rights said the market reopened on Monday. ' +
      'Foreign Minister Ana Lopez attended a football match.';
    const ids = topicsOf('Market reopens', text);
    expect(ids).not.toContain('human-rights');
    expect(ids).not.toContain('diplomacy');
  });

  it('reads a name spelled with a connector as a name', () => {
    const text = 'The Freedom of Expression Foundation said the park would reopen on Monday.';
    expect(topicsOf('Park reopens', text)).toEqual([]);
    expect(topicsOf('Park reopens', 'Freedom of expression is at stake, the foundation said.')).toContain(
      'human-rights',
    );
  });

  it('takes a title-case headline cue for a name when the text writes it only as one', () => {
    const text =
      'A large explosion was set off outside the Australian Embassy in Jakarta, killing eight people. ' +
      'Police said the blast was a suicide attack using a car bomb.';
    const ids = topicsOf('Blast Hits Australian Embassy In Jakarta', text);
    expect(ids).toContain('terrorism');
    expect(ids).not.toContain('diplomacy');
  });

  it('reads naval warfare as armed conflict', () => {
    const text =
      `${FILLER}Iran has deployed anti-ship missiles near the Strait of Hormuz, U.S. officials said. ` +
      `The navy sent minesweepers after attacks on shipping in the Gulf by both sides. ${FILLER}`;
    expect(topicsOf('Missiles threaten Gulf', text)).toContain('armed-conflict');
  });

  it('reads a snippet about a ball game as sport throughout', () => {
    expect(
      topicsOf(
        'Cubs fall a run short in ninth inning',
        'A late rally by the visitors was not enough on Sunday.',
      ),
    ).toEqual([]);
    expect(
      topicsOf(
        'Rebels in Battered Town Declare Victory',
        'Rebel soldiers declared victory after clashes with the army.',
      ),
    ).toContain('armed-conflict');
  });

  it('files rebels who bomb civilians under terrorism alone', () => {
    const ids = topicsOf(
      'Bomb wounds 38 in capital',
      'A bomb tore through a government building, wounding 38 people in an attack police suspect was carried out by rebels.',
    );
    expect(ids).toContain('terrorism');
    expect(ids).not.toContain('armed-conflict');
  });

  it('needs an anchor of the topic in a longer text: generic words between two states do not make it', () => {
    const text =
      `${FILLER}The European Investment Bank said it was investing in Finland, supporting research in Germany and France. ` +
      `Supporting the plan, the bank said it would keep investing in Sweden and Norway. ${FILLER}`;
    expect(topicsOf('Bank backs research', text)).not.toContain('diplomacy');
  });

  it('reads a call on two states to exercise restraint as diplomacy', () => {
    const text =
      `${FILLER}Chile urged Peru and Bolivia to exercise restraint after troops gathered at the border. ` +
      `Santiago was working with both to ease the tension, a government spokesman said. ${FILLER}`;
    expect(topicsOf('Neighbours told to step back', text)).toContain('diplomacy');
  });

  it("counts a cue after 'without': a trade war not unleashed is still the story's subject", () => {
    const text =
      'Britain is seeking ways to retaliate against Japan without unleashing a trade war, ' +
      `officials said. ${FILLER.repeat(3)}`;
    expect(topicsOf('Britain weighs its response to Japan', text)).toContain('trade-policy');
  });

  it('reads energy security only in a story that names a second state or an international body', () => {
    const strike =
      'Troops took up positions at the oil installations and refineries of Brazil as oil workers threatened to ' +
      'strike over pay. The army said the oil supplies of the refineries would be protected. ' +
      FILLER.repeat(3);
    expect(topicsOf('Army guards refineries in strike', strike)).not.toContain('energy-security');
    const supplier = strike.replace('over pay.', 'over pay, and Bolivia halted its gas supplies to Brazil.');
    expect(topicsOf('Army guards refineries in strike', supplier)).toContain('energy-security');
  });

  it("reads a cue after an earlier year as the story's background, and its own year's as its subject", () => {
    const union =
      'Left-wing leaders were elected by the copper workers union for the first time since the government ' +
      `was overthrown in a 1973 coup, union officials said. ${FILLER.repeat(3)}`;
    const tag = (text: string, publishedAt: string) =>
      tagger
        .tag({ title: 'Union elects new leaders', text, language: 'en', publishedAt })
        .topics.map((t) => t.id);
    expect(tag(union, '1987-03-18T00:00:00Z')).not.toContain('coup');
    expect(tag(union.replace('1973', 'last week'), '1987-03-18T00:00:00Z')).toContain('coup');
    const vote = `Voters queued for hours in the 2026 presidential election, the electoral commission said. ${FILLER}`;
    expect(tag(vote, '2026-05-03T00:00:00Z')).toContain('elections');
    expect(tag(vote, '2030-05-03T00:00:00Z')).not.toContain('elections');
  });

  it('reads a White House hopeful as a candidate and the war on terrorism as a slogan, not a war', () => {
    const ids = topicsOf(
      'Senator attacks troop plan',
      'Democratic White House hopeful Senator Jane Roe said the plan would hinder the war on terrorism.',
    );
    expect(ids).toContain('elections');
    expect(ids).not.toContain('armed-conflict');
  });

  it('needs a longer story to name its topic at least once, not only to use its usual words', () => {
    const text =
      `${FILLER}Voters in the town said turnout at the general election would be high. ` +
      `Candidates knocked on doors and the general election campaign filled the local paper. ${FILLER}`;
    expect(topicsOf('Town prepares', text)).not.toContain('elections');
    const named = `${FILLER}The presidential election was held on Sunday. Ballots were counted overnight and the winner was declared on Monday. ${FILLER}`;
    expect(topicsOf('Country votes', named)).toContain('elections');
  });

  it('gives a story that is not geopolitical no topic for a weak passage', () => {
    const text = `${FILLER}The union and the prison company remain at an impasse in negotiations over wages. ${FILLER}`;
    const tags = tagger.tag({ title: 'Prison contract talks stall', text, language: 'en' });
    expect(tags.geopolitical?.value).toBe(false);
    expect(tags.topics).toEqual([]);
  });

  it('reads a union protest over pay as a labour dispute, not unrest', () => {
    const text =
      `${FILLER}The dock workers' union said its members would protest outside the port over overtime pay. ` +
      `Strikes over wages have disrupted the port for six weeks, the union said. ${FILLER}`;
    expect(topicsOf('Dockers protest over pay', text)).not.toContain('protest-unrest');
    expect(
      topicsOf(
        'Farmers clash with police',
        'Farmers hurled rocks at police to protest the eradication of their crop.',
      ),
    ).toContain('protest-unrest');
  });

  it("reads a state's forces fighting an armed group as armed conflict", () => {
    const ids = topicsOf(
      'Army kills 24 militants near border',
      'The army killed 24 Islamic militants who had taken refuge in the mountainous northeast, a spokesman said.',
    );
    expect(ids).toContain('armed-conflict');
    expect(ids).not.toContain('terrorism');
  });

  it("lets the headline's words follow the precedence of the lead", () => {
    const ids = topicsOf(
      'Leader says rebels responsible for siege',
      'A rebel leader took responsibility for a school siege and other terrorist attacks that killed 430 people.',
    );
    expect(ids).toEqual(['terrorism']);
  });

  it('reads air attacks as armed conflict and a continental shelf as a territorial matter', () => {
    const text =
      `The oilfield has been shut since an aerial attack last November and will reopen when new ` +
      `anti-aircraft defences are ready, officials said. ${FILLER}`;
    expect(topicsOf('Oilfield to reopen', text)).toContain('armed-conflict');
    expect(
      topicsOf(
        'Warships head for clash',
        'Greek and Turkish warships headed for a possible clash over drilling rights on the continental shelf.',
      ),
    ).toContain('territorial-dispute');
  });

  it('reads settlement building in occupied land as a territorial dispute', () => {
    expect(
      topicsOf(
        'Settlement drive accelerates',
        'The government is accelerating settlement construction with plans for hundreds of homes for Israeli settlers.',
      ),
    ).toContain('territorial-dispute');
  });

  it('reads negotiations with no state in their sentence as a labour or business matter', () => {
    const text =
      `${FILLER}The dock workers' union said negotiations with the port employers would resume on Monday. ` +
      `The negotiators hope to settle the dispute before the strike deadline. ${FILLER}`;
    expect(topicsOf('Port talks resume', text)).not.toContain('diplomacy');
  });

  it('counts a cue that is a name itself mid-sentence, and truck drivers are no sport', () => {
    expect(
      topicsOf('Poland to decide', 'Poland will pull its troops out, a debate that helps Al-Qaeda, he said.'),
    ).toContain('terrorism');
    expect(
      topicsOf('Freed trio welcomed', 'Three truck drivers held hostage in Iraq arrived back in Delhi.'),
    ).toContain('terrorism');
  });

  it('files trade talks under trade policy, not diplomacy', () => {
    expectTopic(
      'Japan and U.S. open trade talks',
      'Japan and the United States opened trade talks on tariffs on semiconductors in Tokyo on Monday.',
      'trade-policy',
      'diplomacy',
    );
  });

  it('reads an armed group named in a sentence about fighting as a party to a war, not as terrorism', () => {
    expectTopic(
      'US mounts fresh attack on Taliban',
      'The US-led coalition has begun a big offensive against the Taliban in the south, officials said.',
      'armed-conflict',
      'terrorism',
    );
    expect(
      topicsOf('Taliban claim bombing', 'The Taliban claimed responsibility for a suicide bombing in Kabul.'),
    ).toContain('terrorism');
  });

  it('reads bombing raids as aerial warfare, not terrorism', () => {
    expectTopic(
      'Bombers pound the capital',
      'Waves of B-52 bombing raids struck the capital overnight, the defence ministry said.',
      'armed-conflict',
      'terrorism',
    );
  });

  it("reads 'in protest at' as a reason and 'on the march' as a figure, not as street protests", () => {
    expect(
      topicsOf(
        'Rebels quit peace talks',
        'The rebels walked out of the peace talks in protest at attacks on civilians, mediators said.',
      ),
    ).not.toContain('protest-unrest');
    expect(
      topicsOf(
        'Freedom on the march, president says',
        'The president said freedom was on the march in the region.',
      ),
    ).not.toContain('protest-unrest');
    expect(
      topicsOf(
        'Thousands protest in capital',
        'Thousands marched in protest at the new tax law, police said.',
      ),
    ).toContain('protest-unrest');
  });
});

describe('cue inflections', () => {
  it('reads fire from tanks, mortars and rockets as fighting, even at police, and arms smugglers as no migration', () => {
    expectTopic(
      'Policemen killed near border',
      'Three Egyptian policemen were killed overnight by Israeli tank fire on the border between Egypt and ' +
        'the Gaza Strip when they were mistaken for Palestinian arms smugglers, officials said.',
      'armed-conflict',
      'refugees-migration',
    );
  });

  it('reads a hostage-taking as terrorism even where police are the subject', () => {
    expect(
      topicsOf(
        'Officers charged over school siege',
        'Three police officers have been charged with negligence over the school hostage-taking that left ' +
          '300 people dead, prosecutors said.',
      ),
    ).toContain('terrorism');
  });

  it('reads bans on religious dress and freedom of religion as human rights', () => {
    expect(
      topicsOf(
        'Schoolgirls expelled',
        'Two girls were expelled from school on Wednesday for refusing to remove their head scarves.',
      ),
    ).toContain('human-rights');
  });

  it('reads blasts and attacks in a sentence about shares and chief executives as business', () => {
    expect(
      topicsOf(
        'Icahn blasts chief executive after Mylan rejects offer',
        'The largest shareholder blasts the company over its plan to buy a rival, and the shares fell.',
      ),
    ).toEqual([]);
  });

  it('reads a crackdown on debts, a comeback rally and a bid protest in their own sense', () => {
    expect(
      topicsOf(
        'Government expands crackdown on bad debts',
        'The administration is expanding its crackdown on bad debts, officials said.',
      ),
    ).toEqual([]);
    expect(topicsOf('Liberty rally to edge Shock', 'The hosts rallied to beat the visitors 66-64.')).toEqual(
      [],
    );
    expect(
      topicsOf('Rivals challenge award', 'Two contractors filed protests over the award of the contract.'),
    ).toEqual([]);
    expect(
      topicsOf('Police crack down', 'Police fired tear gas in a crackdown on protesters in the capital.'),
    ).toContain('protest-unrest');
  });

  it("reads a snippet's headline in the business sense of its lead", () => {
    const lead = 'Two airlines face tougher competition on the route from other airlines, analysts said.';
    expect(topicsOf('Trans-Tasman war hots up', lead)).toEqual([]);
    expect(topicsOf('War hots up', 'Rebels and the army fought for the town overnight.')).toContain(
      'armed-conflict',
    );
  });

  it('reads a tribunal, an exodus and foreign investment in business sentences as business', () => {
    expect(
      topicsOf(
        'Ruling overturned',
        'A court overturned the antitrust ruling of a tribunal against the company.',
      ),
    ).toEqual([]);
    expect(
      topicsOf(
        'Record inflows',
        'Jamaica attracted record foreign direct investment from US and Canadian firms.',
      ),
    ).toEqual([]);
  });

  it('adds plural, past and -ing forms', () => {
    expect(inflections('protest*')).toEqual(expect.arrayContaining(['protests', 'protested', 'protesting']));
    expect(inflections('ban*')).toEqual(expect.arrayContaining(['bans', 'banned', 'banning']));
    expect(inflections('ally*')).toEqual(expect.arrayContaining(['allies', 'allied']));
    expect(inflections('peace talks')).toEqual(['peace talks']);
  });

  it('completes a Latinate stem cut before its final e', () => {
    expect(inflections('retaliat*')).toEqual(
      expect.arrayContaining(['retaliate', 'retaliates', 'retaliated', 'retaliation']),
    );
    expect(inflections('criticis*')).toContain('criticise');
    expect(inflections('recogni*')).toEqual(expect.arrayContaining(['recognise', 'recognized']));
    expect(inflections('protest*')).not.toContain('protestion');
  });

  it('compiles a form listed twice for one topic as one cue', () => {
    const topic = TOPICS.topics[0];
    const vocabulary = (cues: string[]) =>
      compileVocabulary({ ...TOPICS, absorbs: [], topics: [{ ...topic, cues: { '2': cues }, generic: {} }] });
    expect(vocabulary(['alliance', 'alliance*']).trie.phraseCount).toBe(
      vocabulary(['alliance*']).trie.phraseCount,
    );
  });
});
