/**
 * Headlines without the site's name: "Story | Site", "Story - BBC News", "Site: Story" → "Story".
 * A suffix is dropped when it names the site (og:site_name or the host), or when it is short and
 * looks like a name after a strong separator.
 */

const STRONG_SEPARATORS = [' | ', ' :: ', ' « ', ' » ', ' • ', ' · ', ' — ', ' – '];
const DASH_SEPARATORS = [' - '];
const NON_ALNUM_RE = /[^\p{L}\p{N}]+/gu;
const WORD_RE = /\S+/g;
const CAPITALISED_RE = /^[\p{Lu}\p{N}]/u;
const WWW_RE = /^www\./;
const TLD_RE = /\.[a-z]{2,}(?:\.[a-z]{2})?$/i;

function key(s: string): string {
  return s.toLowerCase().replace(NON_ALNUM_RE, '');
}

function wordCount(s: string): number {
  return s.match(WORD_RE)?.length ?? 0;
}

function namesSite(part: string, site: string, hostKey: string): boolean {
  const k = key(part);
  if (k === '') return true;
  if (site !== '' && (k === site || site.includes(k) || k.includes(site))) return true;
  return hostKey !== '' && (k === hostKey || (k.length >= 4 && hostKey.includes(k)));
}

function looksLikeName(part: string): boolean {
  const words = part.split(' ');
  if (words.length > 4) return false;
  for (const w of words) if (w.length > 0 && !CAPITALISED_RE.test(w)) return false;
  return true;
}

function lastSplit(title: string, separators: readonly string[]): [string, string] | null {
  let at = -1;
  let len = 0;
  for (const sep of separators) {
    const i = title.lastIndexOf(sep);
    if (i > at) {
      at = i;
      len = sep.length;
    }
  }
  return at > 0 ? [title.slice(0, at).trim(), title.slice(at + len).trim()] : null;
}

function firstSplit(title: string, separators: readonly string[]): [string, string] | null {
  let at = -1;
  let len = 0;
  for (const sep of separators) {
    const i = title.indexOf(sep);
    if (i > 0 && (at < 0 || i < at)) {
      at = i;
      len = sep.length;
    }
  }
  return at > 0 ? [title.slice(0, at).trim(), title.slice(at + len).trim()] : null;
}

/** Cleans `title` of a site suffix or prefix; `siteName` and `host` make the decision precise. */
export function cleanTitle(title: string, siteName = '', host = ''): string {
  let t = title.trim();
  const site = key(siteName);
  const hostKey = key(host.replace(WWW_RE, '').replace(TLD_RE, ''));
  for (let round = 0; round < 2; round++) {
    const strong = lastSplit(t, STRONG_SEPARATORS);
    const dash = lastSplit(t, DASH_SEPARATORS);
    const cut = strong !== null && (dash === null || strong[0].length >= dash[0].length) ? strong : dash;
    if (cut === null) break;
    const [head, tail] = cut;
    if (wordCount(head) < 2) break;
    const isStrong = cut === strong;
    if (namesSite(tail, site, hostKey) || (looksLikeName(tail) && (isStrong || wordCount(tail) <= 3)))
      t = head;
    else break;
  }
  // "Site: Story" / "Site | Story"
  const front = firstSplit(t, [...STRONG_SEPARATORS, ': ']);
  if (
    front !== null &&
    wordCount(front[1]) >= 2 &&
    namesSite(front[0], site, hostKey) &&
    (site !== '' || hostKey !== '')
  ) {
    t = front[1];
  }
  return t;
}
