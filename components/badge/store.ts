import { create } from 'zustand';
import type { CustomerKey, PostKey } from '../../lib/model';
import type { AssignableMember, HistorySummary, PostStatus } from '../../lib/messaging';
import { describeHistory, describePostStatus } from './labels';

/** Who a post can be given to, as the background last answered (`team.members`). */
export interface BadgeTeam {
  /** A team server is connected: its router can be asked, its members named. */
  connected: boolean;
  members: AssignableMember[];
}

/** A short message a badge shows after a click: what happened, or what went wrong. */
export interface BadgeNotice {
  tone: 'done' | 'error';
  text: string;
  /** An interaction that can still be undone from the badge. */
  undoId?: string;
  /** When to drop the undo offer (ms since epoch). */
  undoUntil?: number;
  /**
   * Just said, and to be read: where the post's header leaves the badge's line no room, the
   * badge floats it under itself while this holds (actions.ts drops it after UNDO_WINDOW_MS).
   */
  fresh?: boolean;
}

export interface BadgeState {
  /** The history of each author on the page, as the background last reported it. */
  summaries: Partial<Record<CustomerKey, HistorySummary>>;
  notices: Partial<Record<PostKey, BadgeNotice>>;
  /** Each post's assignment and teammates at it, as the background last reported (`post.status`). */
  statuses: Partial<Record<PostKey, PostStatus>>;
  /** When each post's teammates' presence arrived (ms since epoch): it counts for a minute from then. */
  statusAt: Partial<Record<PostKey, number>>;
  /** The member's own handle, as the background answered it (null until the first answer). */
  me: string | null;
  /** Null until a card's assign row first asked. */
  team: BadgeTeam | null;
  setSummaries(summaries: Record<string, HistorySummary>): void;
  setStatuses(statuses: Record<string, PostStatus>, me: string, at?: number): void;
  setNotice(post: PostKey, notice: BadgeNotice | null): void;
  setTeam(team: BadgeTeam): void;
}

/** UI state shared by every badge on the page (one React root per badge, one store per page). */
export const useBadgeStore = create<BadgeState>((set) => ({
  summaries: {},
  notices: {},
  statuses: {},
  statusAt: {},
  me: null,
  team: null,
  setStatuses: (statuses, me, at = Date.now()) =>
    set((state) => {
      // Most posts have no assignment and nobody at them: those are not kept, so the store holds
      // only posts with something to show, however long the member scrolls. A refresh mostly
      // brings back what the page has: keep those objects, so only changed badges render again.
      let changed = me !== state.me;
      let next = state.statuses;
      let statusAt = state.statusAt;
      const edit = () => {
        if (next === state.statuses) next = { ...state.statuses };
        if (statusAt === state.statusAt) statusAt = { ...state.statusAt };
        changed = true;
      };
      for (const [key, status] of Object.entries(statuses) as [PostKey, PostStatus][]) {
        const before = state.statuses[key];
        if (status.presence.length > 0) {
          edit();
          statusAt[key] = at;
        } else if (statusAt[key] !== undefined) {
          edit();
          delete statusAt[key];
        }
        if (!status.assignment && status.presence.length === 0) {
          if (before) {
            edit();
            delete next[key];
          }
          continue;
        }
        if (before && JSON.stringify(before) === JSON.stringify(status)) continue;
        edit();
        next[key] = status;
      }
      return changed ? { statuses: next, statusAt, me } : state;
    }),
  setSummaries: (summaries) =>
    set((state) => {
      // Authors with no history are not kept (most of a feed): see setStatuses.
      let next = state.summaries;
      for (const [key, summary] of Object.entries(summaries) as [CustomerKey, HistorySummary][]) {
        const empty = summary.interactions === 0 && !summary.lastInteraction && !summary.lead;
        if (empty && next[key] === undefined) continue;
        if (next === state.summaries) next = { ...state.summaries };
        if (empty) delete next[key];
        else next[key] = summary;
      }
      return next === state.summaries ? state : { summaries: next };
    }),
  setTeam: (team) => set({ team }),
  setNotice: (post, notice) =>
    set((state) => {
      const notices = { ...state.notices };
      if (notice) notices[post] = notice;
      else delete notices[post];
      return { notices };
    }),
}));

/**
 * Whether a post's badge has a line to show under it now: a notice after a click, the post's
 * assignment or a teammate at it, or its author's history. Badges with none of these are drawn
 * without a framework root (mount.tsx).
 */
export function hasBadgeLine(state: BadgeState, customer: CustomerKey, post: PostKey, now?: number): boolean {
  const notice = state.notices[post];
  const summary = state.summaries[customer];
  const status = state.statuses[post];
  // The common case, checked for every badge that mounts: nothing at all about this post (and
  // not even the clock read).
  if (notice === undefined && summary === undefined && status === undefined) return false;
  return (
    notice !== undefined ||
    describeHistory(summary) !== null ||
    describePostStatus(status, state.me, now ?? Date.now(), state.statusAt[post]) !== null
  );
}
