/**
 * Record keys and text limits, free of zod so that the content script can use them without
 * shipping the schemas to every page (they cost more than the rest of the badge).
 */
import type { Site } from './ids';

/** The most post text we carry anywhere (messages, storage). Longer text is cut, never rejected. */
export const POST_TEXT_MAX = 1000;

/** `<site>:<handle>`: one customer on one site. */
export function customerKey(site: Site, handle: string): `${Site}:${string}` {
  return `${site}:${handle.toLowerCase()}`;
}

/** `<site>:<postId>`: one post on one site. */
export function postKey(site: Site, postId: string): `${Site}:${string}` {
  return `${site}:${postId}`;
}

/** Cut text to the stored maximum without splitting a surrogate pair. */
export function capText(text: string, max = POST_TEXT_MAX): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
