/**
 * Instagram (www.instagram.com). A home-feed post or reel is an `article` holding its permalink
 * (`/p/<shortcode>/` or `/reel/<shortcode>/`). Today's markup has no `<header>`: the author is the
 * first profile link with text, the action bar is a `<section>`, the caption follows it.
 */
import type { PostRef } from '../model/post';
import {
  baseUrl,
  cleanHandle,
  cleanName,
  finishPost,
  outermost,
  parseHref,
  queryIncludingRoot,
  readText,
  slotAfter,
  totally,
} from './dom';
import type { BadgeSlot, SiteAdapter } from './types';

/** A feed item; only those holding a post permalink are posts (the "caught up" block is none). */
export const IG_ARTICLE = 'article';
/** Permalink candidates: posts, reels (the feed links a reel's video to `/reels/<code>/`). */
export const IG_PERMALINK = 'a[href*="/p/"], a[href*="/reel/"], a[href*="/reels/"]';
/** The post's time sits in its permalink. */
export const IG_TIME = 'time[datetime]';
/** Links that may name the author: profile links are `/<user>/`. */
export const IG_LINK = 'a[href]';
/** The like/comment/share bar; the caption follows it, the header precedes it. */
export const IG_ACTION_BAR = 'section';
/** The caption text: a direction-neutral span (older layouts: an h1). */
export const IG_CAPTION = 'span[dir="auto"], h1';
/** Text-bearing controls (a Follow button is one, an icon button is not). */
export const IG_BUTTON = '[role="button"], button';

/**
 * "Suggested for you" and "Sponsored" lines above a post. Language-dependent, so they only add to
 * the structural sign (a Follow button in the header).
 */
const SUGGESTED_LABELS = new Set(['suggested for you', 'suggested post', 'suggested posts']);
const SPONSORED_LABELS = new Set(['sponsored', 'gesponsert', 'sponsorisé', 'publicidad', 'patrocinado', 'sponsorizzato']);

const IG_HOSTS = ['www.instagram.com'] as const;
const IG_ORIGIN = 'https://www.instagram.com/';
/** First path segments that are Instagram's own pages, never a user. */
const IG_RESERVED = new Set([
  'p', 'reel', 'reels', 'tv', 'explore', 'stories', 'accounts', 'direct', 'about', 'legal', 'developer',
  'web', 'challenge', 'emails', 'privacy', 'terms', 'session', 'ar', 'audio', 'locations', 'tags',
]);
/** How many elements after the author's caption link we look for the caption text. */
const CAPTION_LOOKAHEAD = 60;
const SHORTCODE = /^[A-Za-z0-9_-]{5,64}$/;

function isInstagramHost(hostname: string): boolean {
  return hostname === 'instagram.com' || hostname.endsWith('.instagram.com');
}

/** The user a `/<user>/` link points at, lower case. */
function profileHandle(href: string | null, base: string): string | null {
  const url = parseHref(href, base);
  if (!url || !isInstagramHost(url.hostname)) return null;
  const m = /^\/([A-Za-z0-9._]{1,30})\/?$/.exec(url.pathname);
  return m?.[1] && !IG_RESERVED.has(m[1].toLowerCase()) ? cleanHandle(m[1]) : null;
}

/** `{kind, code}` of a post or reel permalink (optionally under `/<user>/`); `/reels/audio/` is not one. */
function permalinkOf(href: string | null, base: string): { kind: 'p' | 'reel'; code: string } | null {
  const url = parseHref(href, base);
  if (!url || !isInstagramHost(url.hostname)) return null;
  const m = /^(?:\/[A-Za-z0-9._]{1,30})?\/(p|reel|reels|tv)\/([^/]+)\/?$/.exec(url.pathname);
  if (!m?.[1] || !m[2] || !SHORTCODE.test(m[2]) || m[2] === 'audio') return null;
  return { kind: m[1] === 'p' || m[1] === 'tv' ? 'p' : 'reel', code: m[2] };
}

/** The post's permalink: the one around its time, else the first post or reel link. */
function findPermalink(el: Element, base: string): { kind: 'p' | 'reel'; code: string; time: Element | null } | null {
  for (const time of Array.from(el.querySelectorAll(IG_TIME))) {
    const found = permalinkOf(time.closest('a')?.getAttribute('href') ?? null, base);
    if (found) return { ...found, time };
  }
  for (const a of Array.from(el.querySelectorAll(IG_PERMALINK))) {
    const found = permalinkOf(a.getAttribute('href'), base);
    if (found) return { ...found, time: null };
  }
  return null;
}

function isPost(el: Element): boolean {
  return el.matches(IG_ARTICLE) && findPermalink(el, IG_ORIGIN) !== null;
}

/** True when `a` comes before `b` in document order. */
function precedes(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & 4) /* DOCUMENT_POSITION_FOLLOWING */ !== 0;
}

function findAuthor(el: Element, base: string, bar: Element | null): { link: Element; handle: string } | null {
  // The first profile link with text above the action bar: the caption's mentions come after it.
  for (const a of Array.from(el.querySelectorAll(IG_LINK))) {
    if (bar && !precedes(a, bar)) break;
    const handle = profileHandle(a.getAttribute('href'), base);
    if (handle && readText(a, { collapse: true })) return { link: a, handle };
  }
  return null;
}

/**
 * The caption: after the action bar, the author's own link, then the first text span that follows
 * it. Another profile link before any text means that line is a comment and there is no caption.
 */
function readCaption(el: Element, base: string, bar: Element | null, author: string): string {
  for (const a of Array.from(el.querySelectorAll(IG_LINK))) {
    if (bar && precedes(a, bar)) continue;
    const handle = profileHandle(a.getAttribute('href'), base);
    if (!handle) continue;
    if (handle !== author) return '';
    const walker = el.ownerDocument.createTreeWalker(el, 1 /* NodeFilter.SHOW_ELEMENT */);
    walker.currentNode = a;
    // Bounded: the caption is next to its author's link, not hundreds of elements away.
    for (let node = walker.nextNode(), seen = 0; node && seen < CAPTION_LOOKAHEAD; node = walker.nextNode(), seen++) {
      const next = node as Element;
      if (a.contains(next) || next.closest(IG_BUTTON)) continue;
      if (next.matches(IG_LINK) && profileHandle(next.getAttribute('href'), base)) return '';
      if (!next.matches(IG_CAPTION) || next.closest('a')) continue;
      const text = readText(next, { collapse: true, skip: (n) => n.matches(IG_BUTTON) });
      if (text) return text;
    }
    return '';
  }
  return '';
}

/**
 * Suggested: the header (above the action bar) holds a text-bearing button, the Follow button an
 * account you follow does not show; icon buttons (More options, mute) carry an SVG and no text.
 */
function isSuggested(el: Element, bar: Element | null, authorLink: Element): boolean {
  // Without an action bar, the header is what lies near the author's link.
  const near = authorLink.parentElement?.parentElement?.parentElement?.parentElement ?? el;
  for (const button of Array.from(el.querySelectorAll(IG_BUTTON))) {
    if (bar && !precedes(button, bar)) break;
    if (!bar && !near.contains(button)) continue;
    if (button.querySelector('svg, img, video, canvas, a') || button.closest('a')) continue;
    const text = readText(button, { collapse: true });
    if (text && text.length <= 30) return true;
  }
  return headerLabel(el, bar, SUGGESTED_LABELS);
}

function headerLabel(el: Element, bar: Element | null, labels: ReadonlySet<string>): boolean {
  for (const span of Array.from(el.querySelectorAll('span'))) {
    if (bar && !precedes(span, bar)) break;
    if (span.firstElementChild) continue;
    const text = (span.textContent ?? '').trim().toLowerCase();
    if (text.length <= 30 && labels.has(text)) return true;
  }
  return false;
}

function readInstagram(el: Element, pageUrl: string): PostRef | null {
  const base = baseUrl(pageUrl, IG_ORIGIN);
  const permalink = findPermalink(el, base);
  if (!permalink) return null;
  const bar = el.querySelector(IG_ACTION_BAR);
  const author = findAuthor(el, base, bar);
  if (!author) return null;
  const text = readCaption(el, base, bar, author.handle);
  return finishPost({
    site: 'instagram',
    postId: permalink.code,
    permalink: `https://www.instagram.com/${permalink.kind}/${permalink.code}/`,
    author: author.handle,
    authorName: cleanName(readText(author.link, { collapse: true })) || author.handle,
    text,
    postedAt: permalink.time?.getAttribute('datetime') ?? null,
    repostedBy: null,
    flags: {
      suggested: isSuggested(el, bar, author.link),
      promoted: headerLabel(el, bar, SPONSORED_LABELS),
      mediaOnly: text === '',
    },
  });
}

function badgeSlotInstagram(el: Element): BadgeSlot {
  const bar = el.querySelector(IG_ACTION_BAR);
  const author = findAuthor(el, IG_ORIGIN, bar);
  // In the header row, right after the author's name: the media and caption do not move.
  return slotAfter(author?.link ?? null, el);
}

export const instagramAdapter: SiteAdapter = {
  site: 'instagram',
  hosts: IG_HOSTS,
  findPosts: (root) => outermost(queryIncludingRoot(root, IG_ARTICLE), IG_ARTICLE).filter(isPost),
  closestPost: (node) => {
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    let post: Element | null = null;
    for (el = el?.closest(IG_ARTICLE) ?? null; el; el = el.parentElement?.closest(IG_ARTICLE) ?? null) {
      post = el;
    }
    return post && isPost(post) ? post : null;
  },
  readPost: (el, pageUrl) => totally(() => (el.matches(IG_ARTICLE) ? readInstagram(el, pageUrl) : null)),
  badgeSlot: (el) => badgeSlotInstagram(el),
};
