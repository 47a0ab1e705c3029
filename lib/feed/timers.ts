/**
 * Timers tied to the content script's lifetime (WXT's `ctx.signal`). WXT's own `ctx.setTimeout`
 * and `ctx.requestAnimationFrame` add an abort listener per call and never remove it: on a feed
 * that schedules a frame per scroll step that is a slow leak. These remove theirs once they run.
 */
export function frameWhileAlive(signal: AbortSignal, callback: () => void): void {
  if (signal.aborted) return;
  const onAbort = () => cancelAnimationFrame(id);
  const id = requestAnimationFrame(() => {
    signal.removeEventListener('abort', onAbort);
    if (!signal.aborted) callback();
  });
  signal.addEventListener('abort', onAbort, { once: true });
}

export function laterWhileAlive(signal: AbortSignal, callback: () => void, ms: number): void {
  if (signal.aborted) return;
  const onAbort = () => clearTimeout(id);
  const id = setTimeout(() => {
    signal.removeEventListener('abort', onAbort);
    if (!signal.aborted) callback();
  }, ms);
  signal.addEventListener('abort', onAbort, { once: true });
}
