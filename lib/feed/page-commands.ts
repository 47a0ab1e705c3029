/**
 * Messages the background sends to a tab's content script (the other direction of
 * lib/messaging). Only the extension itself can send them, so a name check is enough; kept free
 * of zod so the content script stays small.
 */
export const TOGGLE_BADGES = 'badges.toggle' as const;
/** Interactions, leads or assignments changed (a click elsewhere, or a teammate's, synced). */
export const HISTORY_CHANGED = 'history.changed' as const;

export interface PageCommand {
  name: typeof TOGGLE_BADGES | typeof HISTORY_CHANGED;
}

export function isPageCommand(message: unknown): message is PageCommand {
  if (typeof message !== 'object' || message === null) return false;
  const name = (message as { name?: unknown }).name;
  return name === TOGGLE_BADGES || name === HISTORY_CHANGED;
}
