/**
 * The country of a news site's web domain ("cbc.ca", "bbc.co.uk", "abc.net.au"): what a local story is about
 * when it names no country at all (a town, a council, a school). Read only then, so an international story of a
 * national outlet keeps the countries its text names. Country-code domains that sites use for other reasons
 * (.tv, .io, .fm, .me …) say nothing.
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
  if (!url) return undefined;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase();
  if (!host) return undefined;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (tld.length !== 2 || GENERIC_CC.has(tld)) return undefined;
  const code = DOMAIN_CODE[tld] ?? tld.toUpperCase();
  return known.has(code) ? code : undefined;
}
