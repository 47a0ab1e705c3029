/**
 * Every piece of sync state, kept in AppDB's `meta` table under `sync.*` keys: the connection,
 * the pull cursor, the engine's visible state (with its backoff), the conflicts and the mutations
 * the backend refused. The background service worker can be killed at any moment, so nothing the
 * engine needs to carry on lives only in memory.
 *
 * Each value is validated with zod when read: a value that does not parse (written by a newer
 * Switchboard, or damaged) reads as absent, and is only replaced when the engine writes anew.
 */
import { z } from 'zod';
import { queueMutation, type AppDB } from '../db';
import { CustomerKeySchema, MemberSchema, MutationSchema, RecordIdSchema, TeamSchema } from '../model';

const Timestamp = z.string().datetime({ offset: true });

export const CONNECTION_KEY = 'sync.connection';
export const CURSOR_KEY = 'sync.cursor';
export const SYNC_STATE_KEY = 'sync.state';
export const CONFLICTS_KEY = 'sync.conflicts';
export const REJECTED_KEY = 'sync.rejected';
export const DEFERRED_KEY = 'sync.deferred';
/** When the member's identity and the team's settings were last asked for (`GET /v1/me`). */
export const IDENTITY_CHECKED_KEY = 'sync.identityCheckedAt';

/** The most conflicts and set-aside mutations kept for the person to read (oldest dropped first). */
export const NOTICE_MAX = 100;

/** The team the extension is connected to, and who the token belongs to. */
export const ConnectionSchema = z.object({
  /** Normalised base URL, without a trailing slash (`https://sb.example.com`). */
  serverUrl: z.string().url(),
  token: z.string().min(1),
  team: TeamSchema,
  member: MemberSchema,
  /** Also tells one connection from the next: the engine never writes for a connection that was replaced. */
  connectedAt: Timestamp,
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** What the UI may see of a connection (never the token). */
export type ConnectionInfo = Omit<Connection, 'token'>;

export const CursorSchema = z.object({ teamId: z.string(), serverUrl: z.string(), cursor: z.string() });
export type StoredCursor = z.infer<typeof CursorSchema>;

export const SyncStatusSchema = z.enum(['disconnected', 'syncing', 'synced', 'offline', 'error']);
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/**
 * Why the last attempt failed: `network` and `timeout` show as offline; `revoked` stops syncing
 * until the person connects again; the others are errors retried with backoff.
 */
export const SyncProblemSchema = z.enum(['network', 'timeout', 'server', 'protocol', 'rate-limited', 'revoked', 'storage']);
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

export const SyncStateSchema = z.object({
  status: SyncStatusSchema,
  /** For people: why it is offline or in error (null when all is well). */
  reason: z.string().nullable(),
  problem: SyncProblemSchema.nullable(),
  /** True after a 401/403: no attempt is made until the person connects again. */
  stopped: z.boolean(),
  /** Failed attempts in a row (the backoff exponent); 0 after a success. */
  failures: z.number().int().min(0),
  /** Not before this instant (backoff); null: whenever asked. */
  nextAttemptAt: Timestamp.nullable(),
  lastSyncedAt: Timestamp.nullable(),
  /** Outbox entries waiting when the state was written. */
  pending: z.number().int().min(0),
  /** The connection this state belongs to (its `connectedAt`), null when disconnected. */
  connectedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export function disconnectedState(now: Date, pending = 0): SyncState {
  return {
    status: 'disconnected',
    reason: null,
    problem: null,
    stopped: false,
    failures: 0,
    nextAttemptAt: null,
    lastSyncedAt: null,
    pending,
    connectedAt: null,
    updatedAt: now.toISOString(),
  };
}

/**
 * A change the member should know about: a teammate's record won a compare-and-set ("dana already
 * took this post"), a lead moved on without us, a customer erased by an admin.
 */
export const ConflictSchema = z.object({
  id: z.string(),
  at: Timestamp,
  kind: z.enum(['lead', 'assignment', 'customer']),
  recordId: RecordIdSchema.nullable(),
  customerKey: CustomerKeySchema,
  message: z.string(),
  /** The local version that did not win, kept so nothing typed is lost (e.g. a note). */
  mine: z.unknown().optional(),
  /** The team's version, now the local one too. */
  theirs: z.unknown().optional(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

/** A mutation the backend refused (`rejected`): kept aside, never retried in a loop. */
export const RejectedSchema = z.object({
  at: Timestamp,
  error: z.string(),
  customerKey: CustomerKeySchema,
  mutation: MutationSchema,
});
export type Rejected = z.infer<typeof RejectedSchema>;

/**
 * A lead or assignment pulled while a local change to it still waited in the outbox: the local
 * change stands until the push answers for it, then this one is taken if it is newer.
 */
export const DeferredSchema = z.record(
  z.string(),
  z.object({ kind: z.enum(['lead', 'assignment']), record: z.unknown(), version: z.number().int() }),
);
export type Deferred = z.infer<typeof DeferredSchema>;

async function readParsed<T>(db: AppDB, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const row = await db.meta.get(key);
  if (row === undefined) return undefined;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : undefined;
}

export function readConnection(db: AppDB): Promise<Connection | undefined> {
  return readParsed(db, CONNECTION_KEY, ConnectionSchema);
}

export async function readConnectionInfo(db: AppDB): Promise<ConnectionInfo | undefined> {
  const connection = await readConnection(db);
  if (!connection) return undefined;
  const { token: _token, ...info } = connection;
  return info;
}

/** The cursor for this connection's team and server (a cursor of another team reads as none). */
export async function readCursor(db: AppDB, connection: Pick<Connection, 'team' | 'serverUrl'>): Promise<string | null> {
  const stored = await readParsed(db, CURSOR_KEY, CursorSchema);
  if (!stored || stored.teamId !== connection.team.id || stored.serverUrl !== connection.serverUrl) return null;
  return stored.cursor;
}

export async function writeCursor(db: AppDB, connection: Pick<Connection, 'team' | 'serverUrl'>, cursor: string): Promise<void> {
  await db.meta.put({ key: CURSOR_KEY, value: { teamId: connection.team.id, serverUrl: connection.serverUrl, cursor } });
}

export async function readSyncState(db: AppDB, now: Date = new Date()): Promise<SyncState> {
  return (await readParsed(db, SYNC_STATE_KEY, SyncStateSchema)) ?? disconnectedState(now);
}

export async function writeSyncState(db: AppDB, state: SyncState): Promise<void> {
  await db.meta.put({ key: SYNC_STATE_KEY, value: SyncStateSchema.parse(state) });
}

export async function readConflicts(db: AppDB): Promise<Conflict[]> {
  return (await readParsed(db, CONFLICTS_KEY, z.array(ConflictSchema))) ?? [];
}

export async function readRejected(db: AppDB): Promise<Rejected[]> {
  return (await readParsed(db, REJECTED_KEY, z.array(RejectedSchema))) ?? [];
}

export async function readDeferred(db: AppDB): Promise<Deferred> {
  return (await readParsed(db, DEFERRED_KEY, DeferredSchema)) ?? {};
}

export async function writeDeferred(db: AppDB, deferred: Deferred): Promise<void> {
  if (Object.keys(deferred).length === 0) await db.meta.delete(DEFERRED_KEY);
  else await db.meta.put({ key: DEFERRED_KEY, value: deferred });
}

/** Append notices (call inside a transaction that includes `meta`). Newest last, capped. */
export async function addConflicts(db: AppDB, conflicts: readonly Conflict[]): Promise<void> {
  if (conflicts.length === 0) return;
  const list = [...(await readConflicts(db)), ...conflicts].slice(-NOTICE_MAX);
  await db.meta.put({ key: CONFLICTS_KEY, value: list });
}

export async function addRejected(db: AppDB, rejected: readonly Rejected[]): Promise<void> {
  if (rejected.length === 0) return;
  const list = [...(await readRejected(db)), ...rejected].slice(-NOTICE_MAX);
  await db.meta.put({ key: REJECTED_KEY, value: list });
}

/** The person read a conflict: take it off the list. */
export async function dismissConflict(db: AppDB, id: string): Promise<void> {
  await db.transaction('rw', [db.meta], async () => {
    const list = await readConflicts(db);
    await db.meta.put({ key: CONFLICTS_KEY, value: list.filter((c) => c.id !== id) });
  });
}

/** Put a refused mutation back into the outbox, to be pushed again (after the cause was fixed). */
export async function retryRejected(db: AppDB, mutationId: string): Promise<void> {
  await db.transaction('rw', [db.meta, db.outbox], async () => {
    const list = await readRejected(db);
    const entry = list.find((r) => r.mutation.mutationId === mutationId);
    if (!entry) return;
    if ((await db.outbox.where('mutationId').equals(mutationId).count()) === 0) {
      const mutation = entry.mutation;
      await queueMutation(db, mutation, entry.customerKey, 'record' in mutation ? mutation.record.id : undefined);
    }
    await db.meta.put({ key: REJECTED_KEY, value: list.filter((r) => r !== entry) });
  });
}

/** Drop a refused mutation for good (the local record stays as it is). */
export async function discardRejected(db: AppDB, mutationId: string): Promise<void> {
  await db.transaction('rw', [db.meta], async () => {
    const list = await readRejected(db);
    await db.meta.put({ key: REJECTED_KEY, value: list.filter((r) => r.mutation.mutationId !== mutationId) });
  });
}

/** Everything the side panel and the options page show about sync, in one read (live-query safe). */
export interface SyncView {
  connection: ConnectionInfo | null;
  state: SyncState;
  conflicts: Conflict[];
  rejected: Rejected[];
  pending: number;
}

export async function readSyncView(db: AppDB): Promise<SyncView> {
  return db.transaction('r', [db.meta, db.outbox], async () => {
    const [connection, state, conflicts, rejected, pending] = await Promise.all([
      readConnectionInfo(db),
      readSyncState(db),
      readConflicts(db),
      readRejected(db),
      db.outbox.count(),
    ]);
    return { connection: connection ?? null, state, conflicts, rejected, pending };
  });
}
