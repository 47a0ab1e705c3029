// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { frameWhileAlive, laterWhileAlive } from '../../../lib/feed/timers';

/** Counts the abort listeners a signal holds, to prove none are left behind. */
function countingSignal() {
  const controller = new AbortController();
  let listeners = 0;
  const add = controller.signal.addEventListener.bind(controller.signal);
  const remove = controller.signal.removeEventListener.bind(controller.signal);
  controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  }) as typeof add;
  controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    listeners--;
    remove(...args);
  }) as typeof remove;
  return { controller, listeners: () => listeners };
}

describe('timers tied to the content script', () => {
  it('run, and leave no abort listener behind', async () => {
    const { controller, listeners } = countingSignal();
    const ran = vi.fn();
    for (let i = 0; i < 50; i++) laterWhileAlive(controller.signal, ran, 0);
    for (let i = 0; i < 50; i++) frameWhileAlive(controller.signal, ran);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ran).toHaveBeenCalledTimes(100);
    expect(listeners()).toBe(0);
  });

  it('never run after the context is invalidated', async () => {
    const { controller } = countingSignal();
    const ran = vi.fn();
    laterWhileAlive(controller.signal, ran, 0);
    frameWhileAlive(controller.signal, ran);
    controller.abort();
    laterWhileAlive(controller.signal, ran, 0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ran).not.toHaveBeenCalled();
  });
});
