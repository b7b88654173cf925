/**
 * Canonical URLs: one spelling per article, so a re-scrape with tracking parameters, over http, on the
 * AMP variant or with a fragment maps to the same article id (rules of the dedup issue).
 */

// Parameters that identify a campaign, a click or a referrer, never the document.
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ocid',
  'cmpid',
  'cmp',
  'icid',
  'smid',
  'smtyp',
  's_cid',
  'sr_share',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'ito',
  'spm',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'mbid',
  'wt.mc_id',
  'wt_mc_id',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'amp',
  'outputtype',
  '__twitter_impression',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'hmb_', 'ga_'];
const PLUS_RE = /\+/g;
const AMP_SUFFIX_RE = /\.amp(\.html?)?$/i;

function isTrackingParam(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(PLUS_RE, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  if (TRACKING_PARAMS.has(key)) return true;
  for (const prefix of TRACKING_PREFIXES) if (key.startsWith(prefix)) return true;
  return false;
}

/** The site part of a host: lower-case, without `www.` or the `amp.` AMP subdomain. */
function siteHost(hostname: string): string {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  for (;;) {
    if (host.startsWith('www.')) host = host.slice(4);
    else if (host.startsWith('amp.')) host = host.slice(4);
    else return host;
  }
}

function canonicalPath(pathname: string): string {
  const segments = pathname.split('/');
  const kept: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    let seg = segments[i];
    if (seg === '') continue;
    if (seg.toLowerCase() === 'amp') continue; // /amp, /amp/, /news/amp/story
    if (i === segments.length - 1 || segments[i + 1] === '') {
      // story.amp.html → story.html, story.amp → story
      seg = seg.replace(AMP_SUFFIX_RE, '$1');
    }
    kept.push(seg);
  }
  return '/' + kept.join('/');
}

function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs: { key: string; pair: string }[] = [];
  for (const pair of search.slice(1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (isTrackingParam(key)) continue;
    pairs.push({ key, pair });
  }
  if (pairs.length === 0) return '';
  pairs.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.pair < b.pair ? -1 : a.pair > b.pair ? 1 : 0,
  );
  return '?' + pairs.map((p) => p.pair).join('&');
}

function parse(url: string, base?: URL): URL | null {
  try {
    const parsed = new URL(url.trim(), base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

function serialize(u: URL): string {
  const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : `:${u.port}`;
  return `https://${siteHost(u.hostname)}${port}${canonicalPath(u.pathname)}${canonicalQuery(u.search)}`;
}

function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith('.' + b) || b.endsWith('.' + a);
}

/** `url` parsed the way `canonicalizeUrl` reads it (trimmed), or null when not http(s) or unparsable. */
export function parseArticleUrl(url: string): URL | null {
  return parse(url);
}

/**
 * The canonical spelling of `url`. The page's own canonical link (`<link rel=canonical>`/`og:url`,
 * possibly relative) wins when it points to the same site: a canonical pointing elsewhere is a
 * syndication credit or a mistake, and adopting it would merge articles of two sites.
 * Non-http(s) or unparsable input is returned trimmed, unchanged otherwise.
 */
export function canonicalizeUrl(
  url: string,
  pageCanonical?: string | null,
  own: URL | null = parse(url), // a caller that parsed `url` with parseArticleUrl passes it in
): string {
  if (own === null) return url.trim();
  if (pageCanonical) {
    const page = parse(pageCanonical, own);
    if (page !== null && sameSite(siteHost(page.hostname), siteHost(own.hostname))) return serialize(page);
  }
  return serialize(own);
}
