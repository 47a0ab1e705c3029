/**
 * The sync engine the background runs: one `syncNow()` pushes the outbox and pulls the team's
 * changes; failures back off exponentially with jitter; a visible state (synced, syncing, offline,
 * error with the reason) is written to `meta` for the side panel and the toolbar badge. A 401 or
 * 403 stops syncing with a clear message until the person connects again; local data stays.
 *
 * Nothing here is needed across a service-worker restart except what is in IndexedDB: the
 * backoff (`failures`, `nextAttemptAt`) is in the stored state, so a restarted worker (woken by the
 * alarm) neither forgets that the backend is down nor hammers it.
 */
import type { AppDB } from '../db';
import type { ChannelEvent } from '../model';
import { backoffDelay, SYNC_BACKOFF, type BackoffPolicy } from './backoff';
import { openChannel, type Channel, type ChannelStatus } from './channel';
import { refreshIdentity } from './connection';
import { realSetTimer, SyncError, type FetchLike, type SetTimer } from './http';
import { pullAll, StaleConnectionError, type PullReport } from './pull';
import { pushAll, type PushReport } from './push';
import {
  CONNECTION_KEY,
  ConnectionSchema,
  disconnectedState,
  readConnection,
  readCursor,
  readSyncState,
  writeSyncState,
  type Connection,
  type SyncState,
} from './state';

export interface SyncEngineOptions {
  db: AppDB;
  fetch: FetchLike;
  now?: () => Date;
  /** In [0, 1): the backoff's jitter. */
  random?: () => number;
  setTimer?: SetTimer;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Open the push channel once started (default true). */
  channel?: boolean;
  channelIdleTimeoutMs?: number;
  /** Presence events from the push channel ("dana is on it"). */
  onPresence?: (event: Extract<ChannelEvent, { type: 'presence' }>) => void;
  /** Every chunk the push channel receives (heartbeats included). */
  onChannelActivity?: () => void;
  /** Every state the engine writes. */
  onState?: (state: SyncState) => void;
  pushBatchSize?: number;
  pullLimit?: number;
}

export interface SyncNowOptions {
  /** Ignore the backoff (a person asked, or the push channel proved the backend is up). */
  force?: boolean;
  /** For logs and tests: `alarm`, `channel`, `local change`, ... */
  reason?: string;
}

export interface SyncEngine {
  /** One sync (push, then pull), or the one under way; resolves to the state it left. */
  syncNow(options?: SyncNowOptions): Promise<SyncState>;
  /** Opens the push channel (when connected) and syncs unless backing off. */
  start(): Promise<void>;
  /** The connection may have changed (connected, disconnected, another team): follow it. */
  refresh(): Promise<void>;
  /** Closes the channel and cancels timers; syncNow still works when called. */
  stop(): void;
  state(): Promise<SyncState>;
  channelStatus(): ChannelStatus | 'none';
  /** The last cycle's figures (for the bench and tests). */
  lastReport(): { push: PushReport | null; pull: PullReport | null };
}

/** What the person reads when the backend refuses the token. */
export function revokedMessage(error: SyncError, connection: Pick<Connection, 'team'>): string {
  const why =
    error.details.code === 'token_revoked'
      ? 'this access token was revoked'
      : error.details.code === 'member_inactive'
        ? 'you were removed from the team'
        : error.details.code === 'invalid_token' || error.details.code === 'unauthenticated'
          ? 'the team server no longer knows this access token'
          : 'the team server refused this access token';
  return `Your access to ${connection.team.name} was revoked (${why}). Sync has stopped; everything on this device stays readable. Ask your team admin for a new access token and connect again.`;
}

function toSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError('storage', `Sync could not update the local database: ${message}`);
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, fetch } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? realSetTimer;
  const policy = options.backoff ?? SYNC_BACKOFF;

  let running: Promise<SyncState> | null = null;
  let again = false;
  let againForced = false;
  let cancelRetry: (() => void) | null = null;
  let retryAt = 0;
  let started = false;
  let channel: Channel | null = null;
  let channelFor: string | null = null;
  let channelState: ChannelStatus | 'none' = 'none';
  let last: { push: PushReport | null; pull: PullReport | null } = { push: null, pull: null };

  /** Writes the state unless the connection it belongs to was replaced meanwhile. */
  async function writeFor(connectedAt: string | null, state: SyncState): Promise<SyncState> {
    const written = await db.transaction('rw', [db.meta], async () => {
      const stored = ConnectionSchema.safeParse((await db.meta.get(CONNECTION_KEY))?.value);
      const current = stored.success ? stored.data.connectedAt : null;
      if (current !== connectedAt) return null;
      await writeSyncState(db, state);
      return state;
    });
    if (written) options.onState?.(written);
    return written ?? readSyncState(db, now());
  }

  function scheduleRetry(at: number): void {
    if (cancelRetry && retryAt === at) return;
    cancelRetry?.();
    retryAt = at;
    cancelRetry = setTimer(() => {
      cancelRetry = null;
      void syncNow({ reason: 'retry' });
    }, Math.max(0, at - now().getTime()));
  }

  async function cycle(force: boolean): Promise<SyncState> {
    const connection = await readConnection(db);
    const pending = await db.outbox.count();
    const stored = await readSyncState(db, now());
    if (!connection) {
      if (stored.status === 'disconnected' && stored.pending === pending) return stored;
      return writeFor(null, disconnectedState(now(), pending));
    }
    const base: SyncState =
      stored.connectedAt === connection.connectedAt
        ? stored
        : { ...disconnectedState(now(), pending), status: 'syncing', connectedAt: connection.connectedAt };
    if (base.stopped) return base;
    if (!force && base.nextAttemptAt && Date.parse(base.nextAttemptAt) > now().getTime()) {
      scheduleRetry(Date.parse(base.nextAttemptAt));
      return base;
    }

    if (base.status !== 'syncing' || base.pending !== pending) {
      await writeFor(connection.connectedAt, { ...base, status: 'syncing', pending, updatedAt: now().toISOString() });
    }
    const common = {
      db,
      fetch,
      connection,
      now,
      setTimer,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    };
    try {
      const push = await pushAll({ ...common, ...(options.pushBatchSize ? { batchSize: options.pushBatchSize } : {}) });
      const pull = await pullAll({ ...common, ...(options.pullLimit ? { limit: options.pullLimit } : {}) });
      // The team's settings and my department, now and then (an admin may have changed them).
      await refreshIdentity(db, connection, fetch, { now, setTimer, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
      last = { push, pull };
      cancelRetry?.();
      cancelRetry = null;
      const at = now().toISOString();
      return await writeFor(connection.connectedAt, {
        status: 'synced',
        reason: null,
        problem: null,
        stopped: false,
        failures: 0,
        nextAttemptAt: null,
        lastSyncedAt: at,
        pending: await db.outbox.count(),
        connectedAt: connection.connectedAt,
        updatedAt: at,
      });
    } catch (caught) {
      if (caught instanceof StaleConnectionError) return readSyncState(db, now());
      const error = toSyncError(caught);
      const at = now();
      const pendingNow = await db.outbox.count().catch(() => pending);
      if (error.problem === 'revoked') {
        closeChannel();
        return writeFor(connection.connectedAt, {
          ...base,
          status: 'error',
          problem: 'revoked',
          reason: revokedMessage(error, connection),
          stopped: true,
          nextAttemptAt: null,
          pending: pendingNow,
          updatedAt: at.toISOString(),
        });
      }
      const failures = base.failures + 1;
      const delay = backoffDelay(failures, random, policy, error.details.retryAfterMs ?? 0);
      const next = at.getTime() + delay;
      scheduleRetry(next);
      return writeFor(connection.connectedAt, {
        ...base,
        status: error.problem === 'network' || error.problem === 'timeout' ? 'offline' : 'error',
        problem: error.problem,
        reason: error.message,
        stopped: false,
        failures,
        nextAttemptAt: new Date(next).toISOString(),
        pending: pendingNow,
        updatedAt: at.toISOString(),
      });
    } finally {
      if (started) void ensureChannel().catch(() => undefined);
    }
  }

  function syncNow(opts: SyncNowOptions = {}): Promise<SyncState> {
    if (running) {
      again = true;
      againForced ||= opts.force === true;
      return running;
    }
    const run = async () => {
      let force = opts.force === true;
      let state = await cycle(force);
      // Local writes made during the cycle, or a call that came in meanwhile: once more, a few times at most.
      for (let round = 0; round < 5; round += 1) {
        const more = again || (state.status === 'synced' && state.pending > 0);
        if (!more) break;
        force = againForced;
        again = false;
        againForced = false;
        if (state.status !== 'synced' && !force) break;
        state = await cycle(force);
      }
      return state;
    };
    running = run().finally(() => {
      running = null;
      again = false;
      againForced = false;
    });
    return running;
  }

  function closeChannel(): void {
    channel?.close();
    channel = null;
    channelFor = null;
    channelState = 'none';
  }

  async function onChanged(connection: Connection, cursor: string): Promise<void> {
    const [known, state, waiting] = await Promise.all([
      readCursor(db, connection),
      readSyncState(db, now()),
      db.outbox.where('state').equals('pending').count(),
    ]);
    // The channel answering proves the backend is up: no need to wait out the backoff.
    if (cursor !== known || waiting > 0 || state.status !== 'synced') await syncNow({ force: true, reason: 'channel' });
  }

  async function ensureChannel(): Promise<void> {
    if (!started || options.channel === false) return;
    const connection = await readConnection(db);
    const state = await readSyncState(db, now());
    const wanted = connection && !(state.stopped && state.connectedAt === connection.connectedAt);
    if (!wanted) {
      closeChannel();
      return;
    }
    if (channel && channelFor === connection.connectedAt) return;
    closeChannel();
    channelFor = connection.connectedAt;
    // Declared first: the callbacks below compare against it.
    let opened: Channel | null = null;
    opened = openChannel({
      fetch,
      access: connection,
      setTimer,
      random,
      ...(options.channelIdleTimeoutMs ? { idleTimeoutMs: options.channelIdleTimeoutMs } : {}),
      ...(options.onChannelActivity ? { onActivity: options.onChannelActivity } : {}),
      onStatus: (status) => {
        if (channel === opened) channelState = status;
      },
      onEvent: (event) => {
        if (event.type === 'changed') void onChanged(connection, event.cursor).catch(() => undefined);
        else options.onPresence?.(event);
      },
      onRevoked: (error) => {
        if (channel === opened) closeChannel();
        void (async () => {
          const base = await readSyncState(db, now());
          await writeFor(connection.connectedAt, {
            ...base,
            status: 'error',
            problem: 'revoked',
            reason: revokedMessage(error, connection),
            stopped: true,
            nextAttemptAt: null,
            connectedAt: connection.connectedAt,
            updatedAt: now().toISOString(),
          });
        })().catch(() => undefined);
      },
    });
    channel = opened;
  }

  return {
    syncNow,
    async start() {
      started = true;
      await ensureChannel();
      await syncNow({ reason: 'start' });
    },
    async refresh() {
      if (!started) return;
      await ensureChannel();
      await syncNow({ force: true, reason: 'connection' });
    },
    stop() {
      started = false;
      closeChannel();
      cancelRetry?.();
      cancelRetry = null;
    },
    state: () => readSyncState(db, now()),
    channelStatus: () => channelState,
    lastReport: () => last,
  };
}
