// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFeed, type BadgeHandle, type BadgeView, type Lifetime } from '../../../lib/feed/runtime';
import type { Inference, PostRef } from '../../../lib/model';
import type { SiteAdapter } from '../../../lib/sites/types';

/** A toy site: `<article data-id data-author>` posts, text in `<p>`. Enough to drive the runtime. */
const POST = 'article[data-id]';
function toyAdapter(): SiteAdapter & { findPostsCalls: ParentNode[] } {
  const findPostsCalls: ParentNode[] = [];
  return {
    site: 'x',
    hosts: ['x.com'],
    findPostsCalls,
    findPosts(root) {
      findPostsCalls.push(root);
      const found = [...root.querySelectorAll(POST)];
      if (root instanceof Element && root.matches(POST)) found.unshift(root);
      return found;
    },
    closestPost(node) {
      const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
      return el?.closest(POST) ?? null;
    },
    readPost(el): PostRef | null {
      const author = el.getAttribute('data-author');
      if (!author) return null;
      return {
        site: 'x', postId: el.getAttribute('data-id')!, permalink: null, author, authorName: author,
        text: el.querySelector('p')?.textContent ?? '', postedAt: null, repostedBy: null,
        flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
      };
    },
    badgeSlot(el) {
      return { parent: el, before: el.firstChild };
    },
  };
}

const inference: Inference = { stage: 'purchase', department: 'sales', confidence: 0.8, personaHint: 'Asking for a price', signals: [] };

/** Frames run when the test says so: the runtime must batch per frame, not per mutation. */
function manualFrames() {
  const queue: Array<() => void> = [];
  const controller = new AbortController();
  const locationListeners: Array<() => void> = [];
  const lifetime: Lifetime = {
    signal: controller.signal,
    requestAnimationFrame: (callback) => void queue.push(callback),
    onLocationChange: (callback) => locationListeners.push(callback),
  };
  return {
    lifetime,
    controller,
    navigate: () => locationListeners.forEach((listener) => listener()),
    /** Let the MutationObserver deliver, then run the frames it asked for. */
    async frame() {
      await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
      queue.splice(0).forEach((callback) => callback());
    },
  };
}

function mountSpy() {
  const mounted: Array<{ view: BadgeView; handle: BadgeHandle; unmounted: boolean }> = [];
  const mountBadge = (view: BadgeView): BadgeHandle => {
    const host = document.createElement('switchboard-badge');
    host.setAttribute('data-post-id', view.post.postId);
    const entry = {
      view,
      unmounted: false,
      handle: {
        host,
        update(next: BadgeView) {
          entry.view = next;
          host.setAttribute('data-post-id', next.post.postId);
        },
        unmount() {
          entry.unmounted = true;
        },
      },
    };
    mounted.push(entry);
    return entry.handle;
  };
  return { mounted, mountBadge };
}

function post(id: string, author = 'dana', text = 'how much is it') {
  const el = document.createElement('article');
  el.dataset.id = id;
  el.dataset.author = author;
  const p = document.createElement('p');
  p.textContent = text;
  el.append(p);
  return el;
}

describe('feed runtime', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('badges the posts already on the page, one badge each, in one frame', async () => {
    document.body.append(post('1'), post('2'));
    const frames = manualFrames();
    const { mounted, mountBadge } = mountSpy();
    const shown = vi.fn();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge, onPostsShown: shown });
    await frames.frame();
    expect(document.querySelectorAll('switchboard-badge')).toHaveLength(2);
    expect(mounted.map((m) => m.view.post.postId).sort()).toEqual(['1', '2']);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(feed.trackedCount).toBe(2);
    feed.stop();
  });

  it('batches many appended posts into one frame and never rescans the document for them', async () => {
    const frames = manualFrames();
    const adapter = toyAdapter();
    const { mountBadge } = mountSpy();
    const shown = vi.fn();
    const feed = startFeed({ adapter, document, lifetime: frames.lifetime, infer: () => inference, mountBadge, onPostsShown: shown });
    await frames.frame();
    adapter.findPostsCalls.length = 0;
    shown.mockClear();
    for (let i = 0; i < 50; i++) document.body.append(post(`n${i}`));
    await frames.frame();
    expect(document.querySelectorAll('switchboard-badge')).toHaveLength(50);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(adapter.findPostsCalls).not.toContain(document);
    expect(adapter.findPostsCalls).not.toContain(document.body);
    feed.stop();
  });

  it('follows a recycled element to the post it shows now', async () => {
    const el = post('1', 'dana', 'first text');
    document.body.append(el);
    const frames = manualFrames();
    const { mounted, mountBadge } = mountSpy();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    // Recycle the cell in place, as X does: same element, another post.
    el.dataset.id = '2';
    el.dataset.author = 'sam';
    el.querySelector('p')!.firstChild!.nodeValue = 'second text';
    await frames.frame();
    expect(mounted).toHaveLength(1);
    expect(mounted[0]!.view.post.postId).toBe('2');
    expect(mounted[0]!.view.post.author).toBe('sam');
    expect(el.querySelectorAll('switchboard-badge')).toHaveLength(1);
    expect(el.querySelector('switchboard-badge')!.getAttribute('data-post-id')).toBe('2');
    feed.stop();
  });

  it('unmounts the badge of a post that leaves the DOM', async () => {
    const el = post('1');
    document.body.append(el, post('2'));
    const frames = manualFrames();
    const { mounted, mountBadge } = mountSpy();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    el.remove();
    await frames.frame();
    expect(mounted.find((m) => m.view.post.postId === '1')!.unmounted).toBe(true);
    expect(mounted.find((m) => m.view.post.postId === '2')!.unmounted).toBe(false);
    expect(feed.trackedCount).toBe(1);
    feed.stop();
  });

  it('puts the badge back when the site re-renders the post and drops it', async () => {
    const el = post('1');
    document.body.append(el);
    const frames = manualFrames();
    const { mounted, mountBadge } = mountSpy();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    el.querySelector('switchboard-badge')!.remove();
    await frames.frame();
    expect(el.querySelectorAll('switchboard-badge')).toHaveLength(1);
    expect(mounted).toHaveLength(1);
    feed.stop();
  });

  it('drops the badge of an element that stops being a post', async () => {
    const el = post('1');
    document.body.append(el);
    const frames = manualFrames();
    const { mounted, mountBadge } = mountSpy();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    delete el.dataset.author;
    el.querySelector('p')!.textContent = 'not a post any more';
    await frames.frame();
    expect(el.querySelector('switchboard-badge')).toBeNull();
    expect(mounted[0]!.unmounted).toBe(true);
    feed.stop();
  });

  it('ignores its own badge insertions (no re-read loop)', async () => {
    document.body.append(post('1'));
    const frames = manualFrames();
    const adapter = toyAdapter();
    const readPost = vi.spyOn(adapter, 'readPost');
    const { mountBadge } = mountSpy();
    const feed = startFeed({ adapter, document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    await frames.frame();
    await frames.frame();
    expect(readPost).toHaveBeenCalledTimes(1);
    feed.stop();
  });

  it('hides and shows every badge, new ones included', async () => {
    document.body.append(post('1'));
    const frames = manualFrames();
    const { mountBadge } = mountSpy();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    feed.setBadgesHidden(true);
    document.body.append(post('2'));
    await frames.frame();
    const hosts = [...document.querySelectorAll<HTMLElement>('switchboard-badge')];
    expect(hosts).toHaveLength(2);
    expect(hosts.every((host) => host.hidden)).toBe(true);
    feed.setBadgesHidden(false);
    expect(hosts.every((host) => !host.hidden)).toBe(true);
    feed.stop();
  });

  it('rescans after single-page navigation', async () => {
    document.body.append(post('1'));
    const frames = manualFrames();
    const { mountBadge } = mountSpy();
    const adapter = toyAdapter();
    const feed = startFeed({ adapter, document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    adapter.findPostsCalls.length = 0;
    frames.navigate();
    await frames.frame();
    expect(adapter.findPostsCalls).toContain(document.body);
    feed.stop();
  });

  it('stops everything when its context is invalidated (extension reload)', async () => {
    document.body.append(post('1'));
    const frames = manualFrames();
    const { mounted, mountBadge } = mountSpy();
    const feed = startFeed({ adapter: toyAdapter(), document, lifetime: frames.lifetime, infer: () => inference, mountBadge });
    await frames.frame();
    frames.controller.abort();
    expect(mounted[0]!.unmounted).toBe(true);
    expect(document.querySelector('switchboard-badge')).toBeNull();
    document.body.append(post('2'));
    await frames.frame();
    expect(document.querySelector('switchboard-badge')).toBeNull();
    expect(feed.trackedCount).toBe(0);
  });
});
