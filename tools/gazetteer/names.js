// Names as the gazetteer keeps them: proper case from TABARI spellings, titles split off, keys, surnames by country.
// Part of tools/build-gazetteer.js, whose header says what the gazetteer is built from.
'use strict';

// Names

const PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'binti',
  'de',
  'da',
  'di',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'du',
  'des',
  'y',
  'e',
  'ter',
  'ten',
  'zu',
  'af',
  'ould',
  'ag',
  'wa',
  'of',
  'the',
]);
const ARABIC_ARTICLE = /^(al|el|ad|ash|as|at|az|an|ar)-(.+)$/i;
const MAC_NAMES = new Set([
  'MACDONALD',
  'MACKENZIE',
  'MACMILLAN',
  'MACLEOD',
  'MACKAY',
  'MACINTOSH',
  'MACGREGOR',
  'MACARTHUR',
  'MACAULAY',
  'MACNEIL',
  'MACLEAN',
  'MACDOUGALL',
  'MACLACHLAN',
  'MACPHERSON',
  'MACASKILL',
  'MACSHANE',
  'MACKINNON',
  'MACNEILL',
  'MACINNES',
  'MACKINLAY',
  'MACLENNAN',
  'MACEACHEN',
  'MACGUIGAN',
]);
const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$/;

function capitalizeWord(w) {
  if (!w) return w;
  if (ROMAN.test(w)) return w;
  if (w === 'JR' || w === 'JR.') return 'Jr.';
  if (w === 'SR' || w === 'SR.') return 'Sr.';
  const lower = w.toLowerCase();
  if (/^mc[a-z]{2,}/.test(lower)) return 'Mc' + lower[2].toUpperCase() + lower.slice(3);
  if (MAC_NAMES.has(w.toUpperCase())) return 'Mac' + lower[3].toUpperCase() + lower.slice(4);
  if (/^[od]'[a-z]/.test(lower))
    return lower[0].toUpperCase() + "'" + lower[2].toUpperCase() + lower.slice(3);
  return lower.replace(/(^|[-'.])([a-z\u00c0-\u024f])/g, (_, sep, ch) => sep + ch.toUpperCase());
}

/**
 * Proper case of a TABARI name: "HUN_SEN_" → "Hun Sen", "BASHAR_AL-ASSAD_" → "Bashar al-Assad",
 * "JOHN_MCCAIN" → "John McCain", "MARTIN_O'MALLEY" → "Martin O'Malley", "JAN_PETER_BALKENENDE".
 * Particles (al-, bin, de, van…) are lower case except at the start of the name.
 */
function properCase(tabari) {
  const words = tabari
    .replace(/_+$/, '')
    .split(/[_\s]+/)
    .filter(Boolean);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (i > 0 && PARTICLES.has(lower)) return lower;
      const art = ARABIC_ARTICLE.exec(w);
      if (art && i > 0) return art[1].toLowerCase() + '-' + capitalizeWord(art[2]);
      return capitalizeWord(w);
    })
    .join(' ');
}

/** Words that make an entry an institution, a group or a place rather than a person. */
const INSTITUTION_WORDS = new Set(
  (
    'MINISTRY MINISTRIES DEPARTMENT COUNCIL COMMITTEE COMMISSION PARTY PARTIES ARMY ARMIES FORCE FORCES NAVY ' +
    'POLICE GOVERNMENT PARLIAMENT ASSEMBLY SENATE CONGRESS COURT BANK UNION FRONT MOVEMENT ALLIANCE COALITION ' +
    'BRIGADE BRIGADES ORGANIZATION ORGANISATION AGENCY OFFICE BUREAU CABINET ADMINISTRATION AUTHORITY SERVICE ' +
    'SERVICES INSTITUTE ASSOCIATION FEDERATION LEAGUE GROUP CORPS GUARD GUARDS REGIME JUNTA TRIBUNAL DIRECTORATE ' +
    'LEGISLATURE KNESSET BUNDESTAG CHAMBER YARD PALACE REPUBLIC KINGDOM PROVINCE REGION CITY ISLAND ISLANDS ' +
    'NATIONAL FEDERAL MILITARY REBELS REBEL INSURGENTS OPPOSITION SUPPORTERS FACTION SOCIETY NETWORK BOARD ' +
    'EMBASSY CONSULATE MISSION DELEGATION MILITIA MILITIAS BATTALION DIVISION REGIMENT COMMAND ' +
    'HEADQUARTERS ACADEMY UNIVERSITY SCHOOL HOSPITAL COMPANY CORPORATION AIRLINES AIRWAYS TRIBE TRIBES ' +
    'CLAN FAMILY DYNASTY STATE STATES CONSTITUTIONAL SUPREME PEOPLES PEOPLE DEMOCRATIC REVOLUTIONARY ' +
    'LIBERATION ISLAMIC MUJAHIDEEN SOVIET TALIBAN BRIGADIERS UNIT UNITS FLEET AIRFORCE AIR_FORCE INTELLIGENCE ' +
    'POLITBURO PRESIDIUM SECRETARIAT CENTER CENTRE FOUNDATION TRUST FUND CONFERENCE SUMMIT COUNCILS CABINETS ' +
    'JUDICIARY PROSECUTOR PROSECUTORS OFFICIALS MINISTERS SOLDIERS TROOPS GOVERNMENTS AUTHORITIES LEADERSHIP ' +
    'ESTABLISHMENT PRESIDENCY EXECUTIVE LEGISLATIVE SECURITY DEFENSE DEFENCE COMMANDOS WING CELL CELLS ' +
    'PARLIAMENTARY MEMBERS DEPUTIES SQUAD COMMUNITY ETHNIC MINORITY CAPITAL DISTRICT COUNTY MUNICIPALITY ' +
    'VILLAGE TOWN RIVER MOUNTAIN MOUNTAINS DESERT GULF OCEAN STRAIT PENINSULA BORDER TERRITORY ' +
    'TERRITORIES ZONE HEIGHTS CAMP AIRPORT PORT STATION BASE'
  ).split(/\s+/),
);

/**
 * Title words found in name lines and variants ("PRESIDENT_KARZAI_", "FOREIGN_MINISTER_ABDULLAH_"): the
 * agents file's phrases plus honorifics it does not list. A title is taken off the front of a name.
 */
const HONORIFICS = new Set(
  (
    'MR MR. MRS MRS. MS MS. DR DR. SIR LORD LADY DAME GEN GEN. GENERAL COL COL. COLONEL ACTING FORMER INTERIM ' +
    'CARETAKER DEPUTY VICE EMIR AMIR PRINCE PRINCESS KING QUEEN CROWN H.E. ' +
    'SENATOR SEN. REP. GOVERNOR GOV. MAYOR PREMIER CHANCELLOR SPEAKER AMBASSADOR MARSHAL FIELD_MARSHAL ADMIRAL ' +
    'MAJOR_GENERAL LIEUTENANT_GENERAL LT. LT._GEN. BRIG. BRIGADIER CAPTAIN CAPT. COMMANDER SECRETARY ' +
    'SECRETARY-GENERAL SECRETARY_GENERAL MINISTER PRESIDENT PRIME_MINISTER CHAIRMAN CHAIRWOMAN'
  ).split(/\s+/),
);

/**
 * Cleans a TABARI name line: no backticks (ʿayn), no quoted nicknames, no parenthetical notes ("(ACTING"),
 * a comma before a suffix dropped ("O'NEILL,_JR."), anything after another comma dropped ("..., BARON_X").
 */
function cleanTabariName(raw) {
  let s = raw
    // eslint-disable-next-line no-control-regex -- the source lists carry stray control characters: drop them
    .replace(/[`\x00-\x1f\x7f]/g, '')
    .replace(/"[^"]*"?/g, ' ')
    .replace(/\(.*$/, ' ');
  s = s.replace(/,[_\s]*(JR\.?|SR\.?|II|III|IV)(?=[_\s]|$)/g, '_$1');
  s = s.replace(/,.*$/, '');
  return s.replace(/\s+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
}

/**
 * Splits a title off the front of a TABARI name using the agents phrases (longest first) and honorifics.
 * Returns {title, rest} with title as the agents phrase (or null) and rest the remaining TABARI name.
 */
function splitTitle(tabari, agents) {
  const words = cleanTabariName(tabari)
    .split(/[_\s]+/)
    .filter(Boolean);
  let cut = 0;
  let title = null;
  let code = null;
  for (;;) {
    let matched = 0;
    for (let n = Math.min(6, words.length - cut - 1); n >= 1; n--) {
      const phrase = words.slice(cut, cut + n).join('_');
      if (agents.has(phrase) && isPersonTitle(phrase, agents.get(phrase))) {
        matched = n;
        code = agents.get(phrase);
        title = title ? `${title}_${phrase}` : phrase;
        break;
      }
      if (HONORIFICS.has(phrase)) {
        matched = n;
        title = title ? `${title}_${phrase}` : phrase;
        break;
      }
    }
    if (!matched) break;
    cut += matched;
  }
  return { title, code, rest: words.slice(cut).join('_') };
}

/** An agents phrase that names a person's office (MINISTER, PRESIDENT, AMBASSADOR), not a body (MINISTRY). */
function isPersonTitle(phrase, code) {
  if (!/^(GOV|LEG|MIL|JUD|OPP|ELI|PTY|SPY|COP)/.test(code)) return false;
  return /(MINISTER|PRESIDENT|KING|QUEEN|PRINCE|EMIR|SECRETARY|CHANCELLOR|AMBASSADOR|GOVERNOR|MAYOR|SENATOR|SPEAKER|PREMIER|CHAIRMAN|CHIEF|GENERAL|COMMANDER|LEADER|OFFICIAL|DEPUTY|MONARCH|SULTAN|LAWMAKER|LEGISLATOR|REPRESENTATIVE|CONSUL|ENVOY|DIPLOMAT|SPOKESMAN|SPOKESWOMAN|ADVISER|ADVISOR|DICTATOR|DIRECTOR)$/.test(
    phrase,
  );
}

function looksLikePersonName(tabari) {
  const words = tabari
    .replace(/_+$/, '')
    .split(/[_\s]+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 12) return false;
  if (/\d/.test(tabari)) return false;
  if (!/^[A-Z\u00c0-\u024f'.\-_ ]+$/i.test(tabari)) return false;
  for (const w of words) if (INSTITUTION_WORDS.has(w.replace(/[.,]/g, ''))) return false;
  for (let i = 0; i + 1 < words.length; i++)
    if (INSTITUTION_WORDS.has(`${words[i]}_${words[i + 1]}`)) return false;
  return true;
}

/** Comparison key of a name: no accents, no apostrophes ("Ya'alon" = "Yaalon"), other punctuation as spaces, lower case. */
function nameKey(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Countries whose news usage puts the family name first ("Xi Jinping" → Xi, "Hun Sen" → Hun). */
const FAMILY_NAME_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'KP', 'KR', 'VN', 'KH']);
/** Countries whose news usage calls people by their given name alone. */
const GIVEN_NAME_ALONE = new Set(['TH']);
const SUFFIX = /^(Jr\.?|Sr\.?|I|II|III|IV|V|VI)$/;

/** Spanish-speaking countries: a person carries two family names and news uses the first ("Morales" of "Juan
 * Antonio Morales Anaya"), or both. */
const TWO_FAMILY_NAMES = new Set([
  'ES',
  'MX',
  'AR',
  'CO',
  'PE',
  'VE',
  'CL',
  'EC',
  'GT',
  'CU',
  'BO',
  'DO',
  'HN',
  'PY',
  'SV',
  'NI',
  'CR',
  'PA',
  'UY',
  'GQ',
]);
/** Given names that come second in compound given names ("Jose Luis", "Juan Carlos", "Maria Fernanda"). */
const SECOND_GIVEN = new Set(
  (
    'luis antonio carlos maria jose juan manuel miguel angel francisco javier alberto andres eduardo enrique ' +
    'fernando jorge pablo pedro rafael ramon ricardo roberto alejandro daniel david felipe ignacio fernanda ' +
    'isabel teresa elena carmen cristina patricia lucia alfredo arturo cesar ernesto gabriel gustavo hugo julio ' +
    'mario oscar raul rene sergio victor'
  ).split(/\s+/),
);
/** Western given names that come first even where family names lead ("Regina Ip", "Frank Hsieh"). */
const WESTERN_GIVEN = new Set(
  (
    'regina frank john james david peter henry michael paul mary anna annie margaret donald stephen anson ' +
    'carrie elsie rita emily martin vincent tony andrew joseph raymond patrick ronald eric george'
  ).split(/\s+/),
);

/**
 * The surnames as news uses them alone: the last word with its particles ("da Silva"); the first word where
 * the family name leads (CN, TW, HK, MO, KP, KR, VN, KH: "Xi", "Hun"); given and family name in TH ("Thaksin"); both family names in Spanish-speaking
 * countries, the first of them first.
 */
function surnamesOf(name, country) {
  const words = name.split(' ').filter((w) => !SUFFIX.test(w));
  if (words.length < 2) return [];
  if (FAMILY_NAME_FIRST.has(country) && !WESTERN_GIVEN.has(nameKey(words[0]))) return [words[0]];
  // Thai news calls people by their given name ("Thaksin", "Prayuth"), and by the family name less often
  if (GIVEN_NAME_ALONE.has(country)) return [words[0], words[words.length - 1]];
  let i = words.length - 1;
  // keep "al-Assad" as is; "van Rompuy", "de Gaulle", "da Silva" take their particle along
  while (i > 1 && PARTICLES.has(words[i - 1].toLowerCase())) i -= 1;
  const last = words.slice(i).join(' ');
  if (TWO_FAMILY_NAMES.has(country) && i >= 2) {
    const first = words[i - 1];
    if (!PARTICLES.has(first.toLowerCase()) && !SECOND_GIVEN.has(nameKey(first))) return [first, last];
  }
  return [last];
}

/** The surname news uses alone most often (the first of surnamesOf), or null for a one-word name. */
function surnameOf(name, country) {
  return surnamesOf(name, country)[0] || null;
}

module.exports = {
  properCase,
  cleanTabariName,
  splitTitle,
  looksLikePersonName,
  nameKey,
  surnamesOf,
  SUFFIX,
  surnameOf,
};
