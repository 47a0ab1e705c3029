/**
 * The client side of team sync, run by the background service worker. `startSync` is the one
 * call the background makes; the options page and the side panel use `connect`, `disconnect`,
 * `readSyncView` and `requestSync`, which only touch the database (the background follows them).
 */
import { liveQuery, type Subscription } from 'dexie';
import type { AppDB } from '../db';
import type { ChannelEvent } from '../model';
import { badgeFor, type BadgeView } from './badge';
import { createSyncEngine, type SyncEngine } from './engine';
import { realSetTimer, type FetchLike, type SetTimer } from './http';
import { readConnection, readConnectionInfo, readSyncState } from './state';

export * from './state';
export { badgeFor, BADGE_COLORS, type BadgeView } from './badge';
export {
  connect,
  disconnect,
  normalizeServerUrl,
  refreshIdentity,
  IDENTITY_REFRESH_MS,
  ConnectError,
  type ConnectInput,
  type Connected,
} from './connection';
export { createSyncEngine, revokedMessage, type SyncEngine, type SyncEngineOptions, type SyncNowOptions } from './engine';
export { pushAll, pushBatch, selectBatch, type PushReport } from './push';
export { pullAll, type PullReport } from './pull';
export { openChannel, type Channel, type ChannelStatus } from './channel';
export { SseParser, type SseEvent } from './sse';
export { backoffDelay, SYNC_BACKOFF, CHANNEL_BACKOFF } from './backoff';
export { SyncError, type FetchLike, type SetTimer } from './http';
export { reachableStatuses } from './conflicts';
export { readMembers, teamDirectory, MEMBERS_KEY, type AssignableMember, type TeamDirectory } from './members';
export { sendPresence, createPresenceBoard, PRESENCE_TTL_MS, type PresenceBoard, type PresenceEntry } from './presence';

export const SYNC_ALARM = 'switchboard-sync';
export const SYNC_REQUEST_KEY = 'sync.request';
/** Local writes are pushed this soon after they land (a burst of clicks goes in one push). */
export const LOCAL_CHANGE_DELAY_MS = 100;

/** `browser.alarms` / `chrome.alarms`, as far as sync needs it. */
export interface AlarmsLike {
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): void | Promise<void>;
  onAlarm: {
    addListener(callback: (alarm: { name: string }) => void): void;
    removeListener?(callback: (alarm: { name: string }) => void): void;
  };
}

/** `browser.action` (MV3) or `browser.browserAction` (Firefox MV2), as far as the badge needs it. */
export interface ActionLike {
  setBadgeText(details: { text: string }): void | Promise<void>;
  setBadgeBackgroundColor?(details: { color: string }): void | Promise<void>;
  setTitle?(details: { title: string }): void | Promise<void>;
}

export interface StartSyncOptions {
  db: AppDB;
  /** The global fetch in the background (bind it: `fetch.bind(globalThis)` or `(...a) => fetch(...a)`). */
  fetch: FetchLike;
  alarms: AlarmsLike;
  /** When given, the toolbar badge follows the sync state. */
  action?: ActionLike;
  onPresence?: (event: Extract<ChannelEvent, { type: 'presence' }>) => void;
  now?: () => Date;
  random?: () => number;
  setTimer?: SetTimer;
  /** Open the push channel (default true). */
  channel?: boolean;
  /**
   * Called at most every KEEP_ALIVE_EVERY_MS while the push channel receives data (the backend's
   * heartbeat comes every 15 s). Chrome documents that calling an extension API resets the
   * service worker's idle timer; pass e.g. `() => void browser.runtime.getPlatformInfo()` to keep
   * the worker, and so the channel, alive while the team server is reachable. Without it, the
   * one-minute alarm is what wakes a stopped worker.
   */
  keepAlive?: () => void;
}

export const KEEP_ALIVE_EVERY_MS = 20_000;

export interface SyncHandle {
  engine: SyncEngine;
  /** Stop following the database and close the channel (the alarm stays registered). */
  stop(): void;
}

/**
 * Ask the background to sync now (a person pressed "Sync now"): works from any extension page,
 * because the background follows this key with a live query.
 */
export async function requestSync(db: AppDB, now: Date = new Date()): Promise<void> {
  await db.meta.put({ key: SYNC_REQUEST_KEY, value: { at: now.toISOString() } });
}

/**
 * What the background calls once, at start-up: creates the engine, registers the one-minute alarm
 * (the fallback that wakes a stopped service worker), opens the push channel when connected,
 * and follows the database: a new or dropped connection, local writes waiting in the outbox, a
 * "Sync now" request, and the state for the toolbar badge.
 */
export function startSync(options: StartSyncOptions): SyncHandle {
  const { db, alarms, action } = options;
  const setTimer = options.setTimer ?? realSetTimer;
  const clock = options.now ?? (() => new Date());
  let lastKeepAlive = -Infinity;
  const keepAlive = options.keepAlive;
  const engine = createSyncEngine({
    db,
    fetch: options.fetch,
    setTimer,
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.onPresence ? { onPresence: options.onPresence } : {}),
    ...(options.channel !== undefined ? { channel: options.channel } : {}),
    ...(keepAlive
      ? {
          onChannelActivity: () => {
            const at = clock().getTime();
            if (at - lastKeepAlive < KEEP_ALIVE_EVERY_MS) return;
            lastKeepAlive = at;
            try {
              keepAlive();
            } catch {
              // a keep-alive that fails changes nothing for sync
            }
          },
        }
      : {}),
  });

  void Promise.resolve(alarms.create(SYNC_ALARM, { periodInMinutes: 1 })).catch(() => undefined);
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === SYNC_ALARM) void engine.syncNow({ reason: 'alarm' });
  };
  alarms.onAlarm.addListener(onAlarm);

  const subscriptions: Subscription[] = [];
  const quiet = { error: () => undefined };
  /** Follows a value, acting on changes after the first reading. */
  const follow = <T,>(read: () => Promise<T>, onChange: (value: T) => void, initial = false) => {
    let first = true;
    let previous: T | undefined;
    subscriptions.push(
      liveQuery(read).subscribe({
        ...quiet,
        next: (value) => {
          const changed = !first && value !== previous;
          if ((first && initial) || changed) onChange(value);
          first = false;
          previous = value;
        },
      }),
    );
  };

  // connected, disconnected or reconnected (from the options page)
  follow(
    async () => (await readConnection(db))?.connectedAt ?? null,
    () => void engine.refresh(),
  );

  // local writes: push them shortly (the backoff still applies while the backend is down)
  let cancelPoke: (() => void) | null = null;
  follow(
    () => db.outbox.where('state').equals('pending').count(),
    (count) => {
      if (count === 0 || cancelPoke) return;
      cancelPoke = setTimer(() => {
        cancelPoke = null;
        void engine.syncNow({ reason: 'local change' });
      }, LOCAL_CHANGE_DELAY_MS);
    },
  );

  // "Sync now" from a page
  follow(
    async () => JSON.stringify((await db.meta.get(SYNC_REQUEST_KEY))?.value ?? null),
    () => void engine.syncNow({ force: true, reason: 'requested' }),
  );

  if (action) {
    let shown = '';
    follow(
      async () => {
        const [state, connection] = await Promise.all([readSyncState(db), readConnectionInfo(db)]);
        return badgeFor(state, connection?.team.name);
      },
      (view: BadgeView) => {
        const key = JSON.stringify(view);
        if (key === shown) return;
        shown = key;
        void Promise.resolve(action.setBadgeText({ text: view.text })).catch(() => undefined);
        void Promise.resolve(action.setBadgeBackgroundColor?.({ color: view.color })).catch(() => undefined);
        void Promise.resolve(action.setTitle?.({ title: view.title })).catch(() => undefined);
      },
      true,
    );
  }

  void engine.start().catch(() => undefined);

  return {
    engine,
    stop() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      subscriptions.length = 0;
      cancelPoke?.();
      alarms.onAlarm.removeListener?.(onAlarm);
      engine.stop();
    },
  };
}
