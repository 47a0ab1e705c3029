/**
 * The team's members, as the backend lists them (`GET /v1/members`, readable by every member so
 * that anyone can give a post to a teammate). Stored in `meta` when the extension connects and
 * brought up to date with the member's identity (connection.ts), so the badge's assign row can
 * name a teammate while the team server is away too.
 */
import { z } from 'zod';
import type { AppDB } from '../db';
import { MemberListSchema, MemberSchema, type Member } from '../model';
import { requestJson, type FetchLike, type ServerAccess, type SetTimer } from './http';
import { readConnection } from './state';

export const MEMBERS_KEY = 'sync.members';

const StoredMembersSchema = z.array(MemberSchema);

/** A teammate a post can be given to. */
export type AssignableMember = Pick<Member, 'handle' | 'displayName' | 'department'>;

export interface TeamDirectory {
  /** False: no team server, so nobody to name and nothing for the backend to route. */
  connected: boolean;
  /** Active members, by department then name. */
  members: AssignableMember[];
}

/** `GET /v1/members`, checked with the shared schema. Throws a SyncError like any request. */
export async function fetchMembers(
  fetch: FetchLike,
  access: ServerAccess,
  options: { timeoutMs?: number; setTimer?: SetTimer } = {},
): Promise<Member[]> {
  const { members } = await requestJson(fetch, access, {
    path: '/v1/members',
    schema: MemberListSchema,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.setTimer ? { setTimer: options.setTimer } : {}),
  });
  return members;
}

/** The members as last stored; none when nothing (readable) is stored. */
export async function readMembers(db: AppDB): Promise<Member[]> {
  const parsed = StoredMembersSchema.safeParse((await db.meta.get(MEMBERS_KEY))?.value);
  return parsed.success ? parsed.data : [];
}

/** Store the list; true when it differs from what was stored. Run inside a transaction over `meta`. */
export async function storeMembers(db: AppDB, members: readonly Member[]): Promise<boolean> {
  const value = StoredMembersSchema.parse(members);
  if (JSON.stringify(await readMembers(db)) === JSON.stringify(value)) return false;
  await db.meta.put({ key: MEMBERS_KEY, value });
  return true;
}

/** Who a post can be given to now (what the badge's `team.members` message answers). */
export async function teamDirectory(db: AppDB): Promise<TeamDirectory> {
  const [connection, members] = await db.transaction('r', [db.meta], () => Promise.all([readConnection(db), readMembers(db)]));
  if (!connection) return { connected: false, members: [] };
  const active = members
    .filter((m) => m.active)
    .map(({ handle, displayName, department }) => ({ handle, displayName, department }))
    .sort((a, b) => a.department.localeCompare(b.department) || (a.displayName || a.handle).localeCompare(b.displayName || b.handle));
  return { connected: true, members: active };
}
