/**
 * Pulling the team's changes since the stored cursor. Every change is validated with ChangeSchema
 * before anything is written; a page is written in ONE transaction together with its new cursor,
 * so a crash mid-pull neither skips nor doubles a change. A page holding a malformed change is not
 * written at all (the cursor stays, the engine backs off and tries again: a fixed backend heals it).
 */
import { z } from 'zod';
import type { AppDB } from '../db';
import { ChangeSchema, PULL_LIMIT_MAX, type Change } from '../model';
import { applyChanges, syncTables } from './apply';
import { describeIssue, requestJson, SyncError, type FetchLike, type SetTimer } from './http';
import { addConflicts, CONNECTION_KEY, CURSOR_KEY, ConnectionSchema, readCursor, writeCursor, type Connection } from './state';

export const PULL_PAGE = 500;

/** The page's envelope; its changes are checked one by one to say which one is wrong. */
const PageSchema = z.object({ changes: z.array(z.unknown()), cursor: z.string().min(1).max(200), hasMore: z.boolean() });

export interface PullContext {
  db: AppDB;
  fetch: FetchLike;
  connection: Connection;
  now: () => Date;
  setTimer?: SetTimer;
  timeoutMs?: number;
  /** Changes per page (default PULL_PAGE, at most PULL_LIMIT_MAX). */
  limit?: number;
}

export interface PullReport {
  pages: number;
  changes: number;
  conflicts: number;
  cursor: string | null;
}

/** The connection was replaced (disconnect, another team) while a pull was under way: stop writing. */
export class StaleConnectionError extends Error {
  override name = 'StaleConnectionError';
}

function validate(raw: readonly unknown[]): Change[] {
  return raw.map((item, index) => {
    const parsed = ChangeSchema.safeParse(item);
    if (parsed.success) return parsed.data;
    const kind = typeof (item as { kind?: unknown })?.kind === 'string' ? (item as { kind: string }).kind : 'change';
    throw new SyncError(
      'protocol',
      `The team server sent a malformed ${kind} (change ${index + 1} of the page: ${describeIssue(parsed.error)}); nothing from that page was saved.`,
    );
  });
}

/** Pull pages until the backend has no more (or `maxPages`). */
export async function pullAll(ctx: PullContext, maxPages = 10_000): Promise<PullReport> {
  const { db, connection } = ctx;
  const limit = Math.max(1, Math.min(ctx.limit ?? PULL_PAGE, PULL_LIMIT_MAX));
  const report: PullReport = { pages: 0, changes: 0, conflicts: 0, cursor: null };
  let restarted = false;
  for (let page = 0; page < maxPages; page += 1) {
    const since = await readCursor(db, connection);
    const query = new URLSearchParams({ limit: String(limit) });
    if (since !== null) query.set('since', since);
    let body: z.infer<typeof PageSchema>;
    try {
      body = await requestJson(ctx.fetch, connection, {
        path: `/v1/sync/changes?${query}`,
        schema: PageSchema,
        ...(ctx.timeoutMs !== undefined ? { timeoutMs: ctx.timeoutMs } : {}),
        ...(ctx.setTimer ? { setTimer: ctx.setTimer } : {}),
      });
    } catch (error) {
      // The backend's data was replaced (restored from a backup, a new database): start over.
      if (error instanceof SyncError && error.details.code === 'cursor_ahead' && !restarted && since !== null) {
        restarted = true;
        await db.meta.delete(CURSOR_KEY);
        continue;
      }
      throw error;
    }
    const changes = validate(body.changes);
    if (body.hasMore && (changes.length === 0 || body.cursor === since)) {
      throw new SyncError('protocol', 'The team server said more changes were waiting but sent none.');
    }

    const written = await db.transaction('rw', syncTables(db), async () => {
      const stored = ConnectionSchema.safeParse((await db.meta.get(CONNECTION_KEY))?.value);
      if (!stored.success || stored.data.connectedAt !== connection.connectedAt) {
        throw new StaleConnectionError('the connection changed during the pull');
      }
      // Another pull got here first (two engines, or a retry): this page is no longer next.
      if ((await readCursor(db, connection)) !== since) return null;
      const outcome = await applyChanges(db, changes, ctx.now());
      await addConflicts(db, outcome.conflicts);
      await writeCursor(db, connection, body.cursor);
      return outcome;
    });
    report.pages += 1;
    if (written) {
      report.changes += written.applied;
      report.conflicts += written.conflicts.length;
    }
    report.cursor = body.cursor;
    if (!body.hasMore) break;
  }
  return report;
}
