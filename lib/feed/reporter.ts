import type { HistorySummary, PostStatus } from '../messaging';
import { customerKey, postKey } from '../model/keys';
import type { AskBackground } from './background-client';
import type { BadgeView } from './runtime';

/** How long posts wait before they are reported together: one message per second, not per frame. */
export const REPORT_INTERVAL_MS = 1_000;
/** The protocol caps a message at 200 posts or customers. */
const MESSAGE_BATCH = 200;

/** Where the answers go (the badge store, in the content script). */
export interface ReporterSinks {
  onSummaries(summaries: Record<string, HistorySummary>): void;
  onStatuses(statuses: Record<string, PostStatus>, me: string): void;
}

/**
 * The page's traffic with the background, batched: the posts it showed (stage observations for
 * the history), the history summary of their authors and the status of each post (assignment,
 * teammates at it). A message costs far more than reading a post, so per-frame messages would
 * dominate the extension's time: new posts wait for one flush a second.
 */
export function createReporter(ask: AskBackground, later: (callback: () => void, ms: number) => void, sinks: ReporterSinks) {
  const pendingPosts: BadgeView[] = [];
  const pendingAuthors = new Set<string>();
  const pendingStatuses = new Set<string>();
  /** Authors and posts this page already has an answer for; a change elsewhere refreshes them. */
  const knownAuthors = new Set<string>();
  const knownPosts = new Set<string>();
  let scheduled = false;

  async function askInBatches<T>(keys: string[], askBatch: (batch: string[]) => Promise<T>) {
    for (let start = 0; start < keys.length; start += MESSAGE_BATCH) await askBatch(keys.slice(start, start + MESSAGE_BATCH));
  }

  const summaries = (authors: string[]) =>
    askInBatches(authors, async (customerKeys) => {
      const answer = await ask('history.summary', { customerKeys });
      if (answer.ok) sinks.onSummaries(answer.summaries);
    });

  const statuses = (postKeys: string[]) =>
    askInBatches(postKeys, async (batch) => {
      const answer = await ask('post.status', { postKeys: batch });
      if (answer.ok) sinks.onStatuses(answer.statuses, answer.me);
    });

  async function flush() {
    scheduled = false;
    const items = pendingPosts.splice(0).map(({ post, inference }) => ({
      post,
      inference: { stage: inference.stage, department: inference.department, confidence: inference.confidence },
    }));
    for (let start = 0; start < items.length; start += MESSAGE_BATCH) {
      void ask('posts.seen', { items: items.slice(start, start + MESSAGE_BATCH) });
    }
    const authors = [...pendingAuthors];
    const posts = [...pendingStatuses];
    pendingAuthors.clear();
    pendingStatuses.clear();
    await Promise.all([summaries(authors), statuses(posts)]);
  }

  const authorsOf = (views: BadgeView[]) => [...new Set(views.map(({ post }) => customerKey(post.site, post.author)))];
  const postsOf = (views: BadgeView[]) => [...new Set(views.map(({ post }) => postKey(post.site, post.postId)))];

  return {
    /** Posts that appeared or changed in one frame. */
    report(views: BadgeView[]) {
      for (const view of views) {
        // Posts with no stage are not kept in the history: no need to send them.
        if (view.inference.stage !== 'none') pendingPosts.push(view);
        const author = customerKey(view.post.site, view.post.author);
        if (!knownAuthors.has(author)) {
          knownAuthors.add(author);
          pendingAuthors.add(author);
        }
        const post = postKey(view.post.site, view.post.postId);
        if (!knownPosts.has(post)) {
          knownPosts.add(post);
          pendingStatuses.add(post);
        }
      }
      if (!scheduled && (pendingPosts.length > 0 || pendingAuthors.size > 0 || pendingStatuses.size > 0)) {
        scheduled = true;
        later(() => void flush(), REPORT_INTERVAL_MS);
      }
    },
    /** The history changed somewhere: ask again for the authors and posts on the page now. */
    async refresh(views: BadgeView[]) {
      await Promise.all([summaries(authorsOf(views)), statuses(postsOf(views))]);
    },
    /** Teammates' presence changed on some posts: ask again for those shown here. */
    async refreshStatuses(views: BadgeView[]) {
      await statuses(postsOf(views));
    },
  };
}
