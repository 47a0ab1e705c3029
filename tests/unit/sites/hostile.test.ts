// @vitest-environment jsdom
/**
 * Bad input: posts with no author, no text, a 50,000-character text, hostile text, names with
 * bidi overrides and zero-width characters, markup no adapter recognises. readPost never throws,
 * never parses page text as HTML, and returns null rather than a post it cannot credit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PostRefSchema } from '../../../lib/model/post';
import { ADAPTERS, facebookAdapter, instagramAdapter, xAdapter } from '../../../lib/sites';
import type { SiteAdapter } from '../../../lib/sites';
import { FIXTURES, loadFixture, loadHtml } from './fixtures';

const HOSTILE = [
  '<img src=x onerror="globalThis.__pwned=1">',
  '</style><script>globalThis.__pwned=1</script>',
  '"><svg onload=alert(1)>',
  '\u202Egnp.exe\u202C and \u2066isolated\u2069',
  'zero\u200Bwidth\u200Cjoin\u200Dner\uFEFF',
];

interface Case {
  adapter: SiteAdapter;
  fixture: [string, string];
  pageUrl: string;
  /** The element holding the first post's text, and its name. */
  text: (post: Element) => Element;
  name: (post: Element) => Element;
  /** What removes every sign of the author. */
  stripAuthor: (post: Element) => void;
}

const CASES: Case[] = [
  {
    adapter: xAdapter,
    fixture: ['x', 'home-timeline.html'],
    pageUrl: 'https://x.com/home',
    text: (p) => p.querySelector('[data-testid="tweetText"]')!,
    name: (p) => p.querySelector('[data-testid="User-Name"] a span span')!,
    stripAuthor: (p) => p.querySelectorAll('a').forEach((a) => a.removeAttribute('href')),
  },
  {
    adapter: facebookAdapter,
    fixture: ['facebook', 'news-feed.html'],
    pageUrl: 'https://www.facebook.com/',
    text: (p) => p.querySelector('[data-ad-preview="message"]')!,
    name: (p) => p.querySelector('h4 strong span')!,
    stripAuthor: (p) => p.querySelectorAll('a').forEach((a) => a.remove()),
  },
  {
    adapter: instagramAdapter,
    fixture: ['instagram', 'home-feed.html'],
    pageUrl: 'https://www.instagram.com/',
    text: (p) => p.querySelector('section ~ div span[dir="auto"] span[dir="auto"]')!,
    name: (p) => p.querySelector('a[href="/brightdesk/"] span')!,
    stripAuthor: (p) => p.querySelectorAll('a:not([href*="/p/"])').forEach((a) => a.remove()),
  },
];

function firstPost(c: Case): { doc: Document; post: Element } {
  const doc = loadFixture(...c.fixture);
  return { doc, post: c.adapter.findPosts(doc)[0]! };
}

describe.each(CASES.map((c) => [c.adapter.site, c] as const))('%s adapter on bad input', (_site, c) => {
  it('keeps hostile text as plain characters and never creates or runs markup', () => {
    for (const hostile of HOSTILE) {
      const { doc, post } = firstPost(c);
      c.text(post).textContent = hostile;
      const before = doc.getElementsByTagName('*').length;
      const ref = c.adapter.readPost(post, c.pageUrl)!;
      expect(ref).not.toBeNull();
      expect(ref.text).toBe(hostile.trim());
      expect(doc.getElementsByTagName('*').length).toBe(before);
      expect(doc.querySelector('img[src="x"], script, svg[onload]')).toBeNull();
      expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
    }
  });

  it('caps a 50,000-character text to the stored maximum', () => {
    const { post } = firstPost(c);
    c.text(post).textContent = 'buy now '.repeat(6250);
    const ref = c.adapter.readPost(post, c.pageUrl)!;
    expect(ref.text.length).toBe(1000);
    expect(PostRefSchema.safeParse(ref).success).toBe(true);
  });

  it('strips bidi controls and zero-width characters from the display name', () => {
    const { post } = firstPost(c);
    c.name(post).textContent = '\u202EBright\u200BDesk\u202C \u2067Support\u2069';
    expect(c.adapter.readPost(post, c.pageUrl)!.authorName).toBe('BrightDesk Support');
  });

  it('gives a post with no text an empty text and the mediaOnly flag', () => {
    const { post } = firstPost(c);
    c.text(post).remove();
    const ref = c.adapter.readPost(post, c.pageUrl)!;
    expect(ref.text).toBe('');
    expect(ref.flags.mediaOnly).toBe(true);
  });

  it('returns null for a post with no author', () => {
    const { post } = firstPost(c);
    c.stripAuthor(post);
    expect(c.adapter.readPost(post, c.pageUrl)).toBeNull();
  });

  it('returns null, not an invalid PostRef, when the author link is not a handle', () => {
    const { post } = firstPost(c);
    for (const a of Array.from(post.querySelectorAll('a[href]'))) {
      const href = a.getAttribute('href')!;
      a.setAttribute('href', href.replace(/(facebook\.com\/|^\/)[^/?]+/, '$1%3Cimg%20src%3Dx%3E'));
    }
    expect(c.adapter.readPost(post, c.pageUrl)).toBeNull();
  });

  it('survives a bad page URL', () => {
    const { post } = firstPost(c);
    for (const url of ['', 'not a url', 'javascript:alert(1)']) {
      expect(() => c.adapter.readPost(post, url)).not.toThrow();
    }
  });
});

describe('markup no adapter recognises', () => {
  const junk = [
    '<div><article><p>just an article</p></article><div role="article">x</div></div>',
    '<article data-testid="tweet"></article>',
    '<article data-testid="tweet"><div data-testid="User-Name"><a href="/">@</a></div><a href="/x/status/abc"><time datetime="yesterday">1</time></a></article>',
    '<div role="feed"><div aria-posinset="1"><h4><a href="/groups/1/">Group</a></h4></div></div>',
    '<article><a href="/p/../">x</a><a href="/reels/audio/1234567/">audio</a></article>',
    '<article><a href="/p/ABCDEFG/"><time datetime="2025-01-01T00:00:00Z">x</time></a></article>',
  ];

  it('never throws and finds no post it cannot credit', () => {
    for (const html of junk) {
      const doc = loadHtml(`<!DOCTYPE html><html><body>${html}</body></html>`);
      for (const adapter of ADAPTERS) {
        for (const el of [doc.documentElement, ...Array.from(doc.querySelectorAll('*'))]) {
          expect(() => adapter.readPost(el, 'https://x.com/home')).not.toThrow();
          expect(adapter.readPost(el, 'https://x.com/home')).toBeNull();
          expect(() => adapter.badgeSlot(el)).not.toThrow();
          expect(() => adapter.closestPost(el.firstChild ?? el)).not.toThrow();
        }
        expect(() => adapter.findPosts(doc)).not.toThrow();
      }
    }
  });

  it('never throws on damaged copies of every fixture (random elements removed)', () => {
    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const site of fs.readdirSync(FIXTURES)) {
      const adapter = ADAPTERS.find((a) => a.site === site)!;
      for (const file of fs.readdirSync(path.join(FIXTURES, site))) {
        for (let round = 0; round < 5; round++) {
          const doc = loadFixture(site, file);
          for (const el of Array.from(doc.body.querySelectorAll('*'))) if (random() < 0.15) el.remove();
          for (const el of Array.from(doc.querySelectorAll('*'))) {
            const ref = adapter.readPost(el, 'https://example.invalid/');
            if (ref) expect(PostRefSchema.safeParse(ref).success).toBe(true);
          }
        }
      }
    }
  });
});
