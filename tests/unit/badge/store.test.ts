import { afterEach, describe, expect, it } from 'vitest';
import { hasBadgeLine, useBadgeStore } from '../../../components/badge/store';
import type { HistorySummary, PostStatus } from '../../../lib/messaging';

const interaction = {
  id: '0190a000-0000-7000-8000-000000000001', customerKey: 'x:maya', kind: 'reply', note: '', stage: 'purchase', department: 'sales',
  memberHandle: 'dana', createdAt: '2026-11-23T10:42:00.000Z',
  post: { site: 'x', postId: '1861', postKey: 'x:1861', permalink: null, text: '', postedAt: null },
} as unknown as NonNullable<HistorySummary['lastInteraction']>;

const noHistory: HistorySummary = { interactions: 0, lastInteraction: null, lead: null };
const handled: HistorySummary = { interactions: 1, lastInteraction: interaction, lead: null };
const nothing: PostStatus = { assignment: null, presence: [] };
const samOnIt: PostStatus = { assignment: null, presence: [{ memberHandle: 'sam', activity: 'viewing', at: '2026-11-23T10:42:00.000Z' }] };

afterEach(() => useBadgeStore.setState({ summaries: {}, notices: {}, statuses: {}, statusAt: {}, me: null }));

describe('the badge store', () => {
  it('keeps only authors with history, however many the feed shows', () => {
    const store = useBadgeStore.getState();
    const many = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`x:author${i}`, noHistory]));
    store.setSummaries({ ...many, 'x:maya': handled });
    expect(Object.keys(useBadgeStore.getState().summaries)).toEqual(['x:maya']);
    // History erased (a privacy request): the line goes.
    useBadgeStore.getState().setSummaries({ 'x:maya': noHistory });
    expect(useBadgeStore.getState().summaries).toEqual({});
  });

  it('keeps only posts with an assignment or someone at them, and changes nothing for a repeat', () => {
    const store = useBadgeStore.getState();
    store.setStatuses({ 'x:1': nothing, 'x:2': nothing }, 'dana');
    expect(useBadgeStore.getState().statuses).toEqual({});
    const before = useBadgeStore.getState();
    useBadgeStore.getState().setStatuses({ 'x:1': nothing }, 'dana');
    expect(useBadgeStore.getState()).toBe(before);
    useBadgeStore.getState().setStatuses({ 'x:1': samOnIt }, 'dana', 1_000);
    expect(Object.keys(useBadgeStore.getState().statuses)).toEqual(['x:1']);
    expect(useBadgeStore.getState().statusAt['x:1']).toBe(1_000);
    useBadgeStore.getState().setStatuses({ 'x:1': nothing }, 'dana');
    expect(useBadgeStore.getState().statuses).toEqual({});
    expect(useBadgeStore.getState().statusAt).toEqual({});
  });

  it('says whether a badge has a line to show', () => {
    const at = Date.parse('2026-11-23T10:42:30.000Z');
    expect(hasBadgeLine(useBadgeStore.getState(), 'x:maya', 'x:1', at)).toBe(false);
    useBadgeStore.getState().setSummaries({ 'x:maya': handled });
    expect(hasBadgeLine(useBadgeStore.getState(), 'x:maya', 'x:1', at)).toBe(true);
    expect(hasBadgeLine(useBadgeStore.getState(), 'x:tom', 'x:2', at)).toBe(false);
    useBadgeStore.getState().setStatuses({ 'x:2': samOnIt }, 'dana', at);
    expect(hasBadgeLine(useBadgeStore.getState(), 'x:tom', 'x:2', at)).toBe(true);
    useBadgeStore.getState().setNotice('x:3', { tone: 'error', text: 'No lead: out of space' });
    expect(hasBadgeLine(useBadgeStore.getState(), 'x:ann', 'x:3', at)).toBe(true);
  });
});
