/**
 * Messages the background sends to a tab's content script (the other direction of
 * lib/messaging). Only the extension itself can send them, so a name check is enough; kept free
 * of zod so the content script stays small.
 */
export const TOGGLE_BADGES = 'badges.toggle' as const;
/** Interactions, leads or assignments changed (a click elsewhere, or a teammate's, synced). */
export const HISTORY_CHANGED = 'history.changed' as const;

/** Teammates' presence changed on these posts ("Sam is on it"). */
export const PRESENCE_CHANGED = 'presence.changed' as const;

export type PageCommand =
  | { name: typeof TOGGLE_BADGES }
  | { name: typeof HISTORY_CHANGED }
  | { name: typeof PRESENCE_CHANGED; postKeys: string[] };

export function isPageCommand(message: unknown): message is PageCommand {
  if (typeof message !== 'object' || message === null) return false;
  const { name, postKeys } = message as { name?: unknown; postKeys?: unknown };
  if (name === PRESENCE_CHANGED) return Array.isArray(postKeys) && postKeys.every((key) => typeof key === 'string');
  return name === TOGGLE_BADGES || name === HISTORY_CHANGED;
}
