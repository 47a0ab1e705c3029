/**
 * Pushing the outbox: take a batch (oldest first, including entries a crash left `pushing`), POST
 * it, and apply the answers in one transaction:
 * - applied, duplicate: the entry leaves the outbox (a retry after a crash answers `duplicate`);
 * - conflict: the team's record is taken, the intent re-applied or the conflict shown (conflicts.ts);
 * - rejected: the entry is set aside in `sync.rejected` with the backend's reason, never retried in a loop;
 * - no answer for an entry, a network error, a 5xx, a timeout or malformed JSON: the entries go
 *   back to `pending` and the next attempt sends them again. Nothing is lost.
 */
import { releaseOutbox, removeFromOutbox, takeOutboxBatch, type AppDB, type OutboxEntry } from '../db';
import { PUSH_BATCH_MAX, PushResponseSchema, type PushResult } from '../model';
import { settleDeferred, syncTables } from './apply';
import { resolveConflict } from './conflicts';
import { requestJson, SyncError, type FetchLike, type SetTimer } from './http';
import { addConflicts, addRejected, type Conflict, type Connection, type Rejected } from './state';

/** Half the backend's default body cap (1 MiB), so a batch of long notes still fits. */
export const PUSH_BYTE_BUDGET = 512 * 1024;

export interface PushContext {
  db: AppDB;
  fetch: FetchLike;
  connection: Connection;
  now: () => Date;
  setTimer?: SetTimer;
  timeoutMs?: number;
  /** At most this many mutations per request (default and maximum PUSH_BATCH_MAX). */
  batchSize?: number;
  byteBudget?: number;
}

export interface PushReport {
  /** Requests made. */
  requests: number;
  sent: number;
  applied: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  /** Conflicts whose local intent was queued again on the team's version. */
  reapplied: number;
}

const emptyReport = (): PushReport => ({ requests: 0, sent: 0, applied: 0, duplicate: 0, conflict: 0, rejected: 0, reapplied: 0 });

function add(into: PushReport, more: PushReport): void {
  for (const key of Object.keys(into) as (keyof PushReport)[]) into[key] += more[key];
}

const encoder = new TextEncoder();

/**
 * The longest prefix that fits the byte budget and changes each lead or assignment at most once:
 * a second change of the same record waits for the answer to the first, so that a conflict on the
 * first is resolved before the second (made on the same stale version) can slip through.
 */
export function selectBatch(entries: readonly OutboxEntry[], byteBudget: number): OutboxEntry[] {
  const versioned = new Set<string>();
  const out: OutboxEntry[] = [];
  let bytes = 16;
  for (const entry of entries) {
    const { mutation } = entry;
    if (mutation.type === 'lead.put' || mutation.type === 'assignment.put') {
      if (versioned.has(mutation.record.id)) break;
      versioned.add(mutation.record.id);
    }
    const size = encoder.encode(JSON.stringify(mutation)).length + 1;
    if (out.length > 0 && bytes + size > byteBudget) break;
    out.push(entry);
    bytes += size;
  }
  return out;
}

/** Which mutations of the batch a 400 names (`body.mutations.3.record.id`). */
function namedByIssues(error: SyncError, batch: readonly OutboxEntry[]): Map<string, string> {
  const named = new Map<string, string>();
  for (const issue of error.details.issues ?? []) {
    const match = /^body\.mutations\.(\d+)(?:\.|$)/.exec(issue.path);
    const entry = match ? batch[Number(match[1])] : undefined;
    if (entry && !named.has(entry.mutationId)) named.set(entry.mutationId, `${issue.path.replace(/^body\.mutations\.\d+\.?/, '') || 'mutation'}: ${issue.message}`);
  }
  return named;
}

async function setAside(ctx: PushContext, batch: readonly OutboxEntry[], errors: Map<string, string>): Promise<void> {
  const { db } = ctx;
  const at = ctx.now().toISOString();
  await db.transaction('rw', syncTables(db), async () => {
    const rejected: Rejected[] = batch
      .filter((e) => errors.has(e.mutationId))
      .map((e) => ({ at, error: errors.get(e.mutationId)!, customerKey: e.customerKey, mutation: e.mutation }));
    await removeFromOutbox(db, [...errors.keys()]);
    await addRejected(db, rejected);
    await releaseOutbox(
      db,
      batch.filter((e) => !errors.has(e.mutationId)).map((e) => e.mutationId),
    );
  });
}

/** Write the backend's answers for one batch: one transaction. */
async function applyResults(ctx: PushContext, batch: readonly OutboxEntry[], results: readonly PushResult[]): Promise<PushReport> {
  const { db } = ctx;
  const now = ctx.now();
  const report = emptyReport();
  report.requests = 1;
  report.sent = batch.length;
  const byId = new Map(results.map((r) => [r.mutationId, r]));
  await db.transaction('rw', syncTables(db), async () => {
    const answered: string[] = [];
    const unanswered: string[] = [];
    const conflicts: Conflict[] = [];
    const rejected: Rejected[] = [];
    const touched = new Set<string>();
    const rejectedIds = new Set<string>();
    const conflicted: Array<{ entry: OutboxEntry; current: unknown }> = [];
    for (const entry of batch) {
      const result = byId.get(entry.mutationId);
      if (!result) {
        unanswered.push(entry.mutationId);
        continue;
      }
      answered.push(entry.mutationId);
      if (entry.recordId) touched.add(entry.recordId);
      switch (result.status) {
        case 'applied':
          report.applied += 1;
          break;
        case 'duplicate':
          report.duplicate += 1;
          break;
        case 'conflict':
          report.conflict += 1;
          conflicted.push({ entry, current: result.current });
          break;
        case 'rejected':
          report.rejected += 1;
          rejected.push({ at: now.toISOString(), error: result.error, customerKey: entry.customerKey, mutation: entry.mutation });
          if (entry.recordId) rejectedIds.add(entry.recordId);
          break;
      }
    }
    await removeFromOutbox(db, answered);
    await releaseOutbox(db, unanswered);
    for (const { entry, current } of conflicted) {
      try {
        const outcome = await resolveConflict(db, entry, current, ctx.connection.member.handle, now);
        if (outcome.conflict) conflicts.push(outcome.conflict);
        if (outcome.reapplied) report.reapplied += 1;
      } catch (error) {
        // The backend contradicted itself: keep the change aside rather than loop on it.
        rejected.push({ at: now.toISOString(), error: (error as Error).message, customerKey: entry.customerKey, mutation: entry.mutation });
        if (entry.recordId) rejectedIds.add(entry.recordId);
      }
    }
    await settleDeferred(db, touched, rejectedIds);
    await addConflicts(db, conflicts);
    await addRejected(db, rejected);
  });
  return report;
}

/**
 * Push one batch of at most `limit` entries. Resolves to null when the outbox is empty. Rejects
 * with a SyncError (after releasing the batch) when the backend could not answer for it.
 */
export async function pushBatch(ctx: PushContext, limit: number): Promise<PushReport | null> {
  const { db } = ctx;
  const taken = await takeOutboxBatch(db, Math.max(1, Math.min(limit, PUSH_BATCH_MAX)));
  if (taken.length === 0) return null;
  const batch = selectBatch(taken, ctx.byteBudget ?? PUSH_BYTE_BUDGET);
  const rest = taken.slice(batch.length).map((e) => e.mutationId);
  if (rest.length) await releaseOutbox(db, rest);

  let results: PushResult[];
  try {
    const response = await requestJson(ctx.fetch, ctx.connection, {
      method: 'POST',
      path: '/v1/sync/push',
      body: { mutations: batch.map((e) => e.mutation) },
      schema: PushResponseSchema,
      ...(ctx.timeoutMs !== undefined ? { timeoutMs: ctx.timeoutMs } : {}),
      ...(ctx.setTimer ? { setTimer: ctx.setTimer } : {}),
    });
    results = response.results;
  } catch (error) {
    if (error instanceof SyncError && error.details.status === 400) {
      // The backend refuses part of the batch as invalid: set those aside, push the rest.
      const named = namedByIssues(error, batch);
      if (named.size > 0 || batch.length === 1) {
        if (named.size === 0) named.set(batch[0]!.mutationId, error.message);
        await setAside(ctx, batch, named);
        return { ...emptyReport(), requests: 1, sent: batch.length, rejected: named.size };
      }
    }
    if (error instanceof SyncError && error.details.status === 413 && batch.length === 1) {
      await setAside(ctx, batch, new Map([[batch[0]!.mutationId, 'too large for the team server']]));
      return { ...emptyReport(), requests: 1, sent: 1, rejected: 1 };
    }
    await releaseOutbox(db, batch.map((e) => e.mutationId));
    throw error;
  }
  const sent = new Set(batch.map((e) => e.mutationId));
  if (!results.some((r) => sent.has(r.mutationId))) {
    await releaseOutbox(db, batch.map((e) => e.mutationId));
    throw new SyncError('protocol', `The team server answered the push without a result for any of the ${batch.length} changes sent.`);
  }
  return applyResults(ctx, batch, results);
}

/**
 * Push until the outbox is empty (or `maxBatches` requests were made). A 400 the backend does not
 * explain, or a 413, halves the batch until the culprit is alone, then sets it aside.
 */
export async function pushAll(ctx: PushContext, maxBatches = 200): Promise<PushReport> {
  const total = emptyReport();
  let limit = Math.min(ctx.batchSize ?? PUSH_BATCH_MAX, PUSH_BATCH_MAX);
  for (let i = 0; i < maxBatches; i += 1) {
    let report: PushReport | null;
    try {
      report = await pushBatch(ctx, limit);
    } catch (error) {
      const status = error instanceof SyncError ? error.details.status : undefined;
      if ((status === 400 || status === 413) && limit > 1) {
        limit = Math.max(1, Math.floor(limit / 2));
        continue;
      }
      throw error;
    }
    if (!report) break;
    add(total, report);
  }
  return total;
}
