/**
 * The background's side of lib/messaging: each message, already validated by `dispatch`, becomes
 * one call into lib/db. Errors are thrown with person-readable messages; `dispatch` turns them
 * into `{ ok: false, error }` for the badge to show.
 */
import type { CustomerKey, PostKey } from '../model';
import type { AssignableMember, Handlers, Presence, PostStatus } from '../messaging';
import type { AppDB } from './app-db';
import {
  assignmentsForPosts,
  assignPost,
  claimPost,
  completeAssignment,
  flagLead,
  historySummary,
  logInteraction,
  recordSeen,
  setLeadStatus,
  undoInteraction,
  type Actor,
} from './mutations';
import { readSettings } from './settings';

/** Who is acting: the member's handle (`me` before setup). */
export interface Identity {
  handle: string;
}

/** A fixed identity, or a function asked on every message (so a settings change applies at once). */
export type IdentitySource = Identity | (() => Identity | Promise<Identity>);

export interface HandlerOptions {
  /**
   * Opens the side panel on a customer (Chrome `sidePanel`, Firefox `sidebar_action`); the
   * background provides it. Without it, `sidepanel.open` answers with an error.
   */
  openSidePanel?: (customerKey: CustomerKey, sender: { tabId?: number }) => Promise<void> | void;
  /** Teammates' presence as the push channel told it (lib/sync's presence board). */
  presence?: { at(postKey: string, except?: string): Presence[] };
  /**
   * Tell the team this member is at a post (lib/sync's sendPresence); resolves false when not
   * connected or not sent. Without it, `presence.announce` answers `sent: false`.
   */
  announce?: (presence: { postKey: PostKey; activity: 'viewing' | 'answering' }) => Promise<boolean>;
  /**
   * The team's active members and whether a team server is connected (lib/sync's teamDirectory).
   * Without it, `team.members` answers not connected, nobody listed.
   */
  team?: () => Promise<{ connected: boolean; members: AssignableMember[] }>;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

/** The identity stored in the settings (handle `me` until the options page sets one). */
export function settingsIdentity(db: AppDB): () => Promise<Identity> {
  return async () => ({ handle: (await readSettings(db)).me.handle });
}

export function createHandlers(
  db: AppDB,
  identity: IdentitySource = settingsIdentity(db),
  options: HandlerOptions = {},
): Handlers {
  const actor = async (): Promise<Actor> => {
    const who = typeof identity === 'function' ? await identity() : identity;
    const now = options.now?.();
    return now ? { me: who.handle, now } : { me: who.handle };
  };

  return {
    'posts.seen': async ({ items }) => {
      const settings = await readSettings(db);
      const wanted = items.filter((item) => settings.sites[item.post.site]);
      const { stored } = await recordSeen(db, wanted, await actor());
      return { ok: true, stored };
    },
    'interaction.log': async (payload) => {
      const result = await logInteraction(db, payload, await actor());
      return { ok: true, ...result };
    },
    'interaction.undo': async ({ id }) => {
      await undoInteraction(db, id, await actor());
      return { ok: true };
    },
    'lead.flag': async (payload) => {
      const result = await flagLead(db, payload, await actor());
      return { ok: true, ...result };
    },
    'lead.status': async ({ id, status }) => {
      const lead = await setLeadStatus(db, id, status, await actor());
      return { ok: true, lead };
    },
    'assignment.create': async ({ post, inference, department, assignee, route }) => {
      const result = await assignPost(db, { post, inference, department, assignee: assignee ?? null, route }, await actor());
      return { ok: true, ...result };
    },
    'team.members': async () => {
      const team = options.team ? await options.team() : { connected: false, members: [] };
      return { ok: true, ...team };
    },
    'assignment.claim': async (payload) => {
      const result = await claimPost(db, payload, await actor());
      return { ok: true, ...result };
    },
    'assignment.done': async ({ id }) => {
      const assignment = await completeAssignment(db, id, await actor());
      return { ok: true, assignment };
    },
    'post.status': async ({ postKeys }) => {
      const { me } = await actor();
      const assignments = await assignmentsForPosts(db, postKeys);
      const statuses: Record<string, PostStatus> = {};
      for (const [postKey, assignment] of Object.entries(assignments)) {
        statuses[postKey] = { assignment, presence: options.presence?.at(postKey, me) ?? [] };
      }
      return { ok: true, me, statuses };
    },
    'presence.announce': async (presence) => {
      const sent = options.announce ? await options.announce(presence) : false;
      return { ok: true, sent };
    },
    'feed.settings': async ({ site }) => {
      const settings = await readSettings(db);
      return { ok: true, enabled: settings.sites[site], terms: settings.team.terms };
    },
    'history.summary': async ({ customerKeys }) => {
      const summaries = await historySummary(db, customerKeys);
      return { ok: true, summaries };
    },
    'sidepanel.open': async ({ customerKey }, sender) => {
      if (!options.openSidePanel) throw new Error('The side panel cannot be opened from here.');
      await options.openSidePanel(customerKey, sender);
      return { ok: true };
    },
  };
}
