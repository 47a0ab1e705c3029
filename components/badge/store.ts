import { create } from 'zustand';
import type { CustomerKey, PostKey } from '../../lib/model';
import type { AssignableMember, HistorySummary, PostStatus } from '../../lib/messaging';

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
}

interface BadgeState {
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
      // A refresh mostly brings back what the page has: keep those objects, so only the badges
      // whose post changed render again.
      let changed = me !== state.me;
      const next = { ...state.statuses };
      const statusAt = { ...state.statusAt };
      for (const [key, status] of Object.entries(statuses) as [PostKey, PostStatus][]) {
        const before = state.statuses[key];
        if (status.presence.length > 0) {
          statusAt[key] = at;
          changed = true;
        } else if (statusAt[key] !== undefined) {
          delete statusAt[key];
          changed = true;
        }
        if (before && JSON.stringify(before) === JSON.stringify(status)) continue;
        next[key] = status;
        changed = true;
      }
      return changed ? { statuses: next, statusAt, me } : state;
    }),
  setSummaries: (summaries) => set((state) => ({ summaries: { ...state.summaries, ...summaries } })),
  setTeam: (team) => set({ team }),
  setNotice: (post, notice) =>
    set((state) => {
      const notices = { ...state.notices };
      if (notice) notices[post] = notice;
      else delete notices[post];
      return { notices };
    }),
}));
