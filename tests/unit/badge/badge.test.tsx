// @vitest-environment jsdom
import { act, fireEvent, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BadgeActions } from '../../../components/badge/Badge';
import { createBadgeActions } from '../../../components/badge/actions';
import { mountBadge, BADGE_TAG } from '../../../components/badge/mount';
import { useBadgeStore } from '../../../components/badge/store';
import type { AskBackground } from '../../../lib/feed/background-client';
import { HistorySummarySchema } from '../../../lib/messaging';
import type { BadgeView } from '../../../lib/feed/runtime';

function view(overrides: Partial<BadgeView['post']> = {}, stage: BadgeView['inference']['stage'] = 'purchase'): BadgeView {
  return {
    post: {
      site: 'x', postId: '1861', permalink: 'https://x.com/maya/status/1861', author: 'maya', authorName: 'Maya',
      text: 'how much is it?', postedAt: null, repostedBy: null,
      flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
      ...overrides,
    },
    inference: {
      stage,
      department: stage === 'none' ? 'none' : 'sales',
      confidence: 0.84,
      personaHint: 'Asking for a price: answer now with the offer and a link — Sales, reply within 1 hour',
      signals: [{ name: 'price-question', matched: 'how much', weight: 2 }],
    },
  };
}

const noActions: BadgeActions = { logInteraction: vi.fn(), flagLead: vi.fn(), openHistory: vi.fn(), undo: vi.fn() };

function mount(v: BadgeView, actions: BadgeActions = noActions) {
  let handle!: ReturnType<typeof mountBadge>;
  act(() => {
    handle = mountBadge(document, v, actions, 'light');
  });
  document.body.append(handle.host);
  return { handle, shadow: within(handle.host.shadowRoot as unknown as HTMLElement) };
}

afterEach(() => {
  document.body.replaceChildren();
  useBadgeStore.setState({ summaries: {}, notices: {}, statuses: {}, statusAt: {}, me: null });
});

describe('badge', () => {
  it('carries the contract attributes on a switchboard-badge element with an open shadow root', () => {
    const { handle } = mount(view());
    expect(handle.host.localName).toBe(BADGE_TAG);
    expect(handle.host.shadowRoot).not.toBeNull();
    expect(Object.fromEntries(['site', 'post-id', 'author', 'stage', 'department', 'confidence'].map((a) => [a, handle.host.getAttribute(`data-${a}`)]))).toEqual({
      site: 'x', 'post-id': '1861', author: 'maya', stage: 'purchase', department: 'sales', confidence: '0.84',
    });
    act(() => handle.unmount());
  });

  it('names stage and department in words and has the three named buttons', () => {
    const { shadow, handle } = mount(view());
    expect(shadow.getByRole('button', { name: /Switchboard: Purchase, Sales/ }).textContent).toBe('Purchase · Sales');
    for (const name of ['Log interaction', 'Flag lead', 'Customer history']) expect(shadow.getByRole('button', { name })).toBeTruthy();
    act(() => handle.unmount());
  });

  it('shows the persona hint and the signals on keyboard focus, and hides them on Escape after opening', () => {
    const { shadow, handle } = mount(view());
    expect(shadow.queryByText(/Asking for a price/)).toBeNull();
    const pill = shadow.getByRole('button', { name: /Switchboard: Purchase, Sales/ });
    act(() => pill.focus());
    fireEvent.focus(pill);
    expect(shadow.getByText(/Asking for a price/)).toBeTruthy();
    expect(shadow.getByText('price question: “how much”')).toBeTruthy();
    act(() => handle.unmount());
  });

  it("opens the card on the pill's hover, not the buttons', and closes it once an action is done", () => {
    const logInteraction = vi.fn();
    const { shadow, handle } = mount(view(), { ...noActions, logInteraction });
    const shellButton = shadow.getByRole('button', { name: 'Log interaction' });
    fireEvent.focus(shellButton); // the shell becomes the component
    const log = shadow.getByRole('button', { name: 'Log interaction' });
    fireEvent.blur(log);
    fireEvent.pointerEnter(log);
    expect(shadow.queryByRole('group', { name: 'Why Switchboard says so' })).toBeNull();
    fireEvent.pointerEnter(shadow.getByRole('button', { name: /^Switchboard:/ }));
    expect(shadow.getByRole('group', { name: 'Why Switchboard says so' })).toBeTruthy();
    // Still open on the way to the buttons (inside the badge); closed once one is used, so it
    // does not lie over the next post's badge below.
    fireEvent.pointerEnter(log);
    expect(shadow.getByRole('group', { name: 'Why Switchboard says so' })).toBeTruthy();
    fireEvent.click(log);
    expect(logInteraction).toHaveBeenCalledTimes(1);
    expect(shadow.queryByRole('group', { name: 'Why Switchboard says so' })).toBeNull();
    act(() => handle.unmount());
  });

  it('updates in place when the element shows another post (recycling)', () => {
    const { handle, shadow } = mount(view());
    act(() => handle.update(view({ postId: '9999', author: 'tom', text: 'my order is broken' }, 'none')));
    expect(handle.host.getAttribute('data-post-id')).toBe('9999');
    expect(handle.host.getAttribute('data-author')).toBe('tom');
    expect(handle.host.getAttribute('data-stage')).toBe('none');
    expect(shadow.getByText('No stage')).toBeTruthy();
    act(() => handle.unmount());
  });

  it('renders hostile post text and names as text', () => {
    const hostile = view({ authorName: '<img src=x onerror=alert(1)>' });
    hostile.inference.personaHint = '<img src=x onerror="window.__pwned=1">';
    const { handle, shadow } = mount(hostile);
    act(() => shadow.getByRole('button', { name: /Switchboard:/ }).focus());
    expect(handle.host.shadowRoot!.querySelector('img')).toBeNull();
    expect(shadow.getByText('<img src=x onerror="window.__pwned=1">')).toBeTruthy();
    act(() => handle.unmount());
  });

  it('keeps its clicks from reaching the site', () => {
    const siteClick = vi.fn();
    document.body.addEventListener('click', siteClick);
    const logInteraction = vi.fn();
    const { shadow, handle } = mount(view(), { ...noActions, logInteraction });
    fireEvent.click(shadow.getByRole('button', { name: 'Log interaction' }));
    expect(logInteraction).toHaveBeenCalledTimes(1);
    expect(siteClick).not.toHaveBeenCalled();
    document.body.removeEventListener('click', siteClick);
    act(() => handle.unmount());
  });
});

describe('badge actions', () => {
  const interaction = {
    id: '0190a000-0000-7000-8000-000000000001', customerKey: 'x:maya', kind: 'reply', note: '', stage: 'purchase', department: 'sales',
    memberHandle: 'dana', createdAt: '2026-11-23T10:42:00.000Z',
    post: { site: 'x', postId: '1861', postKey: 'x:1861', permalink: null, text: '', postedAt: null },
  };

  it('shows "Logged … · you" with an undo after Log interaction, then the history count', async () => {
    const ask = vi.fn(async (name: string) => {
      if (name === 'interaction.log') return { ok: true, interaction, duplicate: false };
      if (name === 'history.summary') return { ok: true, summaries: { 'x:maya': { interactions: 1, lastInteraction: interaction, lead: null } } };
      return { ok: false, error: 'unexpected' };
    }) as unknown as AskBackground;
    const later = vi.fn();
    const actions = createBadgeActions(ask, later);
    const { shadow, handle } = mount(view(), actions);
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Log interaction' }));
    });
    expect(shadow.getByRole('status').textContent).toMatch(/^Logged .+ · you/);
    expect(shadow.getByRole('button', { name: 'Undo' })).toBeTruthy();
    expect(later).toHaveBeenCalledWith(expect.any(Function), 5_000);
    act(() => later.mock.calls[0]![0]());
    expect(shadow.queryByRole('button', { name: 'Undo' })).toBeNull();
    act(() => handle.unmount());
  });

  it("keeps a newer notice and its undo when an older notice's window closes", async () => {
    const second = { ...interaction, id: '0190a000-0000-7000-8000-000000000002' };
    let logged = 0;
    const ask = vi.fn(async (name: string) => {
      if (name === 'interaction.log') return { ok: true, interaction: logged++ ? second : interaction, duplicate: false };
      if (name === 'history.summary') return { ok: true, summaries: {} };
      return { ok: false, error: 'unexpected' };
    }) as unknown as AskBackground;
    const later = vi.fn();
    const { shadow, handle } = mount(view(), createBadgeActions(ask, later));
    for (let i = 0; i < 2; i++) {
      await act(async () => {
        fireEvent.click(shadow.getByRole('button', { name: 'Log interaction' }));
      });
    }
    const notices = () => useBadgeStore.getState().notices['x:1861'];
    expect(notices()).toMatchObject({ undoId: second.id, fresh: true });
    // The first click's window closes: the second notice is not rolled back to the first's.
    act(() => later.mock.calls[0]![0]());
    expect(notices()).toMatchObject({ undoId: second.id, fresh: true });
    expect(shadow.getByRole('button', { name: 'Undo' })).toBeTruthy();
    // Its own window closes: the text stays, without the undo offer, no longer fresh.
    act(() => later.mock.calls[1]![0]());
    expect(notices()).toEqual({ tone: 'done', text: expect.stringMatching(/^Logged /) });
    expect(shadow.queryByRole('button', { name: 'Undo' })).toBeNull();
    act(() => handle.unmount());
  });

  it.each([
    ['before the left edge', -120, 1000, 124],
    ['past the right edge', 700, 900, -104],
    ['inside the window', 300, 1000, 0],
  ])('slides a floating notice that would start or end %s back into the window', (_, left, innerWidth, expected) => {
    // jsdom lays nothing out: the header leaves the line no room, and the notice is 300 px wide at `left`.
    const restore = [
      vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockImplementation(function (this: HTMLElement) {
        return this.classList.contains('status') ? 300 : 0;
      }),
      vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
        const slid = Number(/translateX\((-?\d+)px\)/.exec((this as HTMLElement).style?.transform ?? '')?.[1] ?? 0);
        return new DOMRect(left + slid, 40, 300, 20);
      }),
    ];
    const width = vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(innerWidth);
    const { shadow, handle } = mount(view());
    act(() => useBadgeStore.getState().setNotice('x:1861', { tone: 'error', text: 'Could not log: the team server did not answer', fresh: true }));
    const status = shadow.getByRole('status');
    expect(status.hasAttribute('data-float')).toBe(true);
    expect(status.style.transform).toBe(expected ? `translateX(${expected}px)` : '');
    // No longer fresh, it goes back to the line, unslid.
    act(() => useBadgeStore.getState().setNotice('x:1861', { tone: 'error', text: 'Could not log: the team server did not answer' }));
    expect(status.hasAttribute('data-float')).toBe(false);
    expect(status.style.transform).toBe('');
    act(() => handle.unmount());
    for (const spy of [...restore, width]) spy.mockRestore();
  });

  it('marks Log interaction when the customer was answered, Flag lead when a lead is open, Customer history when the post is taken; names unchanged', () => {
    const { shadow, handle } = mount(view());
    const log = () => shadow.getByRole('button', { name: 'Log interaction' });
    const flag = () => shadow.getByRole('button', { name: 'Flag lead' });
    expect(log().hasAttribute('data-marked')).toBe(false);
    expect(flag().hasAttribute('data-marked')).toBe(false);
    const lead = {
      id: '0190a000-0000-7000-8000-000000000009', customerKey: 'x:maya', source: interaction.post, status: 'contacted', owner: 'dana', note: '',
      createdAt: interaction.createdAt, updatedAt: interaction.createdAt, version: 2,
    };
    const summary = HistorySummarySchema.parse({ interactions: 2, lastInteraction: interaction, lead });
    act(() => useBadgeStore.getState().setSummaries({ 'x:maya': summary }));
    expect(log().hasAttribute('data-marked')).toBe(true);
    expect(log().title).toMatch(/^Log interaction \(Handled by dana · \d\d:\d\d\)$/);
    expect(flag().hasAttribute('data-marked')).toBe(true);
    expect(flag().title).toBe('Flag lead (lead: contacted)');
    const history = () => shadow.getByRole('button', { name: 'Customer history' });
    expect(history().hasAttribute('data-marked')).toBe(false);
    act(() => useBadgeStore.getState().setStatuses({ 'x:1861': { assignment: null, presence: [{ memberHandle: 'sam', activity: 'answering', at: new Date().toISOString() }] } }, 'dana'));
    expect(history().hasAttribute('data-marked')).toBe(true);
    expect(history().title).toBe('Customer history (Sam is on it)');
    act(() => handle.unmount());
  });

  it('opens the existing lead (the side panel on its customer) when the customer already has one', async () => {
    const lead = { id: '0190a000-0000-7000-8000-000000000009', status: 'contacted' };
    const ask = vi.fn(async (name: string) => {
      if (name === 'lead.flag') return { ok: true, created: false, lead };
      if (name === 'sidepanel.open') return { ok: true };
      if (name === 'history.summary') return { ok: true, summaries: {} };
      return { ok: false, error: 'unexpected' };
    });
    const { shadow, handle } = mount(view(), createBadgeActions(ask as unknown as AskBackground, vi.fn()));
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Flag lead' }));
    });
    expect(shadow.getByRole('status').textContent).toBe('Lead already open · contacted');
    expect(ask).toHaveBeenCalledWith('sidepanel.open', { customerKey: 'x:maya' });
    act(() => handle.unmount());
  });

  it('says what went wrong when the background refuses or is gone', async () => {
    const ask = vi.fn(async () => ({ ok: false, error: 'The browser is out of storage space' })) as unknown as AskBackground;
    const { shadow, handle } = mount(view(), createBadgeActions(ask, vi.fn()));
    await act(async () => {
      fireEvent.click(shadow.getByRole('button', { name: 'Flag lead' }));
    });
    expect(shadow.getByRole('status').textContent).toBe('No lead: The browser is out of storage space');
    act(() => handle.unmount());
  });
});
