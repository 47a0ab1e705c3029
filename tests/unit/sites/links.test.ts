import { describe, expect, it } from 'vitest';
import { baseUrl, finishPost, parseHref } from '../../../lib/sites/dom';

/** What the URL parser answers, the reference the fast path must match. */
function parsed(href: string, base: string) {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return { hostname: url.hostname, pathname: url.pathname, query: url.search };
  } catch {
    return null;
  }
}

describe('reading links', () => {
  const bases = ['https://x.com/home', 'https://www.facebook.com/groups/1/', 'http://localhost:8080/x'];
  const hrefs = [
    '/maya', '/maya/status/1861', '/maya/status/1861/photo/1', '/', '/a-b_c/',
    // Not plain: the URL parser decides.
    '//evil.example/maya', '/a/../b', '/./maya', '/%6Daya', '/maya?x=1', '/maya#top', '/ma ya', '/maya\\status',
    'maya', 'https://twitter.com/maya', 'javascript:alert(1)', 'data:text/html,hi', '', 'http://[::1', '/Ünï',
    // Absolute, on the base's origin or one that only looks like it.
    'https://x.com/maya/status/1861', 'https://x.com/', 'https://x.com', 'https://x.com.evil.example/maya', 'https://x.comx/maya',
    'https://X.com/maya', 'https://x.com:443/maya', 'https://x.com//maya', 'https://x.com/a/../b', 'https://x.com/maya?x=1',
    'http://x.com/maya', 'https://www.facebook.com/groups/1/', 'https://www.facebook.com/ma ya', 'http://localhost:8080/p/1/',
    'http://localhost:8080', 'http://localhost:80800/p', 'https://user@x.com/maya',
  ];
  it.each(bases)('answers what the URL parser would, against %s', (base) => {
    for (const href of hrefs) {
      const link = parseHref(href, base);
      const expected = href ? parsed(href, base) : null;
      expect(link && { hostname: link.hostname, pathname: link.pathname, query: link.searchParams.size ? `?${link.searchParams}` : '' }, href).toEqual(expected);
    }
  });

  it('gives nothing for a base that is not http(s)', () => {
    expect(parseHref('/maya', 'about:blank')).toBeNull();
  });

  it('falls back when the page URL is not usable, and follows the page when it moves', () => {
    expect(baseUrl('about:blank', 'https://x.com/')).toBe('https://x.com/');
    expect(baseUrl('https://x.com/home', 'https://x.com/')).toBe('https://x.com/home');
    expect(baseUrl('https://x.com/search?q=a', 'https://x.com/')).toBe('https://x.com/search?q=a');
    expect(baseUrl('not a url', 'https://x.com/')).toBe('https://x.com/');
  });
});

describe('a post as the adapters hand it over', () => {
  const draft = {
    site: 'x' as const, postId: '1861', author: 'maya', authorName: 'Maya', text: 'hi', postedAt: null, repostedBy: null, flags: {},
  };
  it('keeps an absolute http(s) permalink and drops anything else', () => {
    const cases: Array<[string, string | null]> = [
      ['https://x.com/maya/status/1861', 'https://x.com/maya/status/1861'],
      ['https://www.facebook.com/groups/1/posts/2?story_fbid=3', 'https://www.facebook.com/groups/1/posts/2?story_fbid=3'],
      ['http://localhost:8080/p/1/', 'http://localhost:8080/p/1/'],
      ['javascript:alert(1)', null],
      ['data:text/html,<b>hi</b>', null],
      ['/maya/status/1861', null],
      ['https://x.com', null],
      ['https://x.com/a b', null],
      ['https://user@x.com/maya', null],
      [`https://x.com/${'a'.repeat(2_000)}`, null],
    ];
    for (const [permalink, expected] of cases) expect(finishPost({ ...draft, permalink })?.permalink, permalink).toBe(expected);
  });
});
