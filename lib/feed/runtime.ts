import type { Inference, PostRef } from '../model';
import type { SiteAdapter } from '../sites/types';

/**
 * The page runtime: one MutationObserver per page, work batched per animation frame, handled
 * post elements tracked, badges mounted when a post appears, re-read when the element starts
 * showing another post (X recycles timeline cells while scrolling), and unmounted when it leaves.
 * Nothing here scans the whole document on a mutation: each frame looks only at what changed.
 */

/** What a badge shows; `inference` is the engine's answer for `post`. */
export interface BadgeView {
  post: PostRef;
  inference: Inference;
}

/** A mounted badge: the element in the page and a way to change or remove it. */
export interface BadgeHandle {
  host: HTMLElement;
  update(view: BadgeView): void;
  unmount(): void;
}

/** Everything the runtime starts is tied to this: WXT's content-script context in the extension. */
export interface Lifetime {
  signal: AbortSignal;
  requestAnimationFrame(callback: () => void): void;
  onLocationChange(callback: () => void): void;
}

export interface FeedOptions {
  adapter: SiteAdapter;
  document: Document;
  lifetime: Lifetime;
  infer(post: PostRef): Inference;
  mountBadge(view: BadgeView): BadgeHandle;
  /** Called once per frame with the posts that appeared or changed in it. */
  onPostsShown?(views: BadgeView[]): void;
}

interface Tracked {
  /** What the badge shows now; compared with a fresh read to catch a recycled element. */
  signature: string;
  view: BadgeView;
  badge: BadgeHandle;
}

export interface FeedRuntime {
  /** Elements currently carrying a badge (for tests and the benchmark). */
  readonly trackedCount: number;
  /** Read everything again (navigation; settings changed). */
  rescan(): void;
  /** The posts badged now (their authors' history is what the page shows). */
  currentViews(): BadgeView[];
  /** Hide or show every badge (the keyboard shortcut); new badges follow. */
  setBadgesHidden(hidden: boolean): void;
  readonly badgesHidden: boolean;
  stop(): void;
}

function signatureOf(post: PostRef): string {
  return `${post.postId}\u0000${post.author}\u0000${post.text.length}\u0000${post.text.slice(0, 64)}`;
}

export function startFeed(options: FeedOptions): FeedRuntime {
  const { adapter, document: doc, lifetime } = options;
  const tracked = new Map<Element, Tracked>();
  /** Subtrees added since the last frame: they may hold new posts. */
  const addedRoots = new Set<Element>();
  /** Nodes changed since the last frame: the post around each may show another post now. */
  const touched = new Set<Node>();
  let pendingRemovals = false;
  let frameScheduled = false;
  let stopped = false;
  let badgesHidden = false;

  const schedule = () => {
    if (frameScheduled || stopped) return;
    frameScheduled = true;
    lifetime.requestAnimationFrame(flush);
  };

  const observer = new MutationObserver((mutations) => {
    note(mutations);
    schedule();
  });

  /** Remember what the site changed, to be resolved in the frame (not here). */
  function note(mutations: MutationRecord[]) {
    // Indexed loops: iterating a NodeList with for…of goes through the DOM's iterator objects,
    // measurably slower on a page that changes every frame.
    for (let m = 0; m < mutations.length; m++) {
      const mutation = mutations[m]!;
      if (mutation.type === 'childList') {
        if (mutation.removedNodes.length > 0) pendingRemovals = true;
        let foreignAdded = false;
        const added = mutation.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const node = added[i]!;
          const element = node.nodeType === 1; /* ELEMENT_NODE */
          if (element && isOurs(node as Element)) continue;
          foreignAdded = true;
          if (element) addedRoots.add(node as Element);
        }
        // Inserting our own badge is not news; anything else added inside a post may be.
        if (foreignAdded) touched.add(mutation.target);
      } else {
        // Text replaced or a link retargeted inside a post: the element may show another post
        // now. Remember the target and resolve its post in the frame, not here.
        touched.add(mutation.target);
      }
    }
  }

  function isOurs(el: Element): boolean {
    return el.localName === 'switchboard-badge';
  }

  function flush() {
    frameScheduled = false;
    if (stopped) return;
    // What the site changed since the observer last reported: this frame handles it too.
    note(observer.takeRecords());
    if (pendingRemovals) {
      pendingRemovals = false;
      sweepRemoved();
    }
    const candidates = new Set<Element>();
    for (const node of touched) {
      const enclosing = node.isConnected ? adapter.closestPost(node) : null;
      if (enclosing) candidates.add(enclosing);
    }
    for (const root of addedRoots) {
      if (!root.isConnected) continue;
      const enclosing = adapter.closestPost(root);
      if (enclosing) candidates.add(enclosing);
      // A leaf can hold no post; skipping it keeps text-only mutations cheap.
      if (root.firstElementChild) for (const post of adapter.findPosts(root)) candidates.add(post);
    }
    touched.clear();
    addedRoots.clear();
    const shown: BadgeView[] = [];
    for (const el of candidates) {
      const view = readView(el);
      if (view) shown.push(view);
    }
    // Our own writes (badges placed and removed) are no news: dropped here, unread, instead of
    // waking the observer with them. Only this frame's synchronous work made them.
    observer.takeRecords();
    if (shown.length > 0) options.onPostsShown?.(shown);
  }

  /** Mount, update or keep the badge of one post element; returns the view when it is new. */
  function readView(el: Element): BadgeView | null {
    const existing = tracked.get(el);
    const post = adapter.readPost(el, doc.location.href);
    if (!post) {
      if (existing) forget(el, existing);
      return null;
    }
    const signature = signatureOf(post);
    if (existing && existing.signature === signature) {
      // The site re-rendered around us and dropped the badge: put it back.
      if (!existing.badge.host.isConnected) place(el, existing.badge.host);
      return null;
    }
    const view: BadgeView = { post, inference: options.infer(post) };
    if (existing) {
      existing.signature = signature;
      existing.view = view;
      existing.badge.update(view);
      if (!existing.badge.host.isConnected) place(el, existing.badge.host);
    } else {
      const badge = options.mountBadge(view);
      badge.host.hidden = badgesHidden;
      place(el, badge.host);
      tracked.set(el, { signature, view, badge });
    }
    return view;
  }

  function place(el: Element, host: HTMLElement) {
    const slot = adapter.badgeSlot(el);
    const before = slot.before && slot.before.parentNode === slot.parent ? slot.before : null;
    slot.parent.insertBefore(host, before);
  }

  function forget(el: Element, entry: Tracked) {
    entry.badge.unmount();
    entry.badge.host.remove();
    tracked.delete(el);
  }

  /** Posts that left the DOM lose their badge (and its React root); at most ~100 are tracked. */
  function sweepRemoved() {
    // forEach, not for…of over entries: no [key, value] pair allocated per post on every frame
    // with a removal (X's timeline removes cells on nearly every frame while scrolling).
    tracked.forEach(sweepOne);
  }

  function sweepOne(entry: Tracked, el: Element) {
    if (!el.isConnected) forget(el, entry);
    else if (!entry.badge.host.isConnected) touched.add(el);
  }

  function rescan() {
    if (stopped || !doc.body) return;
    addedRoots.add(doc.body);
    pendingRemovals = true;
    schedule();
  }

  function stop() {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    for (const [el, entry] of tracked) forget(el, entry);
    touched.clear();
    addedRoots.clear();
  }

  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // X retargets the status link when it recycles a cell; nothing else needs attribute changes.
    attributeFilter: ['href'],
  });
  lifetime.signal.addEventListener('abort', stop, { once: true });
  lifetime.onLocationChange(rescan);
  rescan();

  return {
    get trackedCount() {
      return tracked.size;
    },
    currentViews: () => [...tracked.values()].map((entry) => entry.view),
    get badgesHidden() {
      return badgesHidden;
    },
    setBadgesHidden(hidden) {
      badgesHidden = hidden;
      for (const { badge } of tracked.values()) badge.host.hidden = hidden;
    },
    rescan,
    stop,
  };
}
