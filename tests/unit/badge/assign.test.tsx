// @vitest-environment jsdom
import { act, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BadgeActions } from '../../../components/badge/Badge';
import { createBadgeActions } from '../../../components/badge/actions';
import { describePostStatus } from '../../../components/badge/labels';
import { mountBadge } from '../../../components/badge/mount';
import { useBadgeStore } from '../../../components/badge/store';
import type { AskBackground } from '../../../lib/feed/background-client';
import type { BadgeView } from '../../../lib/feed/runtime';
import type { PostStatus } from '../../../lib/messaging';
import type { Assignment } from '../../../lib/model';

const PK = 'x:1861';

function view(): BadgeView {
  return {
    post: {
      site: 'x', postId: '1861', permalink: 'https://x.com/maya/status/1861', author: 'maya', authorName: 'Maya',
      text: 'how much is it?', postedAt: null, repostedBy: null,
      flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
    },
    inference: {
      stage: 'purchase', department: 'sales', confidence: 0.84,
      personaHint: 'Asking for a price', signals: [],
    },
  };
}

function assignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: '0190b6a0-0000-8000-8000-000000000001', customerKey: 'x:maya',
    post: { site: 'x', postId: '1861', postKey: PK, permalink: null, text: '', postedAt: null },
    stage: 'purchase', department: 'sales', assignee: 'sam', status: 'open', createdBy: 'sam',
    createdAt: '2026-11-23T10:42:00.000Z', updatedAt: '2026-11-23T10:42:00.000Z', version: 1,
    ...overrides,
  };
}

function status(a: Assignment | null, presence: PostStatus['presence'] = []): PostStatus {
  return { assignment: a, presence };
}

function mount(actions: BadgeActions) {
  let handle!: ReturnType<typeof mountBadge>;
  act(() => {
    handle = mountBadge(document, view(), actions, 'light');
  });
  document.body.append(handle.host);
  return { handle, shadow: within(handle.host.shadowRoot as unknown as HTMLElement) };
}

function openCard(shadow: ReturnType<typeof within>) {
  const pill = shadow.getByRole('button', { name: /Switchboard: Purchase, Sales/ });
  act(() => pill.focus());
  fireEvent.focus(pill);
}

/** A fake background: answers from `replies`, records every message. */
function fakeAsk(replies: Record<string, (payload: unknown) => unknown>) {
  const ask = vi.fn(async (name: string, payload: unknown) => replies[name]?.(payload) ?? { ok: true, sent: false });
  return ask as unknown as AskBackground & typeof ask;
}

afterEach(() => {
  document.body.replaceChildren();
  useBadgeStore.setState({ summaries: {}, notices: {}, statuses: {}, statusAt: {}, me: null, team: null });
});

describe('assign row', () => {
  it('is built only inside the card, and opening the card announces viewing once', () => {
    const ask = fakeAsk({});
    const { shadow, handle } = mount(createBadgeActions(ask, vi.fn()));
    expect(shadow.queryByRole('button', { name: 'Claim' })).toBeNull();
    expect(shadow.queryByRole('combobox')).toBeNull();
    expect(ask).not.toHaveBeenCalled();
    openCard(shadow);
    expect(shadow.getByRole('button', { name: 'Claim' })).toBeTruthy();
    expect(shadow.getByRole('button', { name: 'Assign' })).toBeTruthy();
    expect((shadow.getByRole('combobox', { name: 'Department' }) as HTMLSelectElement).value).toBe('sales');
    expect(shadow.queryByRole('button', { name: 'Done' })).toBeNull();
    expect(ask).toHaveBeenCalledWith('presence.announce', { postKey: PK, activity: 'viewing' });
    fireEvent.blur(shadow.getByRole('button', { name: /Switchboard/ }));
    openCard(shadow);
    expect(ask.mock.calls.filter(([name]) => name === 'presence.announce')).toHaveLength(1);
    act(() => handle.unmount());
  });

  it('Claim makes it mine ("Assigned to you"), then Done finishes it ("Done by you")', async () => {
    let current = assignment({ assignee: 'dana' });
    const ask = fakeAsk({
      'assignment.claim': () => ({ ok: true, assignment: current, created: true }),
      'assignment.done': () => {
        current = { ...current, status: 'done', version: 2 };
        return { ok: true, assignment: current };
      },
      'post.status': () => ({ ok: true, me: 'dana', statuses: { [PK]: status(current) } }),
    });
    const { shadow, handle } = mount(createBadgeActions(ask, vi.fn()));
    openCard(shadow);
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Claim' }));
    });
    expect(ask).toHaveBeenCalledWith('assignment.claim', expect.objectContaining({ inference: { stage: 'purchase', department: 'sales', confidence: 0.84 } }));
    expect(shadow.getByRole('status').textContent).toBe('Assigned to you');
    expect(shadow.queryByRole('button', { name: 'Claim' })).toBeNull();
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Done' }));
    });
    expect(ask).toHaveBeenCalledWith('assignment.done', { id: current.id });
    expect(shadow.getByRole('status').textContent).toBe('Done by you');
    expect(shadow.queryByRole('button', { name: 'Done' })).toBeNull();
    act(() => handle.unmount());
  });

  it('Log interaction tells the team "answering" before it logs', async () => {
    const ask = fakeAsk({ 'interaction.log': () => ({ ok: false, error: 'offline' }) });
    const { shadow, handle } = mount(createBadgeActions(ask, vi.fn()));
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Log interaction' }));
    });
    expect(ask.mock.calls.map(([name]) => name)).toEqual(['presence.announce', 'interaction.log']);
    expect(ask).toHaveBeenCalledWith('presence.announce', { postKey: PK, activity: 'answering' });
    act(() => handle.unmount());
  });

  it('a refused claim says who has the post', async () => {
    const ask = fakeAsk({
      'assignment.claim': () => ({ ok: false, error: 'sam already has this post' }),
      'post.status': () => ({ ok: true, me: 'dana', statuses: { [PK]: status(assignment()) } }),
    });
    const { shadow, handle } = mount(createBadgeActions(ask, vi.fn()));
    openCard(shadow);
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Claim' }));
    });
    expect(shadow.getByRole('status').textContent).toBe('sam already has this post');
    act(() => handle.unmount());
  });

  it('Assign sends the department chosen in the select', async () => {
    const ask = fakeAsk({
      'assignment.create': () => ({ ok: true, assignment: assignment({ assignee: null, department: 'pr' }), created: true }),
      'post.status': () => ({ ok: true, me: 'dana', statuses: { [PK]: status(assignment({ assignee: null, department: 'pr' })) } }),
    });
    const { shadow, handle } = mount(createBadgeActions(ask, vi.fn()));
    openCard(shadow);
    fireEvent.change(shadow.getByRole('combobox', { name: 'Department' }), { target: { value: 'pr' } });
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Assign' }));
    });
    expect(ask).toHaveBeenCalledWith('assignment.create', expect.objectContaining({ department: 'pr' }));
    expect(shadow.getByRole('status').textContent).toBe('In the PR queue');
    act(() => handle.unmount());
  });
});

describe('status line', () => {
  const actions: BadgeActions = { logInteraction: vi.fn(), flagLead: vi.fn(), openHistory: vi.fn(), undo: vi.fn() };
  const now = new Date().toISOString();

  it('shows the owner, a teammate on it, done, as text', () => {
    const { shadow, handle } = mount(actions);
    act(() => useBadgeStore.getState().setStatuses({ [PK]: status(assignment()) }, 'dana'));
    expect(shadow.getByRole('status').textContent).toBe('Assigned to sam');
    act(() => useBadgeStore.getState().setStatuses({ [PK]: status(assignment(), [{ memberHandle: 'sam', activity: 'viewing', at: now }]) }, 'dana'));
    expect(shadow.getByRole('status').textContent).toBe('Assigned to sam · Sam is on it');
    act(() => useBadgeStore.getState().setStatuses({ [PK]: status(null, [{ memberHandle: 'sam', activity: 'viewing', at: now }]) }, 'dana'));
    expect(shadow.getByRole('status').textContent).toBe('Sam is on it');
    act(() => useBadgeStore.getState().setStatuses({ [PK]: status(assignment({ status: 'done' }), [{ memberHandle: 'sam', activity: 'viewing', at: now }]) }, 'dana'));
    expect(shadow.getByRole('status').textContent).toBe('Done by sam');
    act(() => useBadgeStore.getState().setStatuses({ [PK]: status(null, [{ memberHandle: '<b>x</b>', activity: 'answering', at: now }]) }, 'dana'));
    expect(shadow.getByRole('status').textContent).toBe('<b>x</b> is on it');
    expect(handle.host.shadowRoot!.querySelector('b')).toBeNull();
    act(() => handle.unmount());
  });

  it('never shows myself on it, and presence fades after a minute', () => {
    const mine = status(null, [{ memberHandle: 'dana', activity: 'answering', at: now }]);
    expect(describePostStatus(mine, 'dana')).toBeNull();
    const sams = status(null, [
      { memberHandle: 'lee', activity: 'viewing', at: now },
      { memberHandle: 'sam', activity: 'answering', at: now },
    ]);
    expect(describePostStatus(sams, 'dana', 1_000, 0)).toBe('Sam is on it');
    expect(describePostStatus(sams, 'dana', 60_001, 0)).toBeNull();
    expect(describePostStatus(status(assignment({ assignee: null, department: 'service' })), 'dana')).toBe('In the Service queue');
  });
});

describe('badge store statuses', () => {
  it('keeps a post status object when a refresh brings the same, so its badge does not render again', () => {
    const first = status(assignment());
    useBadgeStore.getState().setStatuses({ [PK]: first }, 'dana');
    const before = useBadgeStore.getState();
    useBadgeStore.getState().setStatuses({ [PK]: status(assignment()) }, 'dana');
    expect(useBadgeStore.getState()).toBe(before);
    useBadgeStore.getState().setStatuses({ [PK]: status(assignment({ assignee: 'lee', version: 2 })) }, 'dana');
    expect(useBadgeStore.getState().statuses[PK]!.assignment!.assignee).toBe('lee');
  });
});
