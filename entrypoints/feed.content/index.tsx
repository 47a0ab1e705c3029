import { browser } from 'wxt/browser';
import { createBadgeActions } from '../../components/badge/actions';
import { BADGE_TAG, mountBadge } from '../../components/badge/mount';
import { useBadgeStore } from '../../components/badge/store';
import { createBackgroundClient } from '../../lib/feed/background-client';
import { HISTORY_CHANGED, isPageCommand, TOGGLE_BADGES } from '../../lib/feed/page-commands';
import { startFeed } from '../../lib/feed/runtime';
import { frameWhileAlive, laterWhileAlive } from '../../lib/feed/timers';
import { createReporter } from '../../lib/feed/reporter';
import { watchTheme } from '../../lib/feed/theme';
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
    // Badges follow the site's theme, also when it changes while the page is open.
    let theme = watchTheme(window, { signal: ctx.signal, requestAnimationFrame: (callback) => frameWhileAlive(ctx.signal, callback) }, (next) => {
      theme = next;
      for (const host of document.querySelectorAll(BADGE_TAG)) host.setAttribute('data-theme', next);
    });
    const reporter = createReporter(ask, (callback, ms) => laterWhileAlive(ctx.signal, callback, ms), {
      onSummaries: (summaries) => useBadgeStore.getState().setSummaries(summaries),
      onStatuses: (statuses, me) => useBadgeStore.getState().setStatuses(statuses, me),
    });

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
      infer: (post) => infer(post.text, { terms, author: post.author }),
      mountBadge: (view) => mountBadge(document, view, actions, theme),
      onPostsShown: (views) => reporter.report(views),
    });

    // From the background: the keyboard shortcut hides or shows every badge on this page; a
    // history change (here, in the side panel, or a teammate's through sync) refreshes the badges;
    // a teammate's presence refreshes the posts it concerns.
    const onCommand = (message: unknown) => {
      if (!isPageCommand(message)) return;
      if (message.name === TOGGLE_BADGES) feed.setBadgesHidden(!feed.badgesHidden);
      else if (message.name === HISTORY_CHANGED) void reporter.refresh(feed.currentViews());
      else {
        const keys = new Set(message.postKeys);
        const shown = feed.currentViews().filter(({ post }) => keys.has(postKey(post.site, post.postId)));
        if (shown.length > 0) void reporter.refreshStatuses(shown);
      }
    };
    browser.runtime.onMessage.addListener(onCommand);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommand));
  },
});
