// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { facebookAdapter, facebookHandle } from '../../../lib/sites/facebook';
import { loadFixture, loadHtml, readAll, summary } from './fixtures';

const FEED = 'https://www.facebook.com/';

describe('Facebook adapter: news feed', () => {
  const doc = loadFixture('facebook', 'news-feed.html');
  const posts = facebookAdapter.findPosts(doc);

  it('finds each feed story once, never a comment', () => {
    expect(posts).toHaveLength(9);
    expect(posts.every((p) => p.hasAttribute('aria-posinset'))).toBe(true);
    expect(doc.querySelectorAll('[role="article"]')).toHaveLength(2); // the two comments
  });

  it('reads ids, authors and the sponsored flag', () => {
    const rows = summary(readAll(facebookAdapter, doc, FEED));
    expect(rows).toEqual([
      'pfbid02Xk7Lm9QpR3sT5uVwXyZ1aBcDeFgH dana.reyes.77 -',
      expect.stringMatching(/^h:[0-9a-z]{14} zetacloudhq promoted$/),
      expect.stringMatching(/^h:[0-9a-z]{14} acmecrm promoted$/),
      '1234567890123456 id-100012345678901 -',
      '987650000000001 brightdeskapp -',
      expect.stringMatching(/^h:[0-9a-z]{14} id-100087654321098 -$/),
      null,
      '5566778899001122 opsweekly mediaOnly',
      expect.stringMatching(/^h:[0-9a-z]{14} id-61550000000001 promoted$/),
    ]);
  });

  it('reads the story text without "See more", with emoji, and a clean permalink', () => {
    const ref = facebookAdapter.readPost(posts[0]!, FEED)!;
    expect(ref.text).toBe('Our help desk contract ends in March.\nLooking at alternatives 🤔… any recommendations?');
    expect(ref.authorName).toBe('Dana Reyes');
    expect(ref.permalink).toBe('https://www.facebook.com/dana.reyes.77/posts/pfbid02Xk7Lm9QpR3sT5uVwXyZ1aBcDeFgH');
  });

  it('credits a group post in the feed to the member, not the group', () => {
    const ref = facebookAdapter.readPost(posts[3]!, FEED)!;
    expect(ref.author).toBe('id-100012345678901');
    expect(ref.authorName).toBe('Sam Okafor');
  });

  it('keeps comments out of the story: text, author and id are the story’s', () => {
    const ref = facebookAdapter.readPost(posts[4]!, FEED)!;
    expect(ref.text).toBe('Shared inboxes are now on every plan.');
    const comment = posts[4]!.querySelector('[role="article"]')!;
    expect(facebookAdapter.closestPost(comment.querySelector('div[dir="auto"]')!.firstChild!)).toBe(posts[4]);
    expect(facebookAdapter.findPosts(posts[4]!)).toEqual([posts[4]]);
  });

  it('gives a story without an id a stable h: hash of author and text', () => {
    const first = facebookAdapter.readPost(posts[5]!, FEED)!;
    const again = facebookAdapter.readPost(loadFixture('facebook', 'news-feed.html').querySelectorAll('[aria-posinset]')[5]!, FEED)!;
    expect(first.postId).toMatch(/^h:/);
    expect(again.postId).toBe(first.postId);
    expect(first.permalink).toBeNull();
    // A long text cut by "See more" keeps its id when expanded: only the start is hashed.
    const message = posts[5]!.querySelector('[data-ad-preview="message"] div[dir="auto"]')!;
    message.textContent = 'We compared four help desks for a month before renewing. '.repeat(4) + '…';
    const cut = facebookAdapter.readPost(posts[5]!, FEED)!.postId;
    message.textContent = 'We compared four help desks for a month before renewing. '.repeat(9);
    expect(facebookAdapter.readPost(posts[5]!, FEED)!.postId).toBe(cut);
    expect(cut).not.toBe(first.postId);
  });

  it('tells photo-only stories of one author without ids apart by their photo', () => {
    const story = (file: string) =>
      loadHtml(`<div role="feed"><div aria-posinset="1"><h4><a href="/OpsWeekly/"><strong>Ops Weekly</strong></a></h4>
        <a href="#"><img src="https://scontent.example/v/t39/${file}?oh=00_token&amp;oe=6600" alt="May be an image"></a></div></div>`);
    const read = (doc: Document) => facebookAdapter.readPost(facebookAdapter.findPosts(doc)[0]!, FEED)!;
    const a = read(story('111_222_n.jpg'));
    expect(a.postId).toMatch(/^h:/);
    expect(a.flags.mediaOnly).toBe(true);
    expect(read(story('333_444_n.jpg')).postId).not.toBe(a.postId);
    // The expiring query string does not change the id.
    expect(read(loadHtml(story('111_222_n.jpg').documentElement.outerHTML.replace('oe=6600', 'oe=7700'))).postId).toBe(a.postId);
  });

  it('recognises each sponsored marker on its own', () => {
    // Story 2: only the aria-labelledby text; story 3: only aria-label; story 9: only the SVG <use> once the ad link goes.
    expect(posts[1]!.querySelector('a[href*="/ads/about"]')).toBeNull();
    expect(posts[2]!.querySelector('a[href*="/ads/about"]')).toBeNull();
    posts[8]!.querySelector('a[href*="/ads/about"]')!.remove();
    expect(facebookAdapter.readPost(posts[8]!, FEED)!.flags.promoted).toBe(true);
    doc.getElementById('SvgT9')!.textContent = 'Shared with Public';
    expect(facebookAdapter.readPost(posts[8]!, FEED)!.flags.promoted).toBe(false);
  });

  it('puts the badge right after the author link', () => {
    const slot = facebookAdapter.badgeSlot(posts[0]!);
    const link = posts[0]!.querySelector('[data-ad-rendering-role="profile_name"] a')!;
    expect(slot).toEqual({ parent: link.parentElement, before: link.nextSibling });
    expect(facebookAdapter.badgeSlot(posts[6]!)).toEqual({ parent: posts[6], before: null });
  });
});

describe('Facebook adapter: groups and single-post pages', () => {
  it('reads a group feed with permalink and posts ids, and old data-utime times', () => {
    const doc = loadFixture('facebook', 'group.html');
    const refs = readAll(facebookAdapter, doc, 'https://www.facebook.com/groups/445566778899/');
    expect(summary(refs)).toEqual(['2233445566778899 id-100012345678901 -', '2233445566778900 id-100087654321098 -']);
    expect(refs[0]!.permalink).toBe('https://www.facebook.com/groups/445566778899/permalink/2233445566778899/');
    expect(refs[1]!.postedAt).toBe('2025-11-20T12:00:00.000Z');
  });

  it('finds the story on its own page and not its comments', () => {
    const doc = loadFixture('facebook', 'permalink.html');
    const posts = facebookAdapter.findPosts(doc);
    expect(posts).toHaveLength(1);
    expect(summary(readAll(facebookAdapter, doc, 'https://www.facebook.com/BrightDeskApp/posts/987650000000001'))).toEqual([
      '987650000000001 brightdeskapp -',
    ]);
    const comment = doc.querySelectorAll('[role="article"]')[1]!;
    expect(facebookAdapter.readPost(comment, 'https://www.facebook.com/')).toBeNull();
  });
});

describe('facebookHandle', () => {
  const base = 'https://www.facebook.com/';
  it.each([
    ['https://www.facebook.com/news.com.au/?__cft__[0]=x', 'news.com.au'],
    ['/Dana.Reyes.77', 'dana.reyes.77'],
    ['/profile.php?id=100087654321098&__tn__=x', 'id-100087654321098'],
    ['/people/Helpful-Bot-Co/61550000000001/', 'id-61550000000001'],
    ['/groups/445566778899/user/100012345678901/', 'id-100012345678901'],
    ['/groups/445566778899/', null],
    ['/watch/?v=1', null],
    ['https://evil.example/news.com.au', null],
    ['/profile.php?id=<script>', null],
    ['javascript:alert(1)', null],
  ])('%s → %s', (href, handle) => {
    expect(facebookHandle(href, base)).toBe(handle);
  });
});
