/**
 * X (x.com, twitter.com). Timeline, profile, conversation, search and list pages all render a post
 * as the same `article[data-testid="tweet"]`, so one reader serves them all.
 */
import type { PostRef } from '../model/post';
import {
  baseUrl,
  cleanHandle,
  finishPost,
  outermost,
  outermostAncestor,
  parseHref,
  queryIncludingRoot,
  readText,
  slotAfter,
  stableHash,
  totally,
} from './dom';
import type { BadgeSlot, SiteAdapter } from './types';

/** A post; X's own test hook, the same on every view. Quoted tweets may nest one inside. */
export const X_POST = 'article[data-testid="tweet"]';
/** Name, @handle and (in feeds) the time link of a post or of its quoted tweet. */
export const X_USER_NAME = '[data-testid="User-Name"]';
/** The post's own text; absent on media-only posts and long-form articles. */
export const X_TWEET_TEXT = '[data-testid="tweetText"]';
/** The line above the post ("X reposted", "Pinned"): a link to the reposter for reposts only. */
export const X_SOCIAL_CONTEXT = '[data-testid="socialContext"]';
/**
 * Where a quoted tweet starts: today a `div[role=link]` (the whole quote is one click target),
 * in older or other layouts a nested article. Only those holding a User-Name are quotes: the
 * affiliate badge next to a name is a `div[role=link]` too.
 */
export const X_QUOTE_CANDIDATES = 'article, div[role="link"]';
/** Every time element; the post's own is the one wrapped in its status link. */
export const X_TIME = 'time[datetime]';
/** Links carrying a status id: the time link, photo links, analytics. */
export const X_STATUS_LINK = 'a[href*="/status/"]';
/** Photos, videos and GIFs of a post (`placementTracking` wraps video players, not only ads). */
export const X_MEDIA = '[data-testid="tweetPhoto"], [data-testid="videoPlayer"], [data-testid="videoComponent"], [data-testid="card.wrapper"]';
/**
 * A long-form Article's reader view, title or the article link on its timeline card; asked one
 * at a time (a selector list costs three times as much), the link from the links already read.
 */
const X_ARTICLE_PARTS = ['[data-testid="twitterArticleReadView"]', '[data-testid="twitterArticleRichTextView"]', '[data-testid="twitter-article-title"]'];
export const X_ARTICLE_TITLE = '[data-testid="twitter-article-title"]';
export const X_ARTICLE_BODY = '[data-testid="twitterArticleRichTextView"], [data-testid="longformRichTextComponent"]';
/** Older layout: the cell of a promoted post is wrapped in a tracking container. */
export const X_PLACEMENT = '[data-testid="placementTracking"]';
/** The post's "More" menu button, at the end of its header row. */
export const X_CARET = '[data-testid="caret"]';
/** The timeline cell; the farthest we look up from a post. */
export const X_CELL = '[data-testid="cellInnerDiv"]';

/**
 * The words X shows instead of a time on a promoted post. Language-dependent, so it is only
 * believed on a post that has no time of its own (an ad has none).
 */
const PROMOTED_LABELS = new Set(['ad', 'promoted', 'anzeige', 'gesponsert', 'publicidad', 'promocionado', 'sponsorisé', 'annonce', 'sponsorizzato', 'patrocinado', 'promovido', 'реклама', 'プロモーション', '広告', '광고', '推广']);

const X_HOSTS = ['x.com', 'twitter.com', 'mobile.twitter.com'] as const;
const X_LINK_HOSTS = new Set<string>([...X_HOSTS, 'www.x.com', 'www.twitter.com']);
/** First path segments that are X's own pages, never a user. */
const X_RESERVED = new Set(['i', 'home', 'explore', 'search', 'notifications', 'messages', 'settings', 'compose', 'hashtag', 'intent', 'share', 'login', 'logout', 'signup', 'tos', 'privacy', 'jobs']);
const X_HANDLE_SHAPE = /^[A-Za-z0-9_]{1,50}$/;
const X_ORIGIN = 'https://x.com/';

/** The handle a profile link points at (`/<handle>` only, on X's hosts), lower case. */
function profileHandle(href: string | null, base: string): string | null {
  const url = parseHref(href, base);
  if (!url || !X_LINK_HOSTS.has(url.hostname)) return null;
  const m = /^\/([^/]+)\/?$/.exec(url.pathname);
  return m?.[1] && X_HANDLE_SHAPE.test(m[1]) && !X_RESERVED.has(m[1].toLowerCase()) ? cleanHandle(m[1]) : null;
}

/** `{handle, id}` from a `/<handle>/status/<digits>` link on X's hosts. */
function statusOf(href: string | null, base: string): { handle: string | null; id: string } | null {
  const url = parseHref(href, base);
  if (!url || !X_LINK_HOSTS.has(url.hostname)) return null;
  const m = /^\/([^/]+)\/status(?:es)?\/(\d{1,25})(?:\/|$)/.exec(url.pathname);
  if (!m?.[1] || !m[2]) return null;
  const handle = X_HANDLE_SHAPE.test(m[1]) && !X_RESERVED.has(m[1].toLowerCase()) ? cleanHandle(m[1]) : null;
  return { handle, id: m[2] };
}

/**
 * Everything the reader looks at, one query per kind of part, each in document order. Five
 * single-selector queries cost a third of one query with the five as a list (measured in
 * Chromium on the saved real timeline: 6 against 18–29 µs a post), which must sort and merge.
 */
const X_LINK = 'a[href]';

/** One post's parts, with its quoted tweet (if any) set apart. */
class XPostView {
  readonly names: Element[] = [];
  readonly times: Element[] = [];
  readonly links: Element[] = [];
  private readonly texts: Element[] = [];
  private readonly socials: Element[] = [];
  private readonly quotes: Element[] = [];

  constructor(readonly el: Element) {
    collect(el, X_USER_NAME, this.names);
    collect(el, X_TIME, this.times);
    collect(el, X_TWEET_TEXT, this.texts);
    // X's social context can be the link itself: it is then in both lists.
    collect(el, X_SOCIAL_CONTEXT, this.socials);
    collect(el, X_LINK, this.links);
    // A quote is the outermost quote candidate around a User-Name other than the post's own. A
    // post with one name line (nearly all) has none.
    if (this.names.length < 2) return;
    const quotes = new Set<Element>();
    for (const name of this.names) {
      let outer: Element | null = null;
      for (let q = name.closest(X_QUOTE_CANDIDATES); q && q !== el && el.contains(q); q = q.parentElement?.closest(X_QUOTE_CANDIDATES) ?? null) {
        if (!q.closest(X_USER_NAME)) outer = q;
      }
      if (outer) quotes.add(outer);
    }
    this.quotes.push(...quotes);
  }

  /** True when `node` belongs to the post itself, not to its quoted tweet. */
  own(node: Element): boolean {
    return this.quotes.length === 0 || !this.quotes.some((q) => q.contains(node));
  }

  /** The post's own first element among `found` (its parts come first in document order). */
  private firstOwn(found: readonly Element[]): Element | null {
    for (const node of found) if (this.own(node)) return node;
    return null;
  }

  get userName(): Element | null {
    return this.firstOwn(this.names);
  }

  get text(): Element | null {
    return this.firstOwn(this.texts);
  }

  get socialContext(): Element | null {
    return this.firstOwn(this.socials);
  }

  /** For the rare parts the walk does not collect (a long-form article's). */
  first(selector: string): Element | null {
    const found = this.el.querySelector(selector);
    if (!found || this.own(found)) return found;
    return this.firstOwn(Array.from(this.el.querySelectorAll(selector)));
  }

  get hasQuote(): boolean {
    return this.quotes.length > 0;
  }
}

function collect(el: Element, selector: string, into: Element[]): void {
  const found = el.querySelectorAll(selector);
  for (let i = 0; i < found.length; i++) into.push(found[i]!);
}

function readX(el: Element, pageUrl: string): PostRef | null {
  const base = baseUrl(pageUrl, X_ORIGIN);
  const view = new XPostView(el);
  const userName = view.userName;

  // The post's own time sits in its status link; a quoted tweet's time is in no link.
  let status: { handle: string | null; id: string } | null = null;
  let postedAt: string | null = null;
  for (const time of view.times) {
    if (!view.own(time)) continue;
    const found = statusOf(time.closest('a')?.getAttribute('href') ?? null, base);
    if (found) {
      status = found;
      postedAt = time.getAttribute('datetime');
      break;
    }
  }

  // Author: the User-Name profile link, else the permalink's path.
  let author: string | null = null;
  let authorName = '';
  if (userName) {
    for (const a of view.links) {
      if (!userName.contains(a)) continue;
      const handle = profileHandle(a.getAttribute('href'), base);
      if (!handle) continue;
      author ??= handle;
      const name = readText(a);
      if (handle === author && name && !name.startsWith('@')) {
        authorName = name;
        break;
      }
    }
  }
  author ??= status?.handle ?? null;
  if (!author) return null;

  // An ad has no time: take the first status link of the author's (photo, analytics), if any.
  if (!status) {
    for (const a of view.links) {
      if (!view.own(a) || !(a.getAttribute('href') ?? '').includes('/status/')) continue;
      const found = statusOf(a.getAttribute('href'), base);
      if (found && found.handle === author) {
        status = found;
        break;
      }
    }
  }

  const textEl = view.text;
  const isArticle = !textEl && isLongForm(view);
  let text = textEl ? readText(textEl) : '';
  if (isArticle) {
    const title = view.first(X_ARTICLE_TITLE);
    const body = view.first(X_ARTICLE_BODY);
    text = [title ? readText(title, { collapse: true }) : '', body ? readText(body, { collapse: true }) : '']
      .filter(Boolean)
      .join('\n');
  }

  const social = readSocialContext(el, view, base, author);
  const promoted = isPromoted(el, view, userName, postedAt !== null);

  const postId = status?.id ?? `h:${stableHash(`${author}\n${text.slice(0, 200)}`)}`;
  return finishPost({
    site: 'x',
    postId,
    permalink: status ? `https://x.com/${author}/status/${status.id}` : null,
    author,
    authorName,
    text,
    postedAt,
    repostedBy: social.repostedBy,
    flags: {
      repost: social.repostedBy !== null,
      pinned: social.pinned,
      promoted,
      reply: isReply(view, base),
      quote: view.hasQuote,
      mediaOnly: text === '' && !isArticle,
      article: isArticle,
    },
  });
}

function isLongForm(view: XPostView): boolean {
  for (const a of view.links) if ((a.getAttribute('href') ?? '').includes('/article/') && view.own(a)) return true;
  return X_ARTICLE_PARTS.some((selector) => view.first(selector) !== null);
}

/**
 * The social context line. A repost's names the reposter with a link to their profile; a pin's
 * has no link (an icon and "Pinned"). Read from structure, not from the words, which are localised.
 */
function readSocialContext(
  el: Element,
  view: XPostView,
  base: string,
  author: string,
): { repostedBy: string | null; pinned: boolean } {
  const context = view.socialContext;
  if (!context) return { repostedBy: null, pinned: false };
  const link = context.closest('a[href]') ?? context.querySelector('a[href]');
  if (link && el.contains(link)) {
    const reposter = profileHandle(link.getAttribute('href'), base);
    // A link to a profile other than the author's: someone reposted it. (A self-repost changes no credit.)
    if (reposter) return { repostedBy: reposter !== author ? reposter : null, pinned: false };
    // A link elsewhere (a community, a topic) is neither a repost nor a pin.
    return { repostedBy: null, pinned: false };
  }
  return { repostedBy: null, pinned: true };
}

/**
 * Promoted: the cell is wrapped in a placement tracker (older layout), or the post has no time of
 * its own and its header shows a promoted label where the time would be. `placementTracking`
 * inside a post is not enough: X wraps ordinary video players in it too.
 */
function isPromoted(el: Element, view: XPostView, userName: Element | null, hasOwnTime: boolean): boolean {
  const tracker = el.parentElement?.closest(`${X_PLACEMENT}, ${X_CELL}`);
  if (tracker?.matches(X_PLACEMENT)) return true;
  if (hasOwnTime) return false;
  // The header row: the nearest block above the name that also holds the post's menu button.
  let header: Element = el;
  for (let node = userName?.parentElement, depth = 0; node && node !== el && depth < 6; node = node.parentElement, depth++) {
    if (node.querySelector(X_CARET)) {
      header = node;
      break;
    }
  }
  for (const span of Array.from(header.querySelectorAll('span'))) {
    if (!view.own(span) || span.firstElementChild || span.closest(X_TWEET_TEXT)) continue;
    const word = (span.textContent ?? '').trim().toLowerCase();
    if (word.length <= 20 && PROMOTED_LABELS.has(word)) return true;
  }
  return false;
}

/**
 * A reply shows "Replying to @name" above its text: a link to a profile whose text is the @handle,
 * outside the name line, the text and the social context. The link is the structure; the words
 * around it are localised.
 */
function isReply(view: XPostView, base: string): boolean {
  for (const a of view.links) {
    // The cheap tests first: most links of a post are status links (time, photos, analytics).
    const href = a.getAttribute('href');
    if (!href || href.includes('/status/')) continue;
    if (!(a.textContent ?? '').trim().startsWith('@')) continue;
    if (!view.own(a) || a.closest(`${X_USER_NAME}, ${X_TWEET_TEXT}, ${X_SOCIAL_CONTEXT}`)) continue;
    if (profileHandle(href, base)) return true;
  }
  return false;
}

function badgeSlotX(el: Element): BadgeSlot {
  // The post's own name line comes before any quoted tweet's in document order.
  const userName = el.querySelector(X_USER_NAME);
  // After the block that holds the name line, inside the header row: no reflow of the text below.
  return slotAfter(userName?.parentElement ?? null, el);
}

export const xAdapter: SiteAdapter = {
  site: 'x',
  hosts: X_HOSTS,
  findPosts: (root) => outermost(queryIncludingRoot(root, X_POST), X_POST),
  closestPost: (node) => outermostAncestor(node, X_POST),
  readPost: (el, pageUrl) => totally(() => (el.matches(X_POST) ? readX(el, pageUrl) : null)),
  badgeSlot: (el) => badgeSlotX(el),
};
