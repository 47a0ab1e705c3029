import { describe, expect, it, vi } from 'vitest';
import type { AskBackground } from '../../../lib/feed/background-client';
import { createReporter, REPORT_INTERVAL_MS } from '../../../lib/feed/reporter';
import type { BadgeView } from '../../../lib/feed/runtime';

function view(id: string, author: string, stage: BadgeView['inference']['stage']): BadgeView {
  return {
    post: {
      site: 'x', postId: id, permalink: null, author, authorName: author, text: 't', postedAt: null, repostedBy: null,
      flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
    },
    inference: { stage, department: 'none', confidence: 0.5, personaHint: '', signals: [] },
  };
}

describe('reporter', () => {
  it('sends the posts of many frames in one message, skips stage none, and asks each author once', async () => {
    const calls: Array<[string, unknown]> = [];
    const ask = vi.fn(async (name: string, payload: unknown) => {
      calls.push([name, payload]);
      return name === 'history.summary' ? { ok: true, summaries: { 'x:dana': { interactions: 2, lastInteraction: null, lead: null } } } : { ok: true, stored: 1 };
    }) as unknown as AskBackground;
    const timers: Array<() => void> = [];
    const onSummaries = vi.fn();
    const reporter = createReporter(ask, (callback, ms) => {
      expect(ms).toBe(REPORT_INTERVAL_MS);
      timers.push(callback);
    }, onSummaries);
    reporter.report([view('1', 'dana', 'purchase'), view('2', 'sam', 'none')]);
    reporter.report([view('3', 'dana', 'post-purchase')]);
    expect(timers).toHaveLength(1);
    expect(calls).toHaveLength(0);
    timers.shift()!();
    await vi.waitFor(() => expect(onSummaries).toHaveBeenCalled());
    const seen = calls.filter(([name]) => name === 'posts.seen');
    expect(seen).toHaveLength(1);
    expect((seen[0]![1] as { items: Array<{ post: { postId: string } }> }).items.map((i) => i.post.postId)).toEqual(['1', '3']);
    const summary = calls.filter(([name]) => name === 'history.summary');
    expect(summary[0]![1]).toEqual({ customerKeys: ['x:dana', 'x:sam'] });
    reporter.report([view('4', 'dana', 'none')]);
    expect(timers).toHaveLength(0);
  });
});
