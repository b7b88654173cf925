/**
 * What scrapers and pages leave around a story, removed line by line: widget and player labels,
 * share and newsletter prompts, relative timestamps, copyright footers, and the trailing rails of
 * other headlines ("Latest Stories", "Related", "Most Read" …). Works on the lines of scraped text
 * and on the paragraphs of an HTML extraction alike. Vocabulary is data built once at load.
 */
import { lowerUnit } from './text-hygiene';

// Lines longer than this are prose: no label, timestamp or rail header is this long (copyright
// footers can be longer and are checked on their own, up to MAX_COPYRIGHT_LEN).
const MAX_FURNITURE_LEN = 160;
const MAX_COPYRIGHT_LEN = 300;
const SPACE_RE = /\s{2,}/g;

// Edge punctuation by char code (" - – — • · | : > » ! ."): a code comparison per character instead of
// a one-character string and a Set lookup.
function isEdge(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x2d ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x2022 ||
    c === 0xb7 ||
    c === 0x7c ||
    c === 0x3a ||
    c === 0x3e ||
    c === 0xbb ||
    c === 0x21 ||
    c === 0x2e
  );
}

/** The line without edge punctuation, case kept; '' for a line too long to be furniture. */
function unfoldedKey(line: string): string {
  if (line.length > MAX_FURNITURE_LEN) return '';
  let a = 0;
  let b = line.length;
  // A line may start with "." or "!" ("...", "!important"): those stay at the front.
  while (a < b) {
    const c = line.charCodeAt(a);
    if (c === 0x2e || c === 0x21 || !isEdge(c)) break;
    a++;
  }
  while (b > a && isEdge(line.charCodeAt(b - 1))) b--;
  return a === 0 && b === line.length ? line : line.slice(a, b);
}

/** Lower-cased line without edge punctuation ("Share this article:" → "share this article"). */
function foldKey(unfolded: string, singleSpaced: boolean): string {
  const k = unfolded.toLowerCase();
  return !singleSpaced && k.includes('  ') ? k.replace(SPACE_RE, ' ') : k;
}

// Whole-line labels of players, ads and share widgets (compared lower-cased, edge punctuation off).
const WIDGET_LABELS = new Set([
  'audio by carbonatix',
  'listen to this article',
  'listen to article',
  'listen to this story',
  'listen',
  'play',
  'advertisement',
  'advertisment',
  'advert',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'paid content',
  'promoted',
  'promoted content',
  'partner content',
  'story continues below advertisement',
  'article continues below advertisement',
  'continue reading below',
  'continue reading',
  'scroll to continue',
  'scroll to continue with content',
  'advertisement - scroll to continue',
  'skip advert',
  'skip ad',
  'close ad',
  'share',
  'share this',
  'share this article',
  'share this story',
  'share on facebook',
  'share on twitter',
  'share on whatsapp',
  'share on linkedin',
  'share via email',
  'share your thoughts with friends',
  'tweet',
  'email',
  'e-mail',
  'print',
  'copy link',
  'link copied',
  'copied',
  'comments',
  'comment',
  'leave a comment',
  'view comments',
  'show comments',
  'facebook',
  'twitter',
  'whatsapp',
  'linkedin',
  'pinterest',
  'reddit',
  'telegram',
  'messenger',
  'sms',
  'save',
  'bookmark',
  'loading',
  'loading…',
  'please wait',
  'image',
  'photo',
  'video',
  'watch',
  'watch video',
  'click to play',
  'play video',
  'subscribe',
  'subscribe now',
  'sign up',
  'sign in',
  'log in',
  'register',
  'follow us',
  'follow',
  'read more',
  'see more',
  'show more',
  'expand',
  'close',
  'menu',
  'search',
  'back to top',
  'top',
  'next',
  'previous',
  'next article',
  'previous article',
  'toggle caption',
  'hide caption',
  'enlarge this image',
  'open image in gallery',
  'view gallery',
  'this content is not available due to your privacy preferences',
  'enable javascript',
  'this slideshow requires javascript',
  'tell us what you think',
  'what do you think',
  'have your say',
]);

function maxLength(words: ReadonlySet<string>): number {
  let max = 0;
  for (const w of words) max = Math.max(max, w.length);
  return max;
}
// Hashing a fresh key for a Set lookup costs a pass over it; a key longer than every member cannot be one.
const MAX_WIDGET_LABEL = maxLength(WIDGET_LABELS);

const WIDGET_PATTERNS: readonly RegExp[] = [
  /^audio by \S+$/,
  /^listen to (?:this )?(?:article|story|the article)\b.{0,30}$/,
  /^(?:\d+|one|two|three|four|five)\s*(?:-\s*)?min(?:ute)?s?\.? (?:read|listen)$/,
  /^(?:estimated )?reading time\b.{0,30}$/,
  /^(?:share|follow|like) (?:us |this )?(?:on|via) .{1,40}$/,
  /^(?:sign up|subscribe|register)\b.{0,120}\b(?:newsletter|inbox|updates|alerts|briefing)\b.{0,60}$/,
  /^(?:get|receive) (?:the latest|our|breaking|daily|weekly)\b.{0,100}\b(?:newsletter|inbox|updates|alerts)\b.{0,40}$/,
  /^(?:follow|join) (?:us|our|the)\b.{0,80}\b(?:facebook|twitter|instagram|whatsapp|telegram|channel|youtube|tiktok|x)\b.{0,30}$/,
  /^(?:click|tap) here to\b.{0,100}$/,
  /^(?:read|see|also read|read also|watch|related|recommended|more)\s*:.{0,200}$/,
  /^(?:photo|image|picture|video|source|credit|file photo)\s*:.{0,120}$/,
  /^(?:this (?:story|article) (?:was|has been) (?:updated|corrected)|updated)\s*:?\s*$/,
  /^(?:we use cookies|this (?:site|website) uses cookies)\b.{0,300}$/,
  /^(?:please )?(?:enable|turn on) javascript\b.{0,200}$/,
  /^\[?(?:advertisement|ad)\]?$/,
];

// Relative timestamps of rails ("2 minutes -", "1 hour ago", "-"), and bare separators.
const TIMESTAMP_RE =
  /^(?:(?:\d{1,3}|an?|one)\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)(?:\s+ago)?|just now|yesterday|today)\s*[-–—|•·]?$|^[-–—|•·]+$/;
/** Whether `TIMESTAMP_RE` can match a key starting with (lower-case) `c`: both its branches are anchored. */
function mayStartTimestamp(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // a number of units
    c === 0x61 || // "a minute", "an hour"
    c === 0x6f || // "one day"
    c === 0x6a || // "just now"
    c === 0x79 || // "yesterday"
    c === 0x74 || // "today"
    c === 0x2d ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x7c ||
    c === 0x2022 ||
    c === 0xb7 // separators
  );
}
// The same, for keys left in their own case (see `mustFold`).
const TIMESTAMP_ANY_CASE_RE = new RegExp(TIMESTAMP_RE.source, 'i');
const COPYRIGHT_START_RE = /^(?:©|\(c\)|copyright\b)/i;

function isCopyright(line: string, reservedPossible: boolean): boolean {
  if (line.length > MAX_COPYRIGHT_LEN) return false;
  const c = line.charCodeAt(0);
  // "©", "(c)", "Copyright": the first character decides whether the regex is worth running.
  if ((c === 0xa9 || c === 0x28 || c === 0x43 || c === 0x63) && COPYRIGHT_START_RE.test(line)) return true;
  // Cheap case-tolerant pre-check before lower-casing the line.
  return (
    reservedPossible &&
    (line.includes('eserved') || line.includes('ESERVED')) &&
    line.toLowerCase().includes('all rights reserved')
  );
}

// Headers of rails of other stories; everything after one, at the end of a text, is not the story.
const RAIL_HEADERS = new Set([
  'latest stories',
  'latest news',
  'latest',
  'latest articles',
  'latest headlines',
  'related',
  'related stories',
  'related articles',
  'related news',
  'related content',
  'related posts',
  'related coverage',
  'related topics',
  'more stories',
  'more news',
  'more articles',
  'more headlines',
  'more from',
  'more on this story',
  'more on this topic',
  'more in',
  'most read',
  'most popular',
  'most viewed',
  'most shared',
  'popular',
  'popular stories',
  'popular now',
  'trending',
  'trending now',
  'trending stories',
  'top stories',
  'top news',
  'recommended',
  'recommended for you',
  'recommended stories',
  'you may also like',
  'you might also like',
  'you may like',
  'also read',
  'read next',
  'read more',
  'what to read next',
  'up next',
  'editor’s picks',
  "editor's picks",
  'editors picks',
  'editors’ picks',
  'in other news',
  'elsewhere',
  'around the web',
  'from the web',
  'sponsored stories',
  'promoted stories',
  'more to explore',
  'further reading',
  'see also',
  'other stories',
  'related links',
  'must read',
  'don’t miss',
  "don't miss",
  'stories you may like',
]);
const MAX_RAIL_HEADER = maxLength(RAIL_HEADERS);
const MORE_FROM_RE = /^[Mm]ore (?:from |in |on |about |of )?[\p{Lu}\p{N}][^.!?]{0,50}$/u;
// Characters that end a sentence (all in the BMP, so the last code unit decides).
const SENTENCE_END_CODES = new Set([...'.!?。！？…"”»)'].map((ch) => ch.charCodeAt(0)));

/** Whether the line ends like a sentence, without a regex call. */
function endsSentence(line: string): boolean {
  return line.length > 0 && SENTENCE_END_CODES.has(line.charCodeAt(line.length - 1));
}

function isRailHeader(line: string, k: string): boolean {
  if (k.length <= MAX_RAIL_HEADER && RAIL_HEADERS.has(k)) return true;
  return line.length <= 60 && MORE_FROM_RE.test(line) && !endsSentence(line);
}

// One anchored alternation: a single regex call per line instead of one per pattern.
const WIDGET_RE = new RegExp(WIDGET_PATTERNS.map((re) => `(?:${re.source})`).join('|'));
const WIDGET_ANY_CASE_RE = new RegExp(WIDGET_RE.source, 'i');

export function isWidgetLine(k: string): boolean {
  return (k.length <= MAX_WIDGET_LABEL && WIDGET_LABELS.has(k)) || WIDGET_RE.test(k);
}

// Date-only lines ("Updated: Nov. 19, 2019 at 5:30 p.m. ET", "05/10/2018 14:00"): once the words of
// dates and times are removed, no letter is left.
const DATE_WORDS_RE =
  /\b(?:updated|published|posted|last|modified|on|at|am|pm|a\.m|p\.m|et|est|edt|pt|pst|gmt|utc|bst|cet|ist|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?/g;
const HAS_YEAR_RE = /\b(?:19|20)\d{2}\b/;
const LETTER_RE = /\p{L}/u;
const MAX_DATE_LINE = 60;

function isDateOnly(k: string): boolean {
  return k.length <= MAX_DATE_LINE && HAS_YEAR_RE.test(k) && !LETTER_RE.test(k.replace(DATE_WORDS_RE, ''));
}

// Keys up to this long can be a widget label, a rail header or a date line: those are looked up
// lower-cased. Longer ones only meet the anchored patterns above.
const MAX_LOOKUP_KEY = Math.max(MAX_WIDGET_LABEL, MAX_RAIL_HEADER, MAX_DATE_LINE);
const NON_ASCII_RE = /[\u0080-\uffff]/;

/**
 * Whether a line's key (`unfoldedKey`) must be lower-cased for the furniture checks. Lower-casing
 * every line copied most of the text; a long key is only ever matched against the anchored patterns,
 * and on ASCII those answer the same case-insensitively on the key as it stands (lower-casing ASCII
 * maps A-Z to a-z and nothing else, which is what the /i flag ignores). So long ASCII keys stay as
 * they are and meet the /i twins of the patterns; short or non-ASCII keys are lower-cased as before.
 */
function mustFold(unfolded: string, singleSpaced: boolean): boolean {
  return (
    unfolded.length <= MAX_LOOKUP_KEY ||
    NON_ASCII_RE.test(unfolded) ||
    // Collapsing double spaces could bring a key back under MAX_LOOKUP_KEY.
    (!singleSpaced && unfolded.includes('  '))
  );
}

/** Whether key `k` (lower-cased when `folded`) is a relative timestamp. */
function isTimestamp(k: string, folded: boolean): boolean {
  if (k === '') return false;
  if (folded) return mayStartTimestamp(k.charCodeAt(0)) && TIMESTAMP_RE.test(k);
  return mayStartTimestamp(lowerUnit(k.charCodeAt(0))) && TIMESTAMP_ANY_CASE_RE.test(k);
}

// Markup that reached the text (escaped tags, CMS shortcodes such as "[button link=…]…[/button]").
const MARKUP_RE = /^(?:<[a-z!/][^>]*>|\[[a-z_]+(?:\s[^\]]*)?\].*\[\/[a-z_]+\])$/i;
// Post meta lines: "05/10/2018 - Posted by: Jane Doe - Category: Health - Tags: …".
const POST_META_RE =
  /(?:\b(?:posted|published|publicado|publié|veröffentlicht|pubblicato)\s+(?:by|por|par|von|da)\b.{0,200}\b(?:categor(?:y|ia|ie)|tags?|kategorie)\s*:)|^(?:tags?|categor(?:y|ies|ia|ie)|filed under|kategorie)\s*:/i;
// Photo captions that survive as paragraphs end with their credit: "… (Image: GETTY)".
const CAPTION_RE =
  /\((?:image|photo|picture|pic|credit|source|video|illustration)s?(?: credit)?\s*:[^()]{1,80}\)$/i;

function isKeyFurniture(k: string, folded: boolean): boolean {
  // An unfolded key is longer than every label and date line: only the patterns can match it.
  return folded ? isWidgetLine(k) || isDateOnly(k) : WIDGET_ANY_CASE_RE.test(k);
}

function isFurniture(line: string, k: string, folded: boolean, reservedPossible: boolean): boolean {
  if (k === '' ? line.length <= MAX_FURNITURE_LEN : isKeyFurniture(k, folded)) return true;
  if (line.length <= MAX_COPYRIGHT_LEN) {
    if (line.endsWith(')') && CAPTION_RE.test(line)) return true;
    if ((line.startsWith('<') || line.startsWith('[')) && MARKUP_RE.test(line)) return true;
    if (line.includes(':') && POST_META_RE.test(line)) return true;
  }
  return isCopyright(line, reservedPossible);
}

/**
 * Removes furniture lines and cuts a trailing rail. A rail header cuts only in the second half of the
 * text (by characters) or when what follows looks like a rail (short lines, timestamps), so a story
 * that merely mentions "Related" keeps its body.
 */
export function cleanScrapedLines(lines: readonly string[]): string[] {
  return selectScrapedLines(lines).map((i) => lines[i]);
}

/**
 * Indices of the lines `cleanScrapedLines` keeps, in order. `source`, when given, is a text every
 * line is a substring of: a search that fails on it once is then skipped for each line.
 * `singleSpaced` says no line holds two spaces in a row (lines of `splitLines`): keys skip that search.
 */
export function selectScrapedLines(
  lines: readonly string[],
  source?: string,
  singleSpaced = false,
): number[] {
  // "All rights reserved" footers: two searches of the whole text instead of two per line.
  const reservedPossible = source === undefined || source.includes('eserved') || source.includes('ESERVED');
  const kept: string[] = [];
  const index: number[] = [];
  const keys: string[] = [];
  let total = 0;
  let stampsSeen = 0;
  const stampAfter: number[] = []; // timestamps seen after each kept line (rail evidence)
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const unfolded = unfoldedKey(line);
    const folded = mustFold(unfolded, singleSpaced);
    const k = folded ? foldKey(unfolded, singleSpaced) : unfolded;
    if (isTimestamp(k, folded)) {
      stampsSeen++;
      if (stampAfter.length > 0) stampAfter[stampAfter.length - 1]++;
      continue;
    }
    if (isFurniture(line, k, folded, reservedPossible)) continue;
    kept.push(line);
    index.push(li);
    keys.push(k); // rail headers are short: an unfolded (long) key never is one
    stampAfter.push(0);
    total += line.length;
  }
  // Trailing rail by header. Suffix sums keep this linear however many header-like lines there are.
  const n = kept.length;
  const suffixChars = new Float64Array(n + 1);
  const suffixShort = new Float64Array(n + 1);
  for (let j = n - 1; j >= 0; j--) {
    suffixChars[j] = suffixChars[j + 1] + kept[j].length;
    suffixShort[j] = suffixShort[j + 1] + (kept[j].length < 160 && !endsSentence(kept[j]) ? 1 : 0);
  }
  const dropped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (isRailHeader(kept[i], keys[i])) {
      const rest = n - i - 1;
      const railish = rest === 0 || suffixShort[i + 1] >= 0.6 * rest;
      // A header followed by headlines, or by little, starts a rail; one followed by more prose is an
      // inline promo ("DON'T MISS" between paragraphs) whose links are already gone: drop just it.
      if (railish || suffixChars[i + 1] <= 0.2 * total) {
        kept.length = i;
        index.length = i;
        break;
      }
      dropped[i] = 1;
    }
  }
  // Trailing headlines that alternate with relative timestamps (a rail without a header).
  if (stampsSeen >= 2) {
    let cut = kept.length;
    while (cut > 1 && stampAfter[cut - 1] > 0 && kept[cut - 1].length < 200) cut--;
    if (kept.length - cut >= 2) index.length = cut;
  }
  const out: number[] = [];
  for (let i = 0; i < index.length; i++) if (dropped[i] === 0) out.push(index[i]);
  return out;
}
