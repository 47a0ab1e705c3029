// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectTheme, watchTheme, type Theme } from '../../../lib/feed/theme';

/** Frames run when the test says so: the watcher must wait for one, and ask for one at most. */
function manualFrames() {
  const queue: Array<() => void> = [];
  return {
    requestAnimationFrame: (callback: () => void) => void queue.push(callback),
    get waiting() {
      return queue.length;
    },
    run() {
      for (const callback of queue.splice(0)) callback();
    },
  };
}

/** MutationObserver callbacks are microtasks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('class');
  document.head.querySelectorAll('style').forEach((s) => s.remove());
});

describe('the site theme', () => {
  it('reads dark from a dark page background and light from a light one', () => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    expect(detectTheme(window)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(detectTheme(window)).toBe('light');
  });

  it('tells of a switch made on the body or by a class on the root, once per frame, and stops with its lifetime', async () => {
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    const frames = manualFrames();
    const lifetime = new AbortController();
    const seen: Theme[] = [];
    expect(watchTheme(window, { signal: lifetime.signal, requestAnimationFrame: frames.requestAnimationFrame }, (theme) => seen.push(theme))).toBe('light');

    // X's display settings repaint the body (several writes in a row: one read, in the next frame).
    document.body.style.backgroundColor = 'rgb(21, 32, 43)';
    document.body.style.color = 'rgb(231, 233, 234)';
    await settle();
    expect(frames.waiting).toBe(1);
    expect(seen).toEqual([]);
    frames.run();
    expect(seen).toEqual(['dark']);

    // A class on the root, and the stylesheet paints the body.
    const sheet = document.createElement('style');
    sheet.textContent = '.light-mode body { background-color: rgb(240, 242, 245) !important; }';
    document.head.append(sheet);
    document.documentElement.className = 'light-mode';
    await settle();
    frames.run();
    expect(seen).toEqual(['dark', 'light']);

    // A change that keeps the theme says nothing.
    document.body.style.color = 'rgb(0, 0, 0)';
    await settle();
    frames.run();
    expect(seen).toEqual(['dark', 'light']);

    lifetime.abort();
    document.documentElement.className = '';
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    await settle();
    expect(frames.waiting).toBe(0);
    expect(seen).toEqual(['dark', 'light']);
  });

  it('follows the system scheme when the page paints no background of its own', () => {
    const listeners: Array<() => void> = [];
    let dark = false;
    // jsdom has no matchMedia: a stand-in that a test can switch.
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: () => ({ get matches() { return dark; }, addEventListener: (_: string, l: () => void) => listeners.push(l), removeEventListener: vi.fn() }),
    });
    const frames = manualFrames();
    const seen: Theme[] = [];
    watchTheme(window, { signal: new AbortController().signal, requestAnimationFrame: frames.requestAnimationFrame }, (theme) => seen.push(theme));
    dark = true;
    for (const listener of listeners) listener();
    frames.run();
    expect(seen).toEqual(['dark']);
    delete (window as { matchMedia?: unknown }).matchMedia;
  });
});
