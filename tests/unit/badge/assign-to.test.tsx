// @vitest-environment jsdom
import { act, fireEvent, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBadgeActions, TEAM_FRESH_MS } from '../../../components/badge/actions';
import { mountBadge } from '../../../components/badge/mount';
import { useBadgeStore } from '../../../components/badge/store';
import type { AskBackground } from '../../../lib/feed/background-client';
import type { BadgeView } from '../../../lib/feed/runtime';
import type { AssignableMember } from '../../../lib/messaging';
import type { Assignment } from '../../../lib/model';

/**
 * The assign row's "Who": the department's queue, a member of the department (from the team
 * server), or the team server's router (only while connected). Native controls with words, inside
 * the badge's shadow root; members' names are text, whatever they contain.
 */

const PK = 'x:1861';

function view(postId = '1861'): BadgeView {
  return {
    post: {
      site: 'x', postId, permalink: null, author: 'maya', authorName: 'Maya', text: 'my order is broken', postedAt: null, repostedBy: null,
      flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
    },
    inference: { stage: 'post-purchase', department: 'service', confidence: 0.9, personaHint: 'A customer with a problem', signals: [] },
  };
}

const MEMBERS: AssignableMember[] = [
  { handle: 'sam', displayName: 'Sam Kent', department: 'sales' },
  { handle: 'dana', displayName: 'Dana Ruiz', department: 'service' },
  { handle: 'lee', displayName: '<img src=x onerror=alert(1)>', department: 'service' },
  { handle: 'pat', displayName: 'pat', department: 'service' },
];

function queued(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: '0190b6a0-0000-8000-8000-000000000001', customerKey: 'x:maya',
    post: { site: 'x', postId: '1861', postKey: PK, permalink: null, text: '', postedAt: null },
    stage: 'post-purchase', department: 'service', assignee: null, status: 'open', createdBy: 'sam',
    createdAt: '2026-11-23T10:42:00.000Z', updatedAt: '2026-11-23T10:42:00.000Z', version: 1,
    ...overrides,
  };
}

/** A fake background: answers from `replies`, records every message. */
function fakeAsk(replies: Record<string, (payload: unknown) => unknown>) {
  const ask = vi.fn(async (name: string, payload: unknown) => replies[name]?.(payload) ?? { ok: true, sent: false });
  return ask as unknown as AskBackground & typeof ask;
}

function connectedAsk(extra: Record<string, (payload: unknown) => unknown> = {}, connected = true) {
  return fakeAsk({ 'team.members': () => ({ ok: true, connected, members: connected ? MEMBERS : [] }), ...extra });
}

/** Mount a badge and open its card; `actions` are the page's (one set for every badge). */
async function openCard(ask: AskBackground, v: BadgeView = view(), actions = createBadgeActions(ask, vi.fn())) {
  let handle!: ReturnType<typeof mountBadge>;
  act(() => {
    handle = mountBadge(document, v, actions, 'light');
  });
  document.body.append(handle.host);
  const shadow = within(handle.host.shadowRoot as unknown as HTMLElement);
  const pill = shadow.getByRole('button', { name: /^Switchboard:/ });
  await act(async () => {
    pill.focus();
    fireEvent.focus(pill);
  });
  return { handle, shadow, who: () => shadow.getByRole('combobox', { name: 'Who' }) as HTMLSelectElement };
}

const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);

afterEach(() => {
  document.body.replaceChildren();
  useBadgeStore.setState({ summaries: {}, notices: {}, statuses: {}, statusAt: {}, me: null, team: null });
});

describe('assign row: who gets the post', () => {
  it('while connected: the queue, the router, and the members of the department chosen, in words', async () => {
    const ask = connectedAsk();
    const { shadow, who, handle } = await openCard(ask);
    expect(ask).toHaveBeenCalledWith('team.members', {});
    expect(optionTexts(who())).toEqual([
      'Anyone in Service (the queue)',
      'Let the team server route it',
      'Dana Ruiz (@dana)',
      '<img src=x onerror=alert(1)> (@lee)',
      '@pat',
    ]);
    // Another department, its own members.
    fireEvent.change(shadow.getByRole('combobox', { name: 'Department' }), { target: { value: 'sales' } });
    expect(optionTexts(who())).toEqual(['Anyone in Sales (the queue)', 'Let the team server route it', 'Sam Kent (@sam)']);
    // A hostile display name is text: no element was made of it.
    expect(handle.host.shadowRoot!.querySelector('img')).toBeNull();
    act(() => handle.unmount());
  });

  it('without a team server: the queue only (no router, nobody to name)', async () => {
    const ask = connectedAsk({}, false);
    const { who, handle } = await openCard(ask);
    expect(optionTexts(who())).toEqual(['Anyone in Service (the queue)']);
    act(() => handle.unmount());
  });

  it('sends the member chosen, the router, or the queue', async () => {
    const ask = connectedAsk({
      'assignment.create': () => ({ ok: true, assignment: queued(), created: true }),
      'post.status': () => ({ ok: true, me: 'sam', statuses: { [PK]: { assignment: queued(), presence: [] } } }),
    });
    const { shadow, who, handle } = await openCard(ask);
    const assign = () => act(async () => fireEvent.click(shadow.getByRole('button', { name: 'Assign' })));
    const created = () => ask.mock.calls.filter(([name]) => name === 'assignment.create').map(([, payload]) => payload);

    fireEvent.change(who(), { target: { value: 'member:dana' } });
    await assign();
    fireEvent.change(who(), { target: { value: 'route' } });
    await assign();
    fireEvent.change(who(), { target: { value: 'queue' } });
    await assign();
    expect(created()).toMatchObject([
      { department: 'service', assignee: 'dana', route: false },
      { department: 'service', assignee: null, route: true },
      { department: 'service', assignee: null, route: false },
    ]);
    expect(shadow.getByRole('status').textContent).toBe('In the Service queue');
    act(() => handle.unmount());
  });

  it('falls back to the queue when the member chosen is not in the department picked after', async () => {
    const ask = connectedAsk({ 'assignment.create': () => ({ ok: false, error: 'offline' }) });
    const { shadow, who, handle } = await openCard(ask);
    fireEvent.change(who(), { target: { value: 'member:dana' } });
    fireEvent.change(shadow.getByRole('combobox', { name: 'Department' }), { target: { value: 'pr' } });
    expect(who().value).toBe('queue');
    await act(async () => fireEvent.click(shadow.getByRole('button', { name: 'Assign' })));
    expect(ask).toHaveBeenCalledWith('assignment.create', expect.objectContaining({ department: 'pr', assignee: null, route: false }));
    expect(shadow.getByRole('status').textContent).toBe('Not assigned: offline');
    act(() => handle.unmount());
  });

  it('starts on the member who has the post; the status line follows the router\'s pick', async () => {
    const ask = connectedAsk();
    useBadgeStore.getState().setStatuses({ [PK]: { assignment: queued({ assignee: 'pat', version: 2 }), presence: [] } }, 'sam');
    const { shadow, who, handle } = await openCard(ask);
    expect(who().value).toBe('member:pat');
    expect(shadow.getByRole('status').textContent).toBe('Assigned to pat');
    act(() => handle.unmount());
  });

  it('is usable from the keyboard alone', async () => {
    const user = userEvent.setup({ document });
    const ask = connectedAsk({
      'assignment.create': () => ({ ok: true, assignment: queued(), created: true }),
      'post.status': () => ({ ok: true, me: 'sam', statuses: {} }),
    });
    const { shadow, who, handle } = await openCard(ask);
    // Every control is a native one with a name, in the tab order.
    const controls = [
      shadow.getByRole('button', { name: 'Claim' }),
      shadow.getByRole('combobox', { name: 'Department' }),
      who(),
      shadow.getByRole('button', { name: 'Assign' }),
    ];
    for (const control of controls) {
      expect(['BUTTON', 'SELECT']).toContain(control.tagName);
      expect(control.tabIndex).toBe(0);
    }
    act(() => who().focus());
    await user.selectOptions(who(), 'Let the team server route it');
    act(() => shadow.getByRole('button', { name: 'Assign' }).focus());
    await user.keyboard('{Enter}');
    expect(ask).toHaveBeenCalledWith('assignment.create', expect.objectContaining({ route: true, assignee: null }));
    act(() => handle.unmount());
  });

  it("asks the background for the team once a minute, whichever card opens", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const ask = connectedAsk();
      const actions = createBadgeActions(ask, vi.fn());
      const first = await openCard(ask, view('1'), actions);
      const second = await openCard(ask, view('2'), actions);
      expect(ask.mock.calls.filter(([name]) => name === 'team.members')).toHaveLength(1);
      act(() => first.handle.unmount());
      act(() => second.handle.unmount());
      vi.setSystemTime(Date.now() + TEAM_FRESH_MS + 1);
      const third = await openCard(ask, view('3'), actions);
      expect(ask.mock.calls.filter(([name]) => name === 'team.members')).toHaveLength(2);
      act(() => third.handle.unmount());
    } finally {
      vi.useRealTimers();
    }
  });
});
