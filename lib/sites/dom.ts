/**
 * Small DOM readers the site adapters share. Everything here reads (never writes) the page, treats
 * every attribute and text as hostile input, and touches text only through `data`/`textContent`
 * (never `innerHTML`), so markup inside a post can never be parsed or run.
 */
import type { PostFlags, PostRef } from '../model/post';
import { capText, POST_TEXT_MAX } from '../model/keys';

/**
 * The shapes PostRefSchema requires of ids and handles, checked by hand: the adapters run in the
 * content script, where the zod schemas would cost more bytes than everything else together. A
 * test holds every adapter's output to PostRefSchema itself.
 */
const POST_ID_SHAPE = /^[A-Za-z0-9_:.-]{1,200}$/;
const HANDLE_SHAPE = /^[a-z0-9._-]{1,100}$/;
import type { BadgeSlot } from './types';

/** Bidi embedding/override/isolate controls and marks: they can make a name display as another. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Zero-width and invisible formatting characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen). */
const INVISIBLES = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
/** C0/C1 control characters other than tab and newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** The longest display name PostRefSchema accepts. */
const NAME_MAX = 200;
/** Stop collecting text well past the stored maximum: a 50,000-character post costs no more. */
const TEXT_COLLECT_MAX = POST_TEXT_MAX * 2;

/** A name or handle as plain, visible characters: no bidi tricks, no invisibles, one line. */
export function cleanName(raw: string | null | undefined): string {
  if (!raw) return '';
  const cleaned = raw
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLES, '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return capText(cleaned, NAME_MAX);
}

/** A handle candidate from a URL path segment: cleaned, lower case, or null when it is not one. */
export function cleanHandle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape is just not a handle we can read.
    return null;
  }
  const handle = decoded.replace(BIDI_CONTROLS, '').replace(INVISIBLES, '').trim().toLowerCase();
  return /^[a-z0-9._-]{1,100}$/.test(handle) ? handle : null;
}

export interface TextOptions {
  /**
   * Read as the browser lays out `white-space: normal` (Facebook, Instagram): runs of white space
   * in the markup are one space, and block elements and `<br>` break lines. Without it the text is
   * kept as written (X renders its post text `pre-wrap`).
   */
  collapse?: boolean;
  /** Subtrees whose text is not part of the reading (buttons, "See more", icons). */
  skip?: (el: Element) => boolean;
}

/** Elements that start a new line in the sites' markup. */
const BLOCKS = new Set(['div', 'p', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section']);

/** Elements whose text is not the text node data below them (or is not text at all). */
const NOT_PLAIN_TEXT = 'img, br, script, style, svg, template, noscript';

/**
 * The visible text of `root`, read like `innerText` would but without layout: text nodes, `<br>`
 * as a newline, and emoji drawn as `<img alt>` (X, Facebook) as their alt text. Never parses
 * anything: a text that says `<img onerror=...>` stays those characters.
 */

export function readText(root: Node, options: TextOptions = {}): string {
  // Most posts' text is spans and links only: then it is exactly the text content (one native
  // call instead of a walk), and capped later like any other.
  if (!options.collapse && !options.skip && root.nodeType === 1 && !(root as Element).querySelector(NOT_PLAIN_TEXT)) {
    return (root.textContent ?? '').trim();
  }
  const parts: string[] = [];
  let length = 0;
  const push = (s: string): void => {
    parts.push(s);
    length += s.length;
  };
  const visit = (node: Node): void => {
    if (length > TEXT_COLLECT_MAX) return;
    if (node.nodeType === 3 /* TEXT_NODE */) {
      const data = (node as Text).data;
      push(options.collapse ? data.replace(/\s+/g, ' ') : data);
      return;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
    const el = node as Element;
    const tag = el.localName;
    if (tag === 'script' || tag === 'style' || tag === 'svg' || tag === 'template' || tag === 'noscript') return;
    if (tag === 'br') {
      push('\n');
      return;
    }
    if (tag === 'img') {
      const alt = el.getAttribute('alt');
      // Only short alts are emoji; a long alt is an image description, not the author's words.
      if (alt && alt.length <= 16) push(alt);
      return;
    }
    if (el !== root && options.skip?.(el)) return;
    const block = options.collapse === true && BLOCKS.has(tag);
    if (block) push('\n');
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
    if (block) push('\n');
  };
  visit(root);
  let text = parts.join('');
  if (options.collapse) text = text.replace(/ *\n[\n ]*/g, '\n').replace(/ {2,}/g, ' ');
  return text.trim();
}

/** `els` without any element that lies inside another element matching `selector`. */
export function outermost(els: Iterable<Element>, selector: string): Element[] {
  const out: Element[] = [];
  for (const el of els) {
    if (!el.parentElement?.closest(selector)) out.push(el);
  }
  return out;
}

/** The outermost element matching `selector` that holds `node` (or is it), if any. */
export function outermostAncestor(node: Node, selector: string): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  let found: Element | null = null;
  while (el) {
    const hit: Element | null = el.closest(selector);
    if (!hit) break;
    found = hit;
    el = hit.parentElement;
  }
  return found;
}

/** Every element matching `selector` at or under `root`, `root` first when it matches. */
export function queryIncludingRoot(root: ParentNode, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  if (isElement(root) && root.matches(selector)) found.unshift(root);
  return found;
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** The parts of a link the adapters read. */
export interface LinkParts {
  hostname: string;
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * A root-relative path made only of characters the URL parser leaves as they are: no dot
 * segments, escapes, backslashes, query or fragment. The sites write most of their links so.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_\-/]*$/;
const NO_QUERY = new URLSearchParams();

/**
 * Parse `href` against `base`; null for anything that is not http(s). A plain root-relative path,
 * or the same plain path written after the base's own origin ("https://x.com/maya", as saved
 * pages and some sites write them), skips the URL parser (a feed reads a few links per post, and
 * `new URL` is most of that time): for such a link the parser would answer the base's host and
 * the path unchanged.
 */
export function parseHref(href: string | null | undefined, base: string): LinkParts | null {
  if (!href) return null;
  const fast = href.charCodeAt(0) === 47 /* / */ ? href : sameOriginPath(href, base);
  if (fast !== null && PLAIN_PATH.test(fast)) {
    const hostname = hostOf(base);
    if (hostname !== null) return { hostname, pathname: fast, searchParams: NO_QUERY };
  }
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The path of `href` when it starts with the base's own origin and a slash; else null. */
function sameOriginPath(href: string, base: string): string | null {
  const origin = baseParts(base).origin;
  return origin !== null && href.length > origin.length && href.startsWith(origin) && href.charCodeAt(origin.length) === 47
    ? href.slice(origin.length)
    : null;
}

function hostOf(base: string): string | null {
  return baseParts(base).hostname;
}

/**
 * The host and origin of an http(s) base URL, remembered for the last base (a page reads all its
 * posts against one). The origin is the parser's own serialisation ("https://x.com"), so only a
 * link written exactly so takes the fast path.
 */
let lastBase: { base: string; hostname: string | null; origin: string | null } | null = null;
function baseParts(base: string): { hostname: string | null; origin: string | null } {
  if (lastBase?.base !== base) {
    let hostname: string | null = null;
    let origin: string | null = null;
    try {
      const url = new URL(base);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        hostname = url.hostname;
        origin = url.origin;
      }
    } catch {
      // not a URL: the slow path below says null as well
    }
    lastBase = { base, hostname, origin };
  }
  return lastBase;
}

/** `pageUrl` when it is a usable absolute http(s) URL, else `fallback` (remembered for the last page URL). */
let lastPage: { pageUrl: string; fallback: string; base: string } | null = null;
export function baseUrl(pageUrl: string, fallback: string): string {
  if (lastPage?.pageUrl === pageUrl && lastPage.fallback === fallback) return lastPage.base;
  let base = fallback;
  try {
    const url = new URL(pageUrl);
    if (url.protocol === 'https:' || url.protocol === 'http:') base = url.href;
  } catch {
    // keep the fallback
  }
  lastPage = { pageUrl, fallback, base };
  return base;
}

/** An ISO 8601 time from a `datetime` attribute, or null when it is not one. */
export function isoTime(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/**
 * A stable short hash of `input` (two FNV-1a 32-bit passes with different offset bases, in base
 * 36): the post id of a post whose page carries none. Not cryptographic; it only has to tell the
 * posts in one customer's history apart.
 */
export function stableHash(input: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(36).padStart(7, '0') + (b >>> 0).toString(36).padStart(7, '0');
}

export const NO_FLAGS: PostFlags = {
  repost: false,
  pinned: false,
  promoted: false,
  suggested: false,
  reply: false,
  quote: false,
  mediaOnly: false,
  article: false,
};

/** What an adapter read, before validation. */
export interface PostDraft {
  site: PostRef['site'];
  postId: string;
  permalink: string | null;
  author: string;
  authorName: string;
  text: string;
  postedAt: string | null;
  repostedBy: string | null;
  flags: Partial<PostFlags>;
}

/**
 * The PostRef, or null. Text is capped, a bad permalink or time is dropped rather than losing the
 * post, and an id or handle PostRefSchema would reject means the post is not one we can credit.
 */
/** An absolute http(s) URL with a host and a path, no spaces: what a permalink must be (adapters build them). */
const ABSOLUTE_WEB_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/[^\s]*$/;

export function finishPost(draft: PostDraft): PostRef | null {
  let permalink = draft.permalink;
  if (permalink !== null && (permalink.length > 2000 || !ABSOLUTE_WEB_URL.test(permalink))) {
    permalink = null;
  }
  if (!POST_ID_SHAPE.test(draft.postId) || !HANDLE_SHAPE.test(draft.author)) return null;
  const repostedBy = draft.repostedBy !== null && HANDLE_SHAPE.test(draft.repostedBy) ? draft.repostedBy : null;
  return {
    site: draft.site,
    postId: draft.postId,
    permalink,
    author: draft.author,
    authorName: cleanName(draft.authorName) || draft.author,
    text: capText(draft.text),
    postedAt: isoTime(draft.postedAt),
    repostedBy,
    flags: { ...NO_FLAGS, ...draft.flags },
  };
}

/** Run a reader that must never throw on page markup; a throw means "not a post". */
export function totally<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** Insert right after `anchor`, inside its parent; the container itself when `anchor` is missing. */
export function slotAfter(anchor: Element | null | undefined, container: Element): BadgeSlot {
  const parent = anchor?.parentElement;
  if (anchor && parent && container.contains(parent)) return { parent, before: anchor.nextSibling };
  return { parent: container, before: null };
}
