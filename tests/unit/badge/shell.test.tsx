// @vitest-environment jsdom
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BadgeActions } from '../../../components/badge/Badge';
import { mountBadge } from '../../../components/badge/mount';
import { useBadgeStore } from '../../../components/badge/store';
import type { BadgeView } from '../../../lib/feed/runtime';
import type { Department, Stage } from '../../../lib/model/inference';

function view(postId: string, stage: Stage, department: Department): BadgeView {
  return {
    post: {
      site: 'x', postId, permalink: `https://x.com/maya/status/${postId}`, author: 'maya', authorName: 'Maya',
      text: 'how much is it?', postedAt: null, repostedBy: null,
      flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
    },
    inference: { stage, department, confidence: 0.8, personaHint: 'Asking for a price: answer now', signals: [] },
  };
}

const actions: BadgeActions = { logInteraction: vi.fn(), flagLead: vi.fn(), openHistory: vi.fn(), undo: vi.fn() };

function mount(v: BadgeView) {
  let handle!: ReturnType<typeof mountBadge>;
  act(() => {
    handle = mountBadge(document, v, actions, 'light');
  });
  document.body.append(handle.host);
  return { handle, shadow: handle.host.shadowRoot! };
}

/** Tag, attributes in name order and text, so two renderings compare whatever wrote them. */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify(node.nodeValue);
  const el = node as Element;
  const attributes = [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort().join(' ');
  return `<${el.localName} ${attributes}>${[...el.childNodes].map(shape).join('')}</${el.localName}>`;
}

/** Swap the shell for the component without changing its state (focus arriving from nowhere). */
function upgradeQuietly(shadow: ShadowRoot) {
  act(() => {
    shadow.querySelector('.pill')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  });
}

/** The elements a badge shows, in order: the shell's sit in the shadow root itself, the component's in its wrappers. */
function shown(shadow: ShadowRoot): Element[] {
  const badge = shadow.querySelector('.badge');
  return [...(badge ?? shadow).children].filter((el) => el.localName !== 'style');
}

afterEach(() => {
  document.body.replaceChildren();
  useBadgeStore.setState({ summaries: {}, notices: {}, statuses: {}, statusAt: {}, me: null });
});

describe('the badge shell (first paint without a framework root)', () => {
  it.each([
    ['purchase', 'sales'],
    ['pre-purchase', 'marketing'],
    ['post-purchase', 'service'],
    ['post-purchase', 'pr'],
    ['none', 'none'],
  ] as const)('is exactly what the component renders first (%s, %s)', (stage, department) => {
    const { shadow, handle } = mount(view('1', stage, department));
    expect(shadow.querySelector('.badge')).toBeNull();
    const shell = shown(shadow);
    const shellShape = shell.map(shape).join('');
    upgradeQuietly(shadow);
    const component = shown(shadow);
    expect(shadow.querySelector('.badge')).not.toBeNull();
    expect(component[0]).not.toBe(shell[0]);
    expect(shell.every((el) => !el.isConnected)).toBe(true);
    expect(component.map(shape).join('')).toBe(shellShape);
    act(() => handle.unmount());
  });

  it('keeps its nodes when its recycled element shows another post, rewording the pill for another look', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    const first = shown(shadow);
    const words = shadow.querySelector('.pill')!.firstChild;
    act(() => handle.update(view('2', 'purchase', 'sales')));
    expect(shown(shadow)).toEqual(first);
    expect(handle.host.getAttribute('data-post-id')).toBe('2');
    act(() => handle.update(view('3', 'none', 'none')));
    expect(shown(shadow)).toEqual(first);
    expect(shadow.querySelector('.pill')!.firstChild).toBe(words);
    expect(handle.host.getAttribute('data-stage')).toBe('none');
    expect(shadow.querySelector('.pill')!.textContent).toBe('No stage');
    expect(shadow.querySelector('.pill')!.getAttribute('aria-label')).toBe('Switchboard: No stage. Show why');
    // Reworded, it is still exactly what the component renders for that post.
    const reworded = first.map(shape).join('');
    upgradeQuietly(shadow);
    expect(shown(shadow).map(shape).join('')).toBe(reworded);
    act(() => handle.unmount());
  });

  it('keeps its stylesheet through a repaint and the swap to the component', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    const sheets = () => shadow.querySelectorAll('style').length + (shadow.adoptedStyleSheets?.length ?? 0);
    expect(sheets()).toBe(1);
    act(() => handle.update(view('2', 'none', 'none')));
    expect(sheets()).toBe(1);
    upgradeQuietly(shadow);
    expect(shadow.querySelector('.badge')).not.toBeNull();
    expect(sheets()).toBe(1);
    act(() => handle.unmount());
  });

  it('opens the card when the pointer comes over it', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    expect(shadow.querySelector('.card')).toBeNull();
    act(() => {
      shadow.querySelector('.pill')!.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    });
    expect(shadow.querySelector('.card .hint')?.textContent).toBe('Asking for a price: answer now');
    act(() => handle.unmount());
  });

  it('keeps keyboard focus on the same button when it becomes the component', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    const shellFlag = shadow.querySelector<HTMLElement>('button.flag')!;
    act(() => shellFlag.focus());
    const focused = shadow.activeElement as HTMLElement;
    expect(focused).not.toBe(shellFlag);
    expect(focused.isConnected).toBe(true);
    expect(focused.getAttribute('aria-label')).toBe('Flag lead');
    act(() => handle.unmount());
  });

  it('replays a click made on the shell on the component, once', () => {
    const flagLead = vi.fn();
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    handle.update(view('1', 'purchase', 'sales'));
    const mine = mountBadge(document, view('2', 'purchase', 'sales'), { ...actions, flagLead }, 'light');
    document.body.append(mine.host);
    act(() => mine.host.shadowRoot!.querySelector<HTMLElement>('button.flag')!.click());
    expect(flagLead).toHaveBeenCalledTimes(1);
    expect(flagLead.mock.calls[0]![0].post.postId).toBe('2');
    expect(shadow.querySelector('.card')).toBeNull();
    act(() => {
      mine.unmount();
      handle.unmount();
    });
  });

  it('becomes the component when its post has a line to show, and only then', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    const shellPill = shadow.querySelector('.pill');
    act(() => useBadgeStore.getState().setNotice('x:2', { tone: 'done', text: 'Flagged' }));
    expect(shadow.querySelector('.pill')).toBe(shellPill);
    expect(shadow.querySelector('.badge')).toBeNull();
    act(() => useBadgeStore.getState().setNotice('x:1', { tone: 'done', text: 'Logged 10:42 · you' }));
    expect(shadow.querySelector('.pill')).not.toBe(shellPill);
    expect(shadow.querySelector('[role="status"]')?.textContent).toBe('Logged 10:42 · you');
    act(() => handle.unmount());
  });

  it('starts as the component when its author already has history', () => {
    act(() =>
      useBadgeStore.getState().setSummaries({
        'x:maya': { interactions: 2, lastInteraction: null, lead: { id: '0190a000-0000-7000-8000-000000000009', status: 'contacted' } },
      } as never),
    );
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    expect(shadow.querySelector('[role="status"]')?.textContent).toBe('2 interactions · lead: contacted');
    act(() => handle.unmount());
  });

  it('repaints in place for a recycled element and stays a shell', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    act(() => handle.update(view('2', 'post-purchase', 'service')));
    expect(handle.host.getAttribute('data-stage')).toBe('post-purchase');
    expect(shadow.querySelector('.pill')?.textContent).toBe('Post-purchase · Service');
    expect(shadow.querySelectorAll('.pill')).toHaveLength(1);
    expect(shadow.querySelector('.badge')).toBeNull();
    act(() => handle.unmount());
  });

  it('stops listening to the store once unmounted', () => {
    const { shadow, handle } = mount(view('1', 'purchase', 'sales'));
    const shellPill = shadow.querySelector('.pill');
    act(() => handle.unmount());
    act(() => useBadgeStore.getState().setNotice('x:1', { tone: 'done', text: 'Logged' }));
    expect(shadow.querySelector('.pill')).toBe(shellPill);
    expect(shadow.querySelector('.badge')).toBeNull();
  });
});
