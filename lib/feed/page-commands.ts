/**
 * Messages the background sends to a tab's content script (the other direction of
 * lib/messaging). Only the extension itself can send them, so a name check is enough; kept free
 * of zod so the content script stays small.
 */
export const TOGGLE_BADGES = 'badges.toggle' as const;

export interface PageCommand {
  name: typeof TOGGLE_BADGES;
}

export function isPageCommand(message: unknown): message is PageCommand {
  return typeof message === 'object' && message !== null && (message as { name?: unknown }).name === TOGGLE_BADGES;
}
