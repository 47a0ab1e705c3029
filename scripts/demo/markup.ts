/**
 * Pages in the shape of the real X, Facebook and Instagram markup (the same hooks the adapters
 * read: data-testid, role, aria-posinset, permalink shapes), built from posts we write. Used by
 * the demo (`npm start`), the end-to-end tests and the benchmark.
 */

export interface DemoPost {
  id: string;
  handle: string;
  name: string;
  text: string;
  /** ISO time; defaults to a fixed moment so pages are reproducible. */
  postedAt?: string;
  /** X: "<reposter> reposted". */
  repostedBy?: string;
  promoted?: boolean;
  /** Instagram: from an account the reader does not follow. */
  suggested?: boolean;
}

const DEFAULT_TIME = '2026-11-23T09:30:00.000Z';

/** Escape for text content and attribute values: the page must show hostile text as text. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

const X_ACTIONS = `<div role="group" aria-label="Replies, reposts, likes" style="display:flex;gap:48px;margin-top:8px;color:#536471">
<button data-testid="reply" aria-label="Reply" style="all:unset">↩ 2</button><button data-testid="retweet" aria-label="Repost" style="all:unset">⇄ 4</button><button data-testid="like" aria-label="Like" style="all:unset">♡ 12</button></div>`;

/** One X timeline cell: `cellInnerDiv` > `article[data-testid=tweet]`, as x.com renders it. */
export function xCell(post: DemoPost): string {
  const time = post.postedAt ?? DEFAULT_TIME;
  const handle = escapeHtml(post.handle);
  const social = post.repostedBy
    ? `<div data-testid="socialContext" style="color:#536471;font-size:13px;margin-left:52px"><a href="/${escapeHtml(post.repostedBy)}" role="link" style="color:inherit">${escapeHtml(post.repostedBy)} reposted</a></div>`
    : '';
  const when = post.promoted
    ? `<span style="color:#536471">Ad</span>`
    : `<a href="/${handle}/status/${escapeHtml(post.id)}" role="link" style="color:#536471;text-decoration:none"><time datetime="${time}">${shortDate(time)}</time></a>`;
  const text = post.text
    ? `<div data-testid="tweetText" lang="en" dir="auto" style="white-space:pre-wrap;margin-top:2px"><span>${escapeHtml(post.text)}</span></div>`
    : `<div aria-label="Image" data-testid="tweetPhoto" style="height:120px;background:#cfd9de;border-radius:16px;margin-top:8px"></div>`;
  // Real promoted posts show "Ad" instead of a time; their status id stays in the analytics link.
  const analytics = `<a href="/${handle}/status/${escapeHtml(post.id)}/analytics" aria-label="View post analytics" style="color:#536471;text-decoration:none">▤</a>`;
  return `<div data-testid="cellInnerDiv" style="border-bottom:1px solid #eff3f4">
<div><div><article data-testid="tweet" role="article" tabindex="0" aria-labelledby="id-${escapeHtml(post.id)}" style="padding:12px 16px;display:block">
${social}
<div style="display:flex;gap:12px"><div style="flex:none;width:40px;height:40px;border-radius:50%;background:#1d9bf0" data-testid="Tweet-User-Avatar"></div>
<div style="flex:1;min-width:0">
<div style="display:flex;justify-content:space-between;align-items:center;gap:4px">
<div style="display:flex;align-items:center;min-width:0;flex-shrink:1"><div style="min-width:0;flex-shrink:1">
<div data-testid="User-Name" style="display:flex;gap:4px;align-items:center;min-width:0;white-space:nowrap">
<div style="min-width:0;overflow:hidden;text-overflow:ellipsis"><a href="/${handle}" role="link" style="color:#0f1419;font-weight:700;text-decoration:none"><span>${escapeHtml(post.name)}</span></a></div>
<div style="display:flex;gap:4px;min-width:0;color:#536471"><a href="/${handle}" role="link" tabindex="-1" style="min-width:0;overflow:hidden;text-overflow:ellipsis;color:inherit;text-decoration:none"><span>@${handle}</span></a><span aria-hidden="true">·</span>${when}</div>
</div></div></div>
<button aria-label="More" data-testid="caret" style="all:unset;color:#536471;padding:0 4px">⋯</button>
</div>
${text}
${X_ACTIONS.replace('</div>', `${analytics}</div>`)}
</div></div>
</article></div></div></div>`;
}

/** One Facebook News Feed story: `div[aria-posinset]` with the ad-rendering hooks. */
export function facebookStory(post: DemoPost, position: number): string {
  const handle = escapeHtml(post.handle);
  const sponsored = post.promoted
    ? `<a href="https://www.facebook.com/ads/about/?entry_product=ad_preferences" style="color:#65676b">Sponsored</a>`
    : `<a href="https://www.facebook.com/${handle}/posts/${escapeHtml(post.id)}" style="color:#65676b">2h</a>`;
  // Today's feed unit is the `aria-posinset` element itself; nested role=article are its comments.
  return `<div aria-posinset="${position}" aria-setsize="-1" aria-labelledby="fb-${escapeHtml(post.id)}" style="margin:16px 0">
<div style="background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.2)">
<div style="display:flex;gap:8px;align-items:center"><div style="width:40px;height:40px;border-radius:50%;background:#1877f2"></div>
<div><h4 id="fb-${escapeHtml(post.id)}" style="margin:0"><span data-ad-rendering-role="profile_name"><a href="https://www.facebook.com/${handle}" style="color:#050505;font-weight:600;text-decoration:none">${escapeHtml(post.name)}</a></span></h4>
<div style="font-size:13px">${sponsored}</div></div></div>
<div data-ad-rendering-role="story_message" style="margin-top:8px"><div data-ad-preview="message" dir="auto"><span>${escapeHtml(post.text)}</span></div></div>
<div role="toolbar" style="display:flex;gap:40px;margin-top:8px;color:#65676b"><span>Like</span><span>Comment</span><span>Share</span></div>
</div></div>`;
}

/** One Instagram feed `article` with a `/p/<code>/` permalink and a caption after the action bar. */
export function instagramArticle(post: DemoPost): string {
  const handle = escapeHtml(post.handle);
  const time = post.postedAt ?? DEFAULT_TIME;
  const follow = post.suggested ? `<button type="button" style="all:unset;color:#0095f6;font-weight:600">Follow</button>` : '';
  return `<article style="max-width:470px;margin:0 auto 16px;border-bottom:1px solid #dbdbdb;padding-bottom:12px">
<div style="display:flex;gap:8px;align-items:center;padding:8px 0"><div style="width:32px;height:32px;border-radius:50%;background:#c13584"></div>
<div><a href="/${handle}/" role="link" style="color:#000;font-weight:600;text-decoration:none"><span>${handle}</span></a> <span>•</span> <a href="/p/${escapeHtml(post.id)}/" role="link" style="color:#737373;text-decoration:none"><time datetime="${time}">1d</time></a> ${follow}</div></div>
<div style="height:240px;background:linear-gradient(135deg,#feda75,#d62976)" role="presentation"></div>
<section style="display:flex;gap:16px;padding:8px 0"><span>♡</span><span>💬</span><span>➤</span></section>
<div><span><a href="/${handle}/" role="link" style="color:#000;font-weight:600;text-decoration:none">${handle}</a> <span dir="auto">${escapeHtml(post.text)}</span></span></div>
</article>`;
}

/** The "You're all caught up" block: not a post. */
export const INSTAGRAM_CAUGHT_UP = `<div style="text-align:center;padding:24px"><span>You're all caught up</span><div>You've seen all new posts from the past 3 days.</div></div>
<div style="padding:8px 0;font-weight:600"><span>Suggested Posts</span></div>`;

export type DemoSite = 'x' | 'facebook' | 'instagram';

const PAGE_STYLE: Record<DemoSite, string> = {
  x: 'background:#fff;color:#0f1419;font:15px/20px -apple-system,"Segoe UI",Roboto,sans-serif;margin:0',
  facebook: 'background:#f0f2f5;color:#050505;font:15px/20px -apple-system,"Segoe UI",Roboto,sans-serif;margin:0',
  instagram: 'background:#fff;color:#000;font:14px/18px -apple-system,"Segoe UI",Roboto,sans-serif;margin:0',
};

/** A whole feed page for one site. */
export function feedPage(site: DemoSite, posts: DemoPost[], options: { title?: string; dark?: boolean } = {}): string {
  let body: string;
  if (site === 'x') {
    body = `<main role="main" style="max-width:600px;margin:0 auto;border-inline:1px solid #eff3f4"><div aria-label="Timeline: Your Home Timeline"><div id="timeline" style="position:relative">${posts.map(xCell).join('\n')}</div></div></main>`;
  } else if (site === 'facebook') {
    body = `<div role="main" style="max-width:680px;margin:0 auto"><div role="feed" id="timeline">${posts.map((p, i) => facebookStory(p, i + 1)).join('\n')}</div></div>`;
  } else {
    const half = Math.ceil(posts.length / 2);
    body = `<main role="main"><div id="timeline" style="padding-top:16px">${posts.slice(0, half).map(instagramArticle).join('\n')}${INSTAGRAM_CAUGHT_UP}${posts.slice(half).map(instagramArticle).join('\n')}</div></main>`;
  }
  const style = options.dark ? PAGE_STYLE[site].replace(/background:#[0-9a-f]+;color:#[0-9a-f]+/, 'background:#000;color:#e7e9ea') : PAGE_STYLE[site];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? `Demo ${site} feed`)}</title></head><body style='${style}'>${body}</body></html>`;
}
