/**
 * Facebook (www.facebook.com). News feed, pages and groups render a story the same way: a feed
 * item with `aria-posinset`, or a `role=article` that is not inside another (comments are nested
 * `role=article`s). Class names are generated and change often; none is used here.
 */
import type { PostRef } from '../model/post';
import {
  baseUrl,
  cleanHandle,
  cleanName,
  finishPost,
  outermostAncestor,
  parseHref,
  queryIncludingRoot,
  readText,
  slotAfter,
  stableHash,
  totally,
  type LinkParts,
} from './dom';
import type { BadgeSlot, SiteAdapter } from './types';

/** A story: a feed item (ARIA feed pattern: `aria-posinset` inside `role=feed`) or an article. */
export const FB_POST = '[role="feed"] [aria-posinset], [role="article"]';
/** Nested articles inside a story are its comments (and a shared post's frame), never the story. */
export const FB_NESTED = '[role="article"]';
/** The author's name block in today's markup (a data attribute Facebook's ad tooling keeps stable). */
export const FB_PROFILE_NAME = '[data-ad-rendering-role="profile_name"]';
/** The author's name link in older and group layouts: the first heading or bold link of the header. */
export const FB_AUTHOR_LINKS = 'h2 a[href], h3 a[href], h4 a[href], strong a[href], a[href] strong';
/** The story's own text; the `data-ad-*` names are historical and are on every story, not only ads. */
export const FB_MESSAGE =
  '[data-ad-rendering-role="story_message"], [data-ad-preview="message"], [data-ad-comet-preview="message"]';
/** The "Why am I seeing this ad?" link that only sponsored stories carry. */
export const FB_AD_LINK = 'a[href*="/ads/about"]';
/**
 * Where the "Sponsored" label hides: an `aria-label`, or (to defeat ad blockers) `aria-labelledby`
 * pointing at a text elsewhere, or an SVG `<use>` of a `<text>`; its visible letters are scrambled.
 */
export const FB_LABELLED = 'a[aria-label], a[aria-labelledby], span[aria-labelledby], svg use';
/** A story's photos and videos (emoji are images too; they are skipped by their CDN path). */
export const FB_MEDIA = 'img[src], video[src], video[poster]';
/** Old layouts carry the story time as seconds since the epoch. */
export const FB_UTIME = 'abbr[data-utime]';
/** Comments sit in lists; a story never does. */
export const FB_COMMENT_LIST = 'ul, li';

/** "Sponsored" in the languages we expect, as lower-case letters only. */
const SPONSORED_LABELS = new Set([
  'sponsored', 'gesponsert', 'sponsorisé', 'sponsorisée', 'patrocinado', 'patrocinada', 'publicidad',
  'sponsorizzato', 'sponsorizzata', 'gesponsord', 'sponsrad', 'sponset', 'sponsoreret', 'sponsorowane',
  'реклама', 'спонсировано', 'bersponsor', 'được tài trợ', 'sponsorlu', 'χορηγούμενη',
]);

const FB_HOSTS = ['www.facebook.com', 'web.facebook.com'] as const;
const FB_ORIGIN = 'https://www.facebook.com/';
/** First path segments that are Facebook's own pages, never a profile. */
const FB_RESERVED = new Set([
  'groups', 'watch', 'stories', 'story.php', 'photo', 'photo.php', 'photos', 'events', 'hashtag', 'marketplace',
  'gaming', 'reel', 'reels', 'l.php', 'ads', 'business', 'help', 'privacy', 'policies', 'sharer', 'sharer.php',
  'permalink.php', 'notifications', 'messages', 'friends', 'bookmarks', 'saved', 'memories', 'search', 'login',
  'settings', 'pages', 'people', 'home.php', 'video.php', 'media', 'profile.php', 'fundraisers', 'feeds', 'news',
]);

function isFacebookHost(hostname: string): boolean {
  return hostname === 'facebook.com' || hostname.endsWith('.facebook.com');
}

/**
 * The handle of a profile link: the vanity name (`/news.com.au`), or for numeric profiles
 * (`profile.php?id=`, `/people/<name>/<id>`, a group member's `/groups/<g>/user/<id>`) `id-<id>`.
 * Vanity names are letters, digits and dots only, so an `id-` handle can never collide with one.
 */
export function facebookHandle(href: string | null, base: string): string | null {
  const url = parseHref(href, base);
  if (!url || !isFacebookHost(url.hostname)) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  const first = segments[0]?.toLowerCase();
  if (!first) return null;
  const numeric = (id: string | null | undefined): string | null => (id && /^\d{1,25}$/.test(id) ? `id-${id}` : null);
  if (first === 'profile.php') return numeric(url.searchParams.get('id'));
  if (first === 'people' || first === 'pages') return numeric(segments[2]);
  if (first === 'groups') return segments[2] === 'user' ? numeric(segments[3]) : null;
  if (first === 'pg' && segments[1]) return vanity(segments[1]);
  if (segments.length > 1 || FB_RESERVED.has(first)) return null;
  return vanity(segments[0] ?? '');
}

function vanity(segment: string): string | null {
  if (!/^[A-Za-z0-9.]{2,80}$/.test(segment)) return null;
  return cleanHandle(segment);
}

/** Id patterns of a story's own links, most specific first. */
const ID_PATTERNS: ReadonlyArray<(url: LinkParts) => string | null | undefined> = [
  (url) => /\/posts\/(pfbid[A-Za-z0-9]{10,100}|\d{5,25})(?:\/|$)/.exec(url.pathname)?.[1],
  (url) => url.searchParams.get('story_fbid'),
  (url) => /\/permalink\/(\d{5,25})(?:\/|$)/.exec(url.pathname)?.[1],
  (url) => /\/(?:videos|reel)\/(?:[^/]+\/)?(\d{5,25})(?:\/|$)/.exec(url.pathname)?.[1],
  (url) => (url.pathname === '/watch/' || url.pathname === '/watch' ? url.searchParams.get('v') : null),
  (url) => /\/(pfbid[A-Za-z0-9]{10,100})(?:\/|$)/.exec(url.pathname)?.[1],
];
const STORY_ID = /^(?:pfbid[A-Za-z0-9]{10,100}|\d{5,25})$/;

/** Query parameters that identify a story; everything else on a link (`__cft__`, `__tn__`) is tracking. */
const KEPT_PARAMS = ['story_fbid', 'id', 'v'];

/** The story id a link carries, with the link cleaned of tracking as the permalink. */
function storyIdOf(href: string | null, base: string): { id: string; permalink: string } | null {
  const url = parseHref(href, base);
  if (!url || !isFacebookHost(url.hostname) || url.searchParams.has('comment_id')) return null;
  for (const pattern of ID_PATTERNS) {
    const id = pattern(url);
    if (!id || !STORY_ID.test(id)) continue;
    const clean = new URL(url.pathname, FB_ORIGIN);
    for (const name of KEPT_PARAMS) {
      const value = url.searchParams.get(name);
      if (value && /^[A-Za-z0-9]{1,100}$/.test(value)) clean.searchParams.set(name, value);
    }
    return { id, permalink: clean.href };
  }
  return null;
}

/** A story's own parts: what lies inside a nested article (a comment) is not the story's. */
class FacebookStory {
  private readonly nested: Element[];

  constructor(readonly el: Element) {
    this.nested = Array.from(el.querySelectorAll(FB_NESTED));
  }

  own(node: Element): boolean {
    return !this.nested.some((n) => n.contains(node));
  }

  all(selector: string): Element[] {
    return Array.from(this.el.querySelectorAll(selector)).filter((n) => this.own(n));
  }
}

function isComment(el: Element): boolean {
  return !el.hasAttribute('aria-posinset') && el.closest(FB_COMMENT_LIST) !== null;
}

function findAuthor(story: FacebookStory, base: string): { link: Element; handle: string; name: string } | null {
  const candidates = [
    ...story.all(FB_PROFILE_NAME).flatMap((block) => [
      ...(block.matches('a[href]') ? [block] : []),
      ...Array.from(block.querySelectorAll('a[href]')),
    ]),
    ...story.all(FB_AUTHOR_LINKS).map((n) => (n.matches('a[href]') ? n : n.closest('a[href]'))),
  ];
  let fallback: { link: Element; handle: string; name: string } | null = null;
  for (const link of candidates) {
    if (!link) continue;
    const handle = facebookHandle(link.getAttribute('href'), base);
    if (!handle) continue;
    const name = cleanName(readText(link, { collapse: true }));
    // A link holding only the avatar names the author but not their name: keep looking for one.
    if (name) return { link, handle, name };
    fallback ??= { link, handle, name };
  }
  return fallback;
}

function isSponsored(story: FacebookStory): boolean {
  if (story.all(FB_AD_LINK).length > 0) return true;
  const doc = story.el.ownerDocument;
  for (const node of story.all(FB_LABELLED)) {
    const labels: string[] = [];
    const label = node.getAttribute('aria-label');
    if (label) labels.push(label);
    for (const id of (node.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).slice(0, 4)) {
      labels.push(doc.getElementById(id)?.textContent ?? '');
    }
    const use = node.getAttribute('href') ?? node.getAttribute('xlink:href');
    if (use?.startsWith('#')) labels.push(doc.getElementById(use.slice(1))?.textContent ?? '');
    for (const text of labels) {
      if (text.length > 60) continue;
      const letters = text.normalize('NFC').toLowerCase().replace(/[^\p{L} ]/gu, '').replace(/\s+/g, ' ').trim();
      if (SPONSORED_LABELS.has(letters)) return true;
    }
  }
  return false;
}

/** The file name of the story's first photo or video (its CDN path, without the expiring query). */
function mediaName(story: FacebookStory, authorLink: Element): string {
  for (const media of story.all(FB_MEDIA)) {
    if (authorLink.contains(media)) continue;
    const src = media.getAttribute('src') ?? media.getAttribute('poster') ?? '';
    if (!src || src.startsWith('data:') || src.includes('/emoji')) continue;
    const url = parseHref(src, FB_ORIGIN);
    const name = url?.pathname.split('/').pop();
    if (name) return name;
  }
  return '';
}

function readFacebook(el: Element, pageUrl: string): PostRef | null {
  if (isComment(el)) return null;
  const base = baseUrl(pageUrl, FB_ORIGIN);
  const story = new FacebookStory(el);
  const author = findAuthor(story, base);
  if (!author) return null;

  const message = story.all(FB_MESSAGE)[0];
  // "See more" and other controls inside the message are buttons, not the author's words.
  const text = message ? readText(message, { collapse: true, skip: (n) => n.getAttribute('role') === 'button' }) : '';

  // The first id-bearing link in document order is the header's time link; a shared post's own
  // links come later, inside the attachment.
  let found: { id: string; permalink: string } | null = null;
  for (const a of story.all('a[href]')) {
    found = storyIdOf(a.getAttribute('href'), base);
    if (found) break;
  }

  let postedAt: string | null = null;
  const utime = story.all(FB_UTIME)[0]?.getAttribute('data-utime');
  if (utime && /^\d{9,11}$/.test(utime)) postedAt = new Date(Number(utime) * 1000).toISOString();
  postedAt ??= story.all('time[datetime]')[0]?.getAttribute('datetime') ?? null;

  // Only the start of the text: "See more" adds to it, and the id must not change when it does.
  // With no text, the first photo's file name tells one photo post of an author from the next.
  const id = found?.id ?? `h:${stableHash(`${author.handle}\n${text.slice(0, 80)}${text ? '' : `\n${mediaName(story, author.link)}`}`)}`;
  return finishPost({
    site: 'facebook',
    postId: id,
    permalink: found?.permalink ?? null,
    author: author.handle,
    authorName: author.name,
    text,
    postedAt,
    repostedBy: null,
    flags: { promoted: isSponsored(story), mediaOnly: text === '' },
  });
}

function badgeSlotFacebook(el: Element): BadgeSlot {
  const author = findAuthor(new FacebookStory(el), FB_ORIGIN);
  // Inline after the name link, on the name line: nothing below it moves.
  return slotAfter(author?.link ?? null, el);
}

export const facebookAdapter: SiteAdapter = {
  site: 'facebook',
  hosts: FB_HOSTS,
  findPosts: (root) =>
    queryIncludingRoot(root, FB_POST).filter((el) => !el.parentElement?.closest(FB_POST) && !isComment(el)),
  closestPost: (node) => {
    const post = outermostAncestor(node, FB_POST);
    return post && !isComment(post) ? post : null;
  },
  readPost: (el, pageUrl) => totally(() => (el.matches(FB_POST) ? readFacebook(el, pageUrl) : null)),
  badgeSlot: (el) => badgeSlotFacebook(el),
};
