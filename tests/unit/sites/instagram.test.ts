// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { instagramAdapter } from '../../../lib/sites/instagram';
import { loadFixture, readAll, summary } from './fixtures';

const FEED = 'https://www.instagram.com/';

describe('Instagram adapter: home feed', () => {
  const doc = loadFixture('instagram', 'home-feed.html');
  const posts = instagramAdapter.findPosts(doc);

  it('finds the posts and reels, not the caught-up block, the divider or an article without a permalink', () => {
    expect(doc.querySelectorAll('article')).toHaveLength(5);
    expect(posts).toHaveLength(4);
    expect(posts.some((p) => p.textContent!.includes('caught up') || p.textContent!.includes('Get the Instagram app'))).toBe(false);
    expect(instagramAdapter.readPost(doc.querySelectorAll('article')[3]!, FEED)).toBeNull();
  });

  it('reads shortcodes, authors and flags', () => {
    expect(summary(readAll(instagramAdapter, doc, FEED))).toEqual([
      'C8bDesk0001 brightdesk -',
      'C8Zeta00002 zetacloud.hq suggested',
      'C8Reel00003 ops.weekly mediaOnly',
      'C8Dana00004 dana.reyes -',
    ]);
  });

  it('reads the caption (not the comments), with line breaks and emoji, and the time', () => {
    const ref = instagramAdapter.readPost(posts[0]!, FEED)!;
    expect(ref.text).toBe('Shared inboxes are here for every plan 🎉\nThanks @dana.reyes for the idea! #helpdesk');
    expect(ref.postedAt).toBe('2025-11-19T10:00:00.000Z');
    expect(ref.permalink).toBe('https://www.instagram.com/p/C8bDesk0001/');
  });

  it('leaves out the "more" control and takes a reel permalink from the time link', () => {
    expect(instagramAdapter.readPost(posts[1]!, FEED)!.text).toBe('Migrate your tickets in a day.');
    const reel = instagramAdapter.readPost(posts[2]!, FEED)!;
    expect(reel.permalink).toBe('https://www.instagram.com/reel/C8Reel00003/');
    expect(reel.text).toBe(''); // the only line below the bar is another user's comment
  });

  it('reads the older <header> layout with absolute links and an offset time', () => {
    const ref = instagramAdapter.readPost(posts[3]!, FEED)!;
    expect(ref.text).toBe('Team offsite, finally no tickets for a day.');
    expect(ref.postedAt).toBe('2025-11-17T12:00:00+01:00');
  });

  it('finds the post from anything inside it and nothing from the divider', () => {
    const time = posts[1]!.querySelector('time')!;
    expect(instagramAdapter.closestPost(time.firstChild!)).toBe(posts[1]);
    const divider = Array.from(doc.querySelectorAll('h3')).find((h) => h.textContent === 'Suggested Posts')!;
    expect(instagramAdapter.closestPost(divider)).toBeNull();
    expect(instagramAdapter.findPosts(posts[0]!)).toEqual([posts[0]]);
  });

  it('puts the badge right after the author link in the header', () => {
    const slot = instagramAdapter.badgeSlot(posts[0]!);
    const link = posts[0]!.querySelector('a[href="/brightdesk/"]')!;
    expect(slot).toEqual({ parent: link.parentElement, before: link.nextSibling });
  });
});
