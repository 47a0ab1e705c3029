import { browser } from 'wxt/browser';
import { createBadgeActions, createPostStatusReporter } from '../../components/badge/actions';
import { mountBadge } from '../../components/badge/mount';
import { useBadgeStore } from '../../components/badge/store';
import { createBackgroundClient } from '../../lib/feed/background-client';
import { isPageCommand, TOGGLE_BADGES } from '../../lib/feed/page-commands';
import { startFeed } from '../../lib/feed/runtime';
import { frameWhileAlive, laterWhileAlive } from '../../lib/feed/timers';
import { createReporter } from '../../lib/feed/reporter';
import { detectTheme } from '../../lib/feed/theme';
import { infer } from '../../lib/inference';
import { adapterForHost } from '../../lib/sites';
import { postKey } from '../../lib/model/keys';

export default defineContentScript({
  matches: [
    'https://x.com/*',
    'https://twitter.com/*',
    'https://mobile.twitter.com/*',
    'https://www.facebook.com/*',
    'https://www.instagram.com/*',
  ],
  runAt: 'document_idle',
  async main(ctx) {
    const adapter = adapterForHost(location.hostname);
    if (!adapter) return;
    const ask = createBackgroundClient((envelope) => browser.runtime.sendMessage(envelope));
    // Sites switched off in the options stay untouched; the team's terms sharpen the engine.
    // Without an answer (background unreachable) the engine runs in generic mode.
    const settings = await ask('feed.settings', { site: adapter.site });
    if (settings.ok && !settings.enabled) return;
    const terms = settings.ok ? settings.terms : undefined;
    const actions = createBadgeActions(ask, (callback, ms) => laterWhileAlive(ctx.signal, callback, ms));
    const theme = detectTheme(window);
    const reporter = createReporter(
      ask,
      (callback, ms) => laterWhileAlive(ctx.signal, callback, ms),
      (summaries) => useBadgeStore.getState().setSummaries(summaries),
    );
    // Each post's assignment and teammates at it (`post.status`), on the same triggers.
    const statuses = createPostStatusReporter(ask, (callback, ms) => laterWhileAlive(ctx.signal, callback, ms));

    const feed = startFeed({
      adapter,
      document,
      lifetime: {
        signal: ctx.signal,
        // `ctx.isValid` notices an extension reload or update (the old script loses its runtime)
        // and aborts the context: the feed then unmounts its badges and stops observing.
        requestAnimationFrame: (callback) => frameWhileAlive(ctx.signal, () => ctx.isValid && callback()),
        onLocationChange: (callback) => ctx.addEventListener(window, 'wxt:locationchange', callback),
      },
      infer: (post) => infer(post.text, { terms }),
      mountBadge: (view) => mountBadge(document, view, actions, theme),
      onPostsShown: (views) => {
        reporter.report(views);
        statuses.report(views);
      },
    });

    // From the background: the keyboard shortcut hides or shows every badge on this page, and a
    // history change (here, in the side panel, or a teammate's through sync) refreshes the badges.
    const onCommand = (message: unknown) => {
      // A teammate's presence changed ("Sam is on it"): the status of those posts, if shown here.
      const presence = message as { name?: unknown; postKeys?: unknown } | null;
      if (presence?.name === 'presence.changed') {
        const keys = new Set(Array.isArray(presence.postKeys) ? presence.postKeys : []);
        const shown = feed.currentViews().filter(({ post }) => keys.has(postKey(post.site, post.postId)));
        if (shown.length > 0) void statuses.refresh(shown);
        return;
      }
      if (!isPageCommand(message)) return;
      if (message.name === TOGGLE_BADGES) feed.setBadgesHidden(!feed.badgesHidden);
      else {
        void reporter.refresh(feed.currentViews());
        void statuses.refresh(feed.currentViews());
      }
    };
    browser.runtime.onMessage.addListener(onCommand);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommand));
  },
});
