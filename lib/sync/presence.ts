/**
 * Presence: telling the team that this member is looking at, answering, or leaving a post
 * ("dana is on it" on teammates' badges). Best effort: without a connection, after a revocation,
 * or when the backend cannot be reached, nothing is sent and nothing is queued (presence is only
 * worth something now).
 */
import { z } from 'zod';
import type { AppDB } from '../db';
import { PRESENCE_TTL_MS, PresenceRequestSchema, type PresenceRequest } from '../model';
import { requestJson, SyncError, type FetchLike } from './http';
import { readConnection, readSyncState } from './state';

/** Resolves to true when the backend took it. Never throws for network or server trouble. */
export async function sendPresence(db: AppDB, fetch: FetchLike, presence: PresenceRequest, timeoutMs = 5_000): Promise<boolean> {
  const body = PresenceRequestSchema.parse(presence);
  const connection = await readConnection(db);
  if (!connection) return false;
  const state = await readSyncState(db);
  if (state.stopped && state.connectedAt === connection.connectedAt) return false;
  try {
    await requestJson(fetch, connection, { method: 'POST', path: '/v1/presence', body, schema: z.undefined(), timeoutMs });
    return true;
  } catch (error) {
    if (error instanceof SyncError) return false;
    throw error;
  }
}

export { PRESENCE_TTL_MS };

export interface PresenceEntry {
  memberHandle: string;
  activity: 'viewing' | 'answering';
  at: string;
}

/**
 * The latest presence events from the push channel, in memory (the background's): postKey →
 * member → activity. `left` removes the member; entries older than PRESENCE_TTL_MS are dropped on
 * read and on every write. Lost with the worker; the channel a restarted worker opens starts with
 * the team's current presence, which fills it again.
 */
export function createPresenceBoard(options: { now?: () => number; ttlMs?: number } = {}) {
  const now = options.now ?? (() => Date.now());
  const ttl = options.ttlMs ?? PRESENCE_TTL_MS;
  const posts = new Map<string, Map<string, { activity: PresenceEntry['activity']; at: string; seenAt: number }>>();

  function prune(): void {
    const cutoff = now() - ttl;
    for (const [postKey, members] of posts) {
      for (const [handle, entry] of members) if (entry.seenAt < cutoff) members.delete(handle);
      if (members.size === 0) posts.delete(postKey);
    }
  }

  return {
    record(event: { memberHandle: string; postKey: string; activity: 'viewing' | 'answering' | 'left'; at: string }): void {
      prune();
      let members = posts.get(event.postKey);
      if (event.activity === 'left') {
        members?.delete(event.memberHandle);
        if (members?.size === 0) posts.delete(event.postKey);
        return;
      }
      if (!members) posts.set(event.postKey, (members = new Map()));
      // The time is the one we received it at: a teammate's clock may be off.
      members.set(event.memberHandle, { activity: event.activity, at: event.at, seenAt: now() });
    },
    /** Teammates at a post within the TTL, newest first, without `except` (the member asking). */
    at(postKey: string, except?: string): PresenceEntry[] {
      const members = posts.get(postKey);
      if (!members) return [];
      const cutoff = now() - ttl;
      const out: (PresenceEntry & { seenAt: number })[] = [];
      for (const [memberHandle, entry] of members) {
        if (entry.seenAt < cutoff || memberHandle === except) continue;
        out.push({ memberHandle, activity: entry.activity, at: entry.at, seenAt: entry.seenAt });
      }
      out.sort((a, b) => b.seenAt - a.seenAt);
      return out.map(({ memberHandle, activity, at }) => ({ memberHandle, activity, at }));
    },
    clear(): void {
      posts.clear();
    },
  };
}

export type PresenceBoard = ReturnType<typeof createPresenceBoard>;
