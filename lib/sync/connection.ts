/**
 * Connecting the extension to a team (CONTRACT section 6). `connect` asks the backend who the token
 * belongs to (`GET /v1/me`) and who is in the team (`GET /v1/members`) and, only if both answers
 * are right, stores in one transaction the connection, the member's identity, the team's settings
 * and its members. A wrong address or token changes nothing. `disconnect` forgets the connection
 * and keeps every local record and the outbox.
 */
import { loadSettings, saveSettings, type AppDB } from '../db';
import { MeResponseSchema, type MeResponse, type Member } from '../model';
import { requestJson, SyncError, type FetchLike, type SetTimer } from './http';
import { fetchMembers, storeMembers } from './members';
import {
  CONNECTION_KEY,
  IDENTITY_CHECKED_KEY,
  CURSOR_KEY,
  DEFERRED_KEY,
  ConnectionSchema,
  disconnectedState,
  readConnection,
  readSyncState,
  writeSyncState,
  type Connection,
  type ConnectionInfo,
} from './state';

/** A connection attempt that failed; the message is for the person at the options page. */
export class ConnectError extends Error {
  override name = 'ConnectError';
}

const LOCAL_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/**
 * The base URL as stored: `http(s)://host[:port][/path]`, lower-case host, no trailing slash, no
 * `/v1`, no query or fragment. Without a scheme, `https://` (`http://` for localhost).
 * Throws a ConnectError for anything that is not a web address.
 */
export function normalizeServerUrl(input: string): string {
  const raw = input.trim();
  if (!raw) throw new ConnectError('Enter the team server’s address, for example https://switchboard.example.com.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${LOCAL_HOST.test(raw) ? 'http' : 'https'}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectError(`“${raw}” is not a web address. It should look like https://switchboard.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectError(`The team server’s address must start with https:// (or http:// for a local server), not ${url.protocol}//.`);
  }
  if (url.username || url.password) throw new ConnectError('Put the access token in its own field, not in the address.');
  if (!url.hostname) throw new ConnectError(`“${raw}” has no host name.`);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
  return `${url.protocol}//${url.host}${path}`;
}

function connectMessage(error: SyncError, url: string): string {
  const status = error.details.status;
  switch (error.problem) {
    case 'network':
      return `Could not reach a team server at ${url}. Check the address and that the server is running.`;
    case 'timeout':
      return `The team server at ${url} did not answer in time. Check the address, or try again in a moment.`;
    case 'revoked': {
      const why =
        error.details.code === 'token_revoked'
          ? 'this token was revoked'
          : error.details.code === 'member_inactive'
            ? 'its member was removed from the team'
            : 'it is not a valid token for this server';
      return `The team server refused this access token (${why}). Check that you pasted the whole token, or ask your team admin for a new one.`;
    }
    case 'rate-limited':
      return 'The team server is busy. Try again in a minute.';
    case 'protocol':
      return `${url} answered, but not like a Switchboard team server. Check the address.`;
    default:
      if (status === 404 || status === 405) {
        return `${url} does not look like a Switchboard team server (it has no /v1/me). Check the address.`;
      }
      if (status !== undefined && status >= 500) return `The team server at ${url} had a problem (HTTP ${status}). Try again in a moment.`;
      return `The team server at ${url} refused the connection (HTTP ${status ?? '?'}).`;
  }
}

export interface ConnectInput {
  serverUrl: string;
  token: string;
}

export interface ConnectOptions {
  now?: () => Date;
  timeoutMs?: number;
  setTimer?: SetTimer;
}

export interface Connected {
  connection: ConnectionInfo;
  me: MeResponse;
}

/**
 * Check the server and token with `GET /v1/me`, then store the connection, the member's identity
 * (handle, display name, department) and the team's settings. Throws a ConnectError with a
 * readable message and changes nothing when the address or token is wrong.
 */
export async function connect(db: AppDB, input: ConnectInput, fetch: FetchLike, options: ConnectOptions = {}): Promise<Connected> {
  const serverUrl = normalizeServerUrl(input.serverUrl);
  const token = input.token.trim();
  if (!token) throw new ConnectError('Paste the access token your team admin gave you.');
  if (/\s/.test(token)) throw new ConnectError('An access token has no spaces. Check that you pasted only the token.');

  let me: MeResponse;
  let members: Member[];
  try {
    const timing = { timeoutMs: options.timeoutMs ?? 10_000, ...(options.setTimer ? { setTimer: options.setTimer } : {}) };
    me = await requestJson(fetch, { serverUrl, token }, { path: '/v1/me', schema: MeResponseSchema, ...timing });
    members = await fetchMembers(fetch, { serverUrl, token }, timing);
  } catch (error) {
    if (error instanceof SyncError) throw new ConnectError(connectMessage(error, serverUrl));
    throw error;
  }
  if (!me.member.active) throw new ConnectError(`${me.member.handle} is no longer an active member of ${me.team.name}.`);

  const now = (options.now ?? (() => new Date()))();
  const connection: Connection = ConnectionSchema.parse({ serverUrl, token, team: me.team, member: me.member, connectedAt: now.toISOString() });

  await db.transaction('rw', [db.meta, db.outbox, db.leads], async () => {
    const previous = await readConnection(db);
    const previousState = await readSyncState(db, now);
    const sameTeam = previous?.team.id === me.team.id && previous.serverUrl === serverUrl;
    if (!sameTeam) {
      // Another team or server: its cursor and its held-back records mean nothing here.
      await db.meta.delete(CURSOR_KEY);
      await db.meta.delete(DEFERRED_KEY);
    }

    const { settings } = await loadSettings(db);
    const oldHandle = settings.me.handle;
    const handle = me.member.handle;
    // Leads flagged before connecting carry the handle typed in the options page; the backend
    // knows the member by the token's handle (and refuses an owner who is not a member).
    if (oldHandle !== handle && oldHandle !== 'me') {
      await db.leads.where('owner').equals(oldHandle).modify({ owner: handle });
      await db.outbox
        .filter((e) => e.state === 'pending' && e.mutation.type === 'lead.put' && e.mutation.record.owner === oldHandle)
        .modify((e) => {
          if (e.mutation.type === 'lead.put') e.mutation = { ...e.mutation, record: { ...e.mutation.record, owner: handle } };
        });
    }
    await saveSettings(db, {
      ...settings,
      me: { handle, displayName: me.member.displayName, department: me.member.department },
      team: me.settings,
    });
    await db.meta.put({ key: CONNECTION_KEY, value: connection });
    await db.meta.put({ key: IDENTITY_CHECKED_KEY, value: now.toISOString() });
    await storeMembers(db, members);
    await writeSyncState(db, {
      status: 'syncing',
      reason: null,
      problem: null,
      stopped: false,
      failures: 0,
      nextAttemptAt: null,
      lastSyncedAt: sameTeam ? previousState.lastSyncedAt : null,
      pending: await db.outbox.count(),
      connectedAt: connection.connectedAt,
      updatedAt: now.toISOString(),
    });
  });

  const { token: _token, ...info } = connection;
  return { connection: info, me };
}

/**
 * Forget the connection. Local records, the outbox (pushed after the next connection), the
 * settings and the cursor (kept per team, so reconnecting does not pull everything again) stay.
 */
export async function disconnect(db: AppDB, options: { now?: () => Date } = {}): Promise<void> {
  const now = (options.now ?? (() => new Date()))();
  await db.transaction('rw', [db.meta, db.outbox], async () => {
    await db.meta.delete(CONNECTION_KEY);
    await writeSyncState(db, disconnectedState(now, await db.outbox.count()));
  });
}

/**
 * How often a connected engine asks `GET /v1/me` and `GET /v1/members` again for the team's
 * settings, the member's department and the team's members.
 */
export const IDENTITY_REFRESH_MS = 10 * 60_000;

/**
 * Bring the member's identity, the team's settings and its members up to date from `GET /v1/me`
 * and `GET /v1/members`, at most every IDENTITY_REFRESH_MS (the engine calls it after each
 * successful sync). Throws a SyncError like any request (a 401 here is a revocation like any other).
 */
export async function refreshIdentity(
  db: AppDB,
  connection: Connection,
  fetch: FetchLike,
  options: { now: () => Date; setTimer?: SetTimer; timeoutMs?: number; force?: boolean },
): Promise<boolean> {
  const now = options.now();
  const checked = (await db.meta.get(IDENTITY_CHECKED_KEY))?.value;
  if (!options.force && typeof checked === 'string' && now.getTime() - Date.parse(checked) < IDENTITY_REFRESH_MS) return false;
  const timing = {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.setTimer ? { setTimer: options.setTimer } : {}),
  };
  const me = await requestJson(fetch, connection, { path: '/v1/me', schema: MeResponseSchema, ...timing });
  const members = await fetchMembers(fetch, connection, timing);
  return db.transaction('rw', [db.meta], async () => {
    const current = await readConnection(db);
    if (current?.connectedAt !== connection.connectedAt) return false;
    await db.meta.put({ key: IDENTITY_CHECKED_KEY, value: now.toISOString() });
    const membersChanged = await storeMembers(db, members);
    const { settings } = await loadSettings(db);
    const next = {
      ...settings,
      me: { handle: me.member.handle, displayName: me.member.displayName, department: me.member.department },
      team: me.settings,
    };
    const changed =
      JSON.stringify(next.me) !== JSON.stringify(settings.me) ||
      JSON.stringify(next.team) !== JSON.stringify(settings.team) ||
      JSON.stringify(me.member) !== JSON.stringify(current.member) ||
      me.team.name !== current.team.name;
    if (!changed) return membersChanged;
    await saveSettings(db, next);
    await db.meta.put({ key: CONNECTION_KEY, value: { ...current, member: me.member, team: me.team } });
    return true;
  });
}
