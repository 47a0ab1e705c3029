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

function setup() {
  const calls: Array<[string, unknown]> = [];
  const ask = vi.fn(async (name: string, payload: unknown) => {
    calls.push([name, payload]);
    if (name === 'history.summary') return { ok: true, summaries: { 'x:dana': { interactions: 2, lastInteraction: null, lead: null } } };
    if (name === 'post.status') {
      const keys = (payload as { postKeys: string[] }).postKeys;
      return { ok: true, me: 'sam', statuses: Object.fromEntries(keys.map((k) => [k, { assignment: null, presence: [] }])) };
    }
    return { ok: true, stored: 1 };
  }) as unknown as AskBackground;
  const timers: Array<() => void> = [];
  const sinks = { onSummaries: vi.fn(), onStatuses: vi.fn() };
  const reporter = createReporter(ask, (callback, ms) => {
    expect(ms).toBe(REPORT_INTERVAL_MS);
    timers.push(callback);
  }, sinks);
  return { calls, timers, sinks, reporter };
}

describe('reporter', () => {
  it('sends the posts of many frames in one flush, skips stage none, asks each author and post once', async () => {
    const { calls, timers, sinks, reporter } = setup();
    reporter.report([view('1', 'dana', 'purchase'), view('2', 'sam', 'none')]);
    reporter.report([view('3', 'dana', 'post-purchase')]);
    expect(timers).toHaveLength(1);
    expect(calls).toHaveLength(0);
    timers.shift()!();
    await vi.waitFor(() => expect(sinks.onStatuses).toHaveBeenCalled());
    const seen = calls.filter(([name]) => name === 'posts.seen');
    expect(seen).toHaveLength(1);
    expect((seen[0]![1] as { items: Array<{ post: { postId: string } }> }).items.map((i) => i.post.postId)).toEqual(['1', '3']);
    expect(calls.find(([name]) => name === 'history.summary')![1]).toEqual({ customerKeys: ['x:dana', 'x:sam'] });
    expect(calls.find(([name]) => name === 'post.status')![1]).toEqual({ postKeys: ['x:1', 'x:2', 'x:3'] });
    expect(sinks.onSummaries).toHaveBeenCalledTimes(1);
    expect(sinks.onStatuses.mock.calls[0]![1]).toBe('sam');
    // Known posts and authors showing again, with no stage: nothing to send.
    reporter.report([view('2', 'sam', 'none')]);
    expect(timers).toHaveLength(0);
  });

  it('asks again for what the page shows when the history or a presence changes', async () => {
    const { calls, reporter } = setup();
    await reporter.refresh([view('1', 'dana', 'purchase'), view('4', 'lee', 'none')]);
    expect(calls.map(([name]) => name).sort()).toEqual(['history.summary', 'post.status']);
    calls.length = 0;
    await reporter.refreshStatuses([view('4', 'lee', 'none')]);
    expect(calls).toEqual([['post.status', { postKeys: ['x:4'] }]]);
  });
});
