import type { CountryTag } from '@news/contracts';

/**
 * The country of a news site's web domain ("cbc.ca", "bbc.co.uk", "abc.net.au"): what a local story is about
 * when it names no country at all (a town, a council, a school), or names only another country in passing (a
 * suspect "native of Mexico", a holiday "in Portugal"). An international story of a national outlet names its
 * countries in its headline or again and again, and keeps them. Country-code domains that sites use for other
 * reasons (.tv, .io, .fm, .me …) say nothing.
 */

/** Country-code top-level domains sold worldwide as vanity or generic names. */
const GENERIC_CC = new Set([
  'ac',
  'ag',
  'ai',
  'am',
  'as',
  'bz',
  'cc',
  'cd',
  'co',
  'cx',
  'dj',
  'fm',
  'gg',
  'gl',
  'gs',
  'im',
  'io',
  'je',
  'la',
  'ly',
  'md',
  'me',
  'ms',
  'mu',
  'nu',
  'sh',
  'so',
  'st',
  'su',
  'tk',
  'tm',
  'to',
  'tv',
  'vc',
  'vg',
  'ws',
  'eu',
  'ax',
]);
/** Domains whose letters are not the country's ISO code. */
const DOMAIN_CODE: Record<string, string> = { uk: 'GB' };

/** The ISO 3166-1 code of the URL's country-code domain, if it names one of `known`. */
export function sourceDomainCountry(
  url: string | undefined,
  known: ReadonlyMap<string, string>,
): string | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (tld.length !== 2 || GENERIC_CC.has(tld)) return undefined;
  const code = DOMAIN_CODE[tld] ?? tld.toUpperCase();
  return known.has(code) ? code : undefined;
}

/** The lower-cased host of an absolute URL. */
function hostOf(url: string | undefined): string | undefined {
  return url ? /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() : undefined;
}

/**
 * What the story's site says of its countries, once the text's countries are scored: a country-code site's
 * country (see applySiteCountry, or the only country of a story that names none), else, for a story that names
 * countries only in passing (`onlyPassing`), the US of an English .com site.
 */
export function applySourceDomain(
  countries: CountryTag[],
  url: string | undefined,
  language: string | undefined,
  onlyPassing: boolean,
  names: ReadonlyMap<string, string>,
): void {
  const site = sourceDomainCountry(url, names);
  if (site && countries.length > 0) applySiteCountry(countries, site, names);
  else if (site) countries.push(siteCountryTag(site, names));
  else if (onlyPassing) {
    const code = genericSiteCountry(url, language);
    if (code) applyGenericSiteCountry(countries, code, names);
  }
}

/** Mentions of the country most named below which a story on a national site is local, the others passing. */
const PASSING_MENTIONS = 2;
/** Salience at which the site's own country, named in the story, is one of its primary countries. */
const SITE_SALIENCE = 0.5;

/**
 * The site's country in a story that names countries: primary when the story names it prominently enough
 * (salience ≥ SITE_SALIENCE); when the story never names it, names no country in its headline and none more
 * than PASSING_MENTIONS times, the story is a local one and the site's country its only primary country.
 */
function applySiteCountry(countries: CountryTag[], code: string, names: ReadonlyMap<string, string>): void {
  const own = countries.find((c) => c.code === code);
  if (own) {
    if (own.salience >= SITE_SALIENCE) own.primary = true;
    return;
  }
  for (const c of countries) {
    if (c.mentions > PASSING_MENTIONS || c.evidence.some((e) => e.field === 'title')) return;
  }
  for (const c of countries) c.primary = false;
  countries.unshift(siteCountryTag(code, names));
}

/**
 * A generic .com site of English news that names no country at all is most often an American local or trade
 * site (8 of the 11 such stories of the development news set; the others Indian, Bahamian and none), and so
 * is one that names countries only as where people come from (a suspect "native of Mexico").
 */
export function genericSiteCountry(
  url: string | undefined,
  language: string | undefined,
): string | undefined {
  if (language !== undefined && language !== 'en') return undefined;
  return hostOf(url)?.endsWith('.com') ? 'US' : undefined;
}

/**
 * A generic site's country for a story that names no country, or names countries only as where people come
 * from ("a native of Mexico") or in passing: the only primary country.
 */
function applyGenericSiteCountry(
  countries: CountryTag[],
  code: string,
  names: ReadonlyMap<string, string>,
): void {
  for (const c of countries) c.primary = c.code === code;
  if (!countries.some((c) => c.code === code)) countries.unshift(siteCountryTag(code, names));
}

/** The country of the site for a story: primary, with no span of the text. */
function siteCountryTag(code: string, names: ReadonlyMap<string, string>): CountryTag {
  return {
    code,
    name: names.get(code) ?? code,
    primary: true,
    salience: 1,
    mentions: 0,
    evidence: [],
    from: 'source-domain',
  };
}
