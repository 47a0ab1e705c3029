import { and, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Member } from '../../lib/model';
import type { Db, DbOrTx } from './client';
import { memberFromRow } from './mappers';
import * as t from './schema';

/**
 * The only queries not scoped by a team, each with the reason it cannot be. Everything else goes
 * through TeamScope (scope.ts).
 */

/** Where a team's change history stands: its counter (`teams.seq`) and its erasure count (`teams.erasures`). */
export interface HistoryMark {
  seq: number;
  erasures: number;
}

export interface TokenOwner {
  tokenId: string;
  tokenHash: string;
  teamId: string;
  teamName: string;
  /** Read with the token, in the same statement: the pull cache checks its pages against it. */
  history: HistoryMark;
  member: Member;
  revoked: boolean;
  lastUsedAt: Date | null;
}

function prepareTokenLookup(db: Db) {
  return db
    .select({ token: t.apiTokens, member: t.members, teamName: t.teams.name, seq: t.teams.seq, erasures: t.teams.erasures })
    .from(t.apiTokens)
    .innerJoin(t.members, and(eq(t.members.teamId, t.apiTokens.teamId), eq(t.members.handle, t.apiTokens.memberHandle)))
    .innerJoin(t.teams, eq(t.teams.id, t.apiTokens.teamId))
    .where(eq(t.apiTokens.tokenHash, sql.placeholder('tokenHash')))
    .prepare('find_token_by_hash');
}

/** Every request runs the lookup: its SQL is built once per database (and planned once per connection). */
const tokenLookups = new WeakMap<Db, ReturnType<typeof prepareTokenLookup>>();

/** Authentication: the token is what tells us the team, so the lookup cannot know it yet. */
export async function findTokenByHash(db: Db, tokenHash: string): Promise<TokenOwner | null> {
  let lookup = tokenLookups.get(db);
  if (!lookup) tokenLookups.set(db, (lookup = prepareTokenLookup(db)));
  const [row] = await lookup.execute({ tokenHash });
  if (!row) return null;
  return {
    tokenId: row.token.id,
    tokenHash: row.token.tokenHash,
    teamId: row.token.teamId,
    teamName: row.teamName,
    history: { seq: row.seq, erasures: row.erasures },
    member: memberFromRow(row.member),
    revoked: row.token.revokedAt !== null,
    lastUsedAt: row.token.lastUsedAt,
  };
}

/** Authentication bookkeeping, by the token's own (unguessable) id. */
export async function recordTokenUse(db: Db, tokenId: string): Promise<void> {
  await db.update(t.apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(t.apiTokens.id, tokenId));
}

/** Team creation (admin command line): the team does not exist yet. */
export async function insertTeam(db: DbOrTx, team: { id: string; name: string }): Promise<void> {
  await db.insert(t.teams).values(team);
}

/** Admin command line: the operator names a token by its id, across teams. */
export async function revokeTokenById(db: Db, tokenId: string): Promise<{ teamId: string; memberHandle: string } | null> {
  const [row] = await db
    .update(t.apiTokens)
    .set({ revokedAt: sql`coalesce(${t.apiTokens.revokedAt}, now())` })
    .where(eq(t.apiTokens.id, tokenId))
    .returning({ teamId: t.apiTokens.teamId, memberHandle: t.apiTokens.memberHandle });
  return row ?? null;
}

/** Admin command line: does this team exist? */
export async function teamExists(db: Db, teamId: string): Promise<boolean> {
  const rows = await db.select({ id: t.teams.id }).from(t.teams).where(eq(t.teams.id, teamId));
  return rows.length === 1;
}

/** The push channel's poll: one query for every team that has listeners in this process. */
export async function teamSeqs(db: Db, teamIds: string[]): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db.select({ id: t.teams.id, seq: t.teams.seq }).from(t.teams).where(inArray(t.teams.id, teamIds));
  return new Map(rows.map((row) => [row.id, row.seq]));
}

/** The push channel's poll: presence published through other processes, for the teams listening here. */
export async function presenceSince(
  db: Db,
  afterId: number,
  teamIds: string[],
  notOrigin: string,
): Promise<Array<{ id: number; teamId: string; event: unknown }>> {
  if (teamIds.length === 0) return [];
  const p = t.presenceEvents;
  return db
    .select({ id: p.id, teamId: p.teamId, event: p.event })
    .from(p)
    .where(and(gt(p.id, afterId), inArray(p.teamId, teamIds), ne(p.origin, notOrigin)))
    .orderBy(p.id)
    .limit(1000);
}

export async function lastPresenceId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<string | number | null>`max(${t.presenceEvents.id})` }).from(t.presenceEvents);
  return Number(row?.id ?? 0);
}

/** Housekeeping: presence is only worth a few minutes, for every team at once. */
export async function prunePresence(db: Db, olderThanSeconds: number): Promise<void> {
  await db.delete(t.presenceEvents).where(lt(t.presenceEvents.at, sql`now() - make_interval(secs => ${olderThanSeconds})`));
}
