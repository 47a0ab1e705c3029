// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { feedPage } from '../../../scripts/demo/markup';
import { DEMO_POSTS } from '../../../scripts/demo/posts';
import { adapterForHost } from '../../../lib/sites';

/** The demo feeds (npm start, the e2e tests, the benchmark) must read like the real sites. */
describe('demo feeds', () => {
  for (const [site, host] of [['x', 'x.com'], ['facebook', 'www.facebook.com'], ['instagram', 'www.instagram.com']] as const) {
    it(`${site}: the adapter finds and reads every demo post`, () => {
      document.documentElement.innerHTML = feedPage(site, DEMO_POSTS[site]).replace(/^<!doctype html><html lang="en">/, '').replace(/<\/html>$/, '');
      const adapter = adapterForHost(host)!;
      const posts = adapter.findPosts(document.body);
      const refs = posts.map((el) => adapter.readPost(el, `https://${host}/`));
      expect(refs.map((r) => r?.author)).toEqual(DEMO_POSTS[site].map((p) => p.handle.toLowerCase()));
      expect(refs.map((r) => r?.postId)).toEqual(DEMO_POSTS[site].map((p) => (site === 'facebook' && p.promoted ? expect.stringMatching(/^h:/) : p.id)));
      expect(refs.filter((r) => r?.flags.promoted).length).toBe(DEMO_POSTS[site].filter((p) => p.promoted).length);
      if (site === 'instagram') expect(refs.filter((r) => r?.flags.suggested).length).toBe(DEMO_POSTS[site].filter((p) => p.suggested).length);
      if (site === 'x') expect(refs.find((r) => r?.postId === '1861000000000000004')?.repostedBy).toBe('lumenbikes');
    });
  }
});
