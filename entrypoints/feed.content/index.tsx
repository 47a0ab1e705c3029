import { browser } from 'wxt/browser';
import { createBadgeActions } from '../../components/badge/actions';
import { mountBadge } from '../../components/badge/mount';
import { useBadgeStore } from '../../components/badge/store';
import { createBackgroundClient } from '../../lib/feed/background-client';
import { isPageCommand } from '../../lib/feed/page-commands';
import { startFeed } from '../../lib/feed/runtime';
import { detectTheme } from '../../lib/feed/theme';
import { infer } from '../../lib/inference';
import { customerKey } from '../../lib/model/keys';
import { adapterForHost } from '../../lib/sites';

/** The protocol caps a message at 200 posts or customers. */
const MESSAGE_BATCH = 200;

export default defineContentScript({
  matches: [
    'https://x.com/*',
    'https://twitter.com/*',
    'https://mobile.twitter.com/*',
    'https://www.facebook.com/*',
    'https://www.instagram.com/*',
  ],
  runAt: 'document_idle',
  main(ctx) {
    const adapter = adapterForHost(location.hostname);
    if (!adapter) return;
    const ask = createBackgroundClient((envelope) => browser.runtime.sendMessage(envelope));
    const actions = createBadgeActions(ask, (callback, ms) => ctx.setTimeout(callback, ms));
    const theme = detectTheme(window);

    const feed = startFeed({
      adapter,
      document,
      lifetime: {
        signal: ctx.signal,
        requestAnimationFrame: (callback) => ctx.requestAnimationFrame(callback),
        onLocationChange: (callback) => ctx.addEventListener(window, 'wxt:locationchange', callback),
      },
      infer: (post) => infer(post.text),
      mountBadge: (view) => mountBadge(document, view, actions, theme),
      onPostsShown: async (views) => {
        const items = views.map(({ post, inference }) => ({
          post,
          inference: { stage: inference.stage, department: inference.department, confidence: inference.confidence },
        }));
        const keys = [...new Set(views.map(({ post }) => customerKey(post.site, post.author)))];
        for (let start = 0; start < items.length; start += MESSAGE_BATCH) {
          void ask('posts.seen', { items: items.slice(start, start + MESSAGE_BATCH) });
        }
        for (let start = 0; start < keys.length; start += MESSAGE_BATCH) {
          const answer = await ask('history.summary', { customerKeys: keys.slice(start, start + MESSAGE_BATCH) });
          if (answer.ok && ctx.isValid) useBadgeStore.getState().setSummaries(answer.summaries);
        }
      },
    });

    // The keyboard shortcut (extension command) hides or shows every badge on this page.
    const onCommand = (message: unknown) => {
      if (isPageCommand(message)) feed.setBadgesHidden(!feed.badgesHidden);
    };
    browser.runtime.onMessage.addListener(onCommand);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onCommand));
  },
});
