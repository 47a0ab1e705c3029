// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../lib/sites/x';
import { loadFixture, readAll, summary } from './fixtures';

const HOME = 'https://x.com/home';

describe('X adapter: home timeline', () => {
  const doc = loadFixture('x', 'home-timeline.html');

  it('finds the eight posts and no other cell (who to follow, show more, nested quote)', () => {
    const posts = xAdapter.findPosts(doc);
    expect(posts).toHaveLength(8);
    expect(doc.querySelectorAll('article[data-testid="tweet"]')).toHaveLength(9);
    expect(posts.every((p) => !p.parentElement?.closest('article'))).toBe(true);
  });

  it('reads id, author and flags of each kind of post', () => {
    expect(summary(readAll(xAdapter, doc, HOME))).toEqual([
      '1860000000000000001 dana_r -',
      '1860000000000000002 brightdesk repost by sam_ops',
      '1860000000000000003 zetacloud promoted',
      '1860000000000000004 lee_m reply',
      '1860000000000000005 priya_k quote',
      '1860000000000000006 photo_jo mediaOnly',
      '1860000000000000007 longreads article',
      '1860000000000000008 mo_builds quote',
    ]);
  });

  it('reads the ordinary post in full', () => {
    const ref = xAdapter.readPost(xAdapter.findPosts(doc)[0]!, HOME);
    expect(ref).toEqual({
      site: 'x',
      postId: '1860000000000000001',
      permalink: 'https://x.com/dana_r/status/1860000000000000001',
      author: 'dana_r',
      authorName: 'Dana Reyes',
      text: 'Thinking about switching CRMs. Anyone tried @acmecrm?\nNeed something for a team of 12.',
      postedAt: '2025-11-20T20:00:00.000Z',
      repostedBy: null,
      flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
    });
  });

  it("keeps a quoted tweet's text, time and author out of the post, and reads emoji images", () => {
    const quote = xAdapter.readPost(xAdapter.findPosts(doc)[4]!, HOME)!;
    expect(quote.text).toBe('This is exactly why we moved off spreadsheets 👇');
    expect(quote.authorName).toBe('Priya K 🚀');
    expect(quote.postedAt).toBe('2025-11-20T17:00:00.000Z');
    const nested = xAdapter.readPost(xAdapter.findPosts(doc)[7]!, HOME)!;
    expect(nested.text).toBe('Agreed with every word of this.');
    expect(nested.postedAt).toBe('2025-11-20T13:00:00.000Z');
  });

  it('credits a repost to the original author and notes the reposter', () => {
    const ref = xAdapter.readPost(xAdapter.findPosts(doc)[1]!, HOME)!;
    expect(ref.author).toBe('brightdesk');
    expect(ref.repostedBy).toBe('sam_ops');
    expect(ref.permalink).toBe('https://x.com/brightdesk/status/1860000000000000002');
  });

  it('reads a promoted post without a time from its photo link', () => {
    const ref = xAdapter.readPost(xAdapter.findPosts(doc)[2]!, HOME)!;
    expect(ref.postedAt).toBeNull();
    expect(ref.permalink).toBe('https://x.com/zetacloud/status/1860000000000000003');
  });

  it('gives a media-only post and a long-form article empty or title text, still a PostRef', () => {
    const [media, article] = [5, 6].map((i) => xAdapter.readPost(xAdapter.findPosts(doc)[i]!, HOME)!);
    expect(media!.text).toBe('');
    expect(article!.text).toBe('How we cut churn in half');
  });

  it('finds the outermost post from anything inside it, quoted tweets included', () => {
    const posts = xAdapter.findPosts(doc);
    const quotedText = doc.querySelectorAll('[data-testid="tweetText"]')[5]!; // the quote inside post 5
    expect(quotedText.textContent).toContain('73% of support teams');
    expect(xAdapter.closestPost(quotedText.firstChild!.firstChild!)).toBe(posts[4]);
    const nestedArticle = posts[7]!.querySelector('article')!;
    expect(xAdapter.closestPost(nestedArticle)).toBe(posts[7]);
    expect(xAdapter.closestPost(doc.querySelector('[data-testid="UserCell"]')!)).toBeNull();
  });

  it('includes the root itself and finds posts under a single cell', () => {
    const posts = xAdapter.findPosts(doc);
    expect(xAdapter.findPosts(posts[7]!)).toEqual([posts[7]]);
    const cell = posts[2]!.closest('[data-testid="cellInnerDiv"]')!;
    expect(xAdapter.findPosts(cell)).toEqual([posts[2]]);
  });

  it('puts the badge in the header row after the name block', () => {
    for (const post of xAdapter.findPosts(doc)) {
      const slot = xAdapter.badgeSlot(post);
      const userName = post.querySelector('[data-testid="User-Name"]')!;
      expect(slot.parent).toBe(userName.parentElement!.parentElement);
      expect(slot.before).toBe(userName.parentElement!.nextSibling);
      expect(post.contains(slot.parent)).toBe(true);
    }
  });

  it('falls back to the container when there is no name line', () => {
    const bare = doc.createElement('article');
    bare.setAttribute('data-testid', 'tweet');
    expect(xAdapter.badgeSlot(bare)).toEqual({ parent: bare, before: null });
    expect(xAdapter.readPost(bare, HOME)).toBeNull();
  });
});

describe('X adapter: profile, conversation and search views', () => {
  it('flags the pinned post (social context without a link) and the profile’s repost', () => {
    const doc = loadFixture('x', 'profile.html');
    expect(summary(readAll(xAdapter, doc, 'https://x.com/BrightDesk'))).toEqual([
      '1850000000000000001 brightdesk pinned',
      '1860000000000000002 brightdesk -',
      '1860000000000000010 happy_customer repost by brightdesk',
    ]);
  });

  it('reads the focal post of a conversation (time at the bottom) and its replies', () => {
    const doc = loadFixture('x', 'status.html');
    const refs = readAll(xAdapter, doc, 'https://x.com/lee_m/status/1860000000000000004');
    expect(summary(refs)).toEqual([
      '1860000000000000004 lee_m reply',
      '1860000000000000011 brightdesk -',
      '1860000000000000012 ari_t -',
    ]);
    expect(refs[0]!.postedAt).toBe('2025-11-20T18:00:00.000Z');
  });

  it('reads search results with absolute links on twitter.com, skipping the people module', () => {
    const doc = loadFixture('x', 'search.html');
    const refs = readAll(xAdapter, doc, 'https://twitter.com/search?q=helpdesk&f=live');
    expect(summary(refs)).toEqual([
      '1860000000000000020 chen_wei -',
      '1860000000000000021 clipsdaily mediaOnly',
    ]);
    expect(refs[0]!.authorName).toBe('陈伟 Chen');
    expect(refs[0]!.permalink).toBe('https://x.com/chen_wei/status/1860000000000000020');
  });

  it('does not take a placementTracking around a video player for an ad', () => {
    const doc = loadFixture('x', 'search.html');
    const video = xAdapter.findPosts(doc)[1]!;
    expect(video.querySelector('[data-testid="placementTracking"]')).not.toBeNull();
    expect(xAdapter.readPost(video, 'https://x.com/search')!.flags.promoted).toBe(false);
  });

  it('takes a cell wrapped in placementTracking (older promoted layout) for an ad', () => {
    const doc = loadFixture('x', 'home-timeline.html');
    const post = xAdapter.findPosts(doc)[0]!;
    const wrapper = doc.createElement('div');
    wrapper.setAttribute('data-testid', 'placementTracking');
    post.replaceWith(wrapper);
    wrapper.append(post);
    expect(xAdapter.readPost(post, HOME)!.flags.promoted).toBe(true);
  });
});
