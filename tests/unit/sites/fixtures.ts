import fs from 'node:fs';
import path from 'node:path';
import type { PostFlags, PostRef } from '../../../lib/model/post';
import type { SiteAdapter } from '../../../lib/sites';

/** The project's own site fixtures (written for Switchboard). */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/sites');

/** Parse a whole HTML page into its own document (needs the jsdom environment). */
export function loadHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function loadFixture(site: string, name: string): Document {
  return loadHtml(fs.readFileSync(path.join(FIXTURES, site, name), 'utf8'));
}

/** The names of the flags that are set, sorted: compact to compare. */
export function setFlags(flags: PostFlags): string[] {
  return (Object.keys(flags) as (keyof PostFlags)[]).filter((k) => flags[k]).sort();
}

/** Every post the adapter finds in `doc`, read. */
export function readAll(adapter: SiteAdapter, doc: Document, pageUrl: string): (PostRef | null)[] {
  return adapter.findPosts(doc).map((el) => adapter.readPost(el, pageUrl));
}

/** A compact row per post: id, author and set flags (and the reposter when there is one). */
export function summary(refs: (PostRef | null)[]): (string | null)[] {
  return refs.map((r) =>
    r ? [r.postId, r.author, setFlags(r.flags).join('+') || '-', ...(r.repostedBy ? [`by ${r.repostedBy}`] : [])].join(' ') : null,
  );
}
