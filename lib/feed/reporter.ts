import type { HistorySummary } from '../messaging';
import { customerKey } from '../model/keys';
import type { AskBackground } from './background-client';
import type { BadgeView } from './runtime';

/** How long posts wait before they are reported together: one message per second, not per frame. */
export const REPORT_INTERVAL_MS = 1_000;
/** The protocol caps a message at 200 posts or customers. */
const MESSAGE_BATCH = 200;

/**
 * Reports the posts a page showed to the background (stage observations for the history) and
 * fetches the history summary of their authors, in a few batched messages: a message costs far
 * more than reading a post, so per-frame messages would dominate the extension's time.
 */
export function createReporter(
  ask: AskBackground,
  later: (callback: () => void, ms: number) => void,
  onSummaries: (summaries: Record<string, HistorySummary>) => void,
) {
  const pendingPosts: BadgeView[] = [];
  const pendingAuthors = new Set<string>();
  /** Authors whose summary this page already has; a click refreshes its own author. */
  const known = new Set<string>();
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const items = pendingPosts.splice(0).map(({ post, inference }) => ({
      post,
      inference: { stage: inference.stage, department: inference.department, confidence: inference.confidence },
    }));
    const authors = [...pendingAuthors];
    pendingAuthors.clear();
    for (let start = 0; start < items.length; start += MESSAGE_BATCH) {
      void ask('posts.seen', { items: items.slice(start, start + MESSAGE_BATCH) });
    }
    for (let start = 0; start < authors.length; start += MESSAGE_BATCH) {
      const answer = await ask('history.summary', { customerKeys: authors.slice(start, start + MESSAGE_BATCH) });
      if (answer.ok) onSummaries(answer.summaries);
    }
  }

  return {
    /** The history changed somewhere: ask again for the authors on the page now. */
    async refresh(views: BadgeView[]) {
      const authors = [...new Set(views.map(({ post }) => customerKey(post.site, post.author)))];
      for (let start = 0; start < authors.length; start += MESSAGE_BATCH) {
        const answer = await ask('history.summary', { customerKeys: authors.slice(start, start + MESSAGE_BATCH) });
        if (answer.ok) onSummaries(answer.summaries);
      }
    },
    /** Posts that appeared or changed in one frame. */
    report(views: BadgeView[]) {
      for (const view of views) {
        // Posts with no stage are not kept in the history: no need to send them.
        if (view.inference.stage !== 'none') pendingPosts.push(view);
        const key = customerKey(view.post.site, view.post.author);
        if (!known.has(key)) {
          known.add(key);
          pendingAuthors.add(key);
        }
      }
      if (!scheduled && (pendingPosts.length > 0 || pendingAuthors.size > 0)) {
        scheduled = true;
        later(() => void flush(), REPORT_INTERVAL_MS);
      }
    },
  };
}
