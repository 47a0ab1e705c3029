/**
 * Presence: telling the team that this member is looking at, answering, or leaving a post
 * ("dana is on it" on teammates' badges). Best effort: without a connection, after a revocation,
 * or when the backend cannot be reached, nothing is sent and nothing is queued (presence is only
 * worth something now).
 */
import { z } from 'zod';
import type { AppDB } from '../db';
import { PresenceRequestSchema, type PresenceRequest } from '../model';
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
