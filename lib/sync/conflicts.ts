/**
 * A stale compare-and-set: the backend answered `conflict` with the record as it stands. The
 * team's record is taken into the local table (never silently overwritten by ours); then the
 * local intent is applied again on top of it when it still makes sense, and otherwise the member
 * is told (a Conflict in `sync.conflicts`, e.g. "@dana already took this post").
 *
 * Local changes to the same record queued after the one that conflicted were made on the stale
 * version too: they are folded into one intent (the last one wins) and replaced.
 *
 * Runs inside a transaction over `syncTables(db)`.
 */
import { uuidv7 } from 'uuidv7';
import { LEAD_TRANSITIONS, queueMutation, type AppDB, type OutboxEntry } from '../db';
import {
  AssignmentSchema,
  LeadSchema,
  type Assignment,
  type Lead,
  type LeadStatus,
  type Mutation,
} from '../model';
import type { Conflict } from './state';

type LeadPut = Extract<Mutation, { type: 'lead.put' }>;
type AssignmentPut = Extract<Mutation, { type: 'assignment.put' }>;

/** Statuses a lead can still reach from `from` by the usual steps (not counting `from`). */
export function reachableStatuses(from: LeadStatus): Set<LeadStatus> {
  const seen = new Set<LeadStatus>();
  const queue: LeadStatus[] = [...LEAD_TRANSITIONS[from]];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...LEAD_TRANSITIONS[next]);
  }
  return seen;
}

/** Later local changes of the same record, made on the stale version: removed, the last one returned. */
async function foldLater<T extends 'lead.put' | 'assignment.put'>(
  db: AppDB,
  sent: OutboxEntry,
  type: T,
): Promise<Extract<Mutation, { type: T }> | null> {
  const later = (await db.outbox.where('recordId').equals(sent.recordId!).sortBy('seq')).filter(
    (e) => e.mutationId !== sent.mutationId && e.mutation.type === type && e.seq > sent.seq,
  );
  if (later.length === 0) return null;
  await db.outbox.bulkDelete(later.map((e) => e.seq));
  return later.at(-1)!.mutation as Extract<Mutation, { type: T }>;
}

export interface ConflictOutcome {
  /** Shown to the member; null when the intent was applied again or was already the team's. */
  conflict: Conflict | null;
  /** The local intent was queued again on top of the team's version. */
  reapplied: boolean;
}

function notice(
  now: Date,
  sent: OutboxEntry,
  kind: Conflict['kind'],
  message: string,
  mine: unknown,
  theirs: unknown,
): Conflict {
  return {
    id: `conflict:${sent.mutationId}`,
    at: now.toISOString(),
    kind,
    recordId: sent.recordId ?? null,
    customerKey: sent.customerKey,
    message,
    mine,
    theirs,
  };
}

async function resolveLead(db: AppDB, sent: OutboxEntry & { mutation: LeadPut }, current: Lead, now: Date): Promise<ConflictOutcome> {
  const intent = ((await foldLater(db, sent, 'lead.put')) ?? sent.mutation).record;
  await db.leads.put(current);
  const at = now.toISOString();
  const target = intent.status;
  if (current.status === target) return { conflict: null, reapplied: false };
  if (reachableStatuses(current.status).has(target)) {
    const next: Lead = { ...current, status: target, updatedAt: at, version: current.version + 1 };
    await db.leads.put(next);
    await queueMutation(db, { mutationId: uuidv7(), createdAt: at, type: 'lead.put', record: next, baseVersion: current.version }, sent.customerKey, current.id);
    return { conflict: null, reapplied: true };
  }
  return {
    conflict: notice(
      now,
      sent,
      'lead',
      `A teammate already moved the lead on ${current.customerKey} to “${current.status}” (owner @${current.owner}); your change to “${target}” was not applied.`,
      intent,
      current,
    ),
    reapplied: false,
  };
}

async function resolveAssignment(
  db: AppDB,
  sent: OutboxEntry & { mutation: AssignmentPut },
  current: Assignment,
  me: string,
  now: Date,
): Promise<ConflictOutcome> {
  const mutation = (await foldLater(db, sent, 'assignment.put')) ?? sent.mutation;
  const intent = mutation.record;
  await db.assignments.put(current);
  const at = now.toISOString();
  const wanted = intent.assignee === 'me' ? me : intent.assignee;
  // Handing the post to the router is about its department: asked again, on the team's version.
  const route = mutation.route === true && wanted === null && intent.status === 'open';
  if (!route && current.assignee === wanted && current.status === intent.status) return { conflict: null, reapplied: false };
  // Ours to change still: nobody else holds it and it is not answered yet.
  const free = current.status === 'open' && (current.assignee === null || current.assignee === me || current.assignee === wanted);
  if (free) {
    const next: Assignment = {
      ...current,
      ...(route ? { department: intent.department } : {}),
      assignee: wanted,
      status: intent.status,
      updatedAt: at,
      version: current.version + 1,
    };
    await db.assignments.put(next);
    await queueMutation(
      db,
      { mutationId: uuidv7(), createdAt: at, type: 'assignment.put', record: next, baseVersion: current.version, ...(route ? { route } : {}) },
      sent.customerKey,
      current.id,
    );
    return { conflict: null, reapplied: true };
  }
  const message =
    current.status === 'done'
      ? `This post by ${current.customerKey} was already answered${current.assignee ? ` by @${current.assignee}` : ''}.`
      : `@${current.assignee} already took this post by ${current.customerKey}.`;
  return { conflict: notice(now, sent, 'assignment', message, intent, current), reapplied: false };
}

/**
 * Resolve one `conflict` answer. `current` comes from the backend (already validated as a lead or
 * an assignment); a current of the wrong kind is a protocol error (thrown).
 */
export async function resolveConflict(db: AppDB, sent: OutboxEntry, current: unknown, me: string, now: Date): Promise<ConflictOutcome> {
  const mutation = sent.mutation;
  if (mutation.type === 'lead.put') {
    const lead = LeadSchema.safeParse(current);
    if (!lead.success || lead.data.id !== mutation.record.id) throw new Error('the conflict answer is not the lead that was sent');
    return resolveLead(db, sent as OutboxEntry & { mutation: LeadPut }, lead.data, now);
  }
  if (mutation.type === 'assignment.put') {
    const assignment = AssignmentSchema.safeParse(current);
    if (!assignment.success || assignment.data.id !== mutation.record.id) {
      throw new Error('the conflict answer is not the assignment that was sent');
    }
    return resolveAssignment(db, sent as OutboxEntry & { mutation: AssignmentPut }, assignment.data, me, now);
  }
  throw new Error(`a ${mutation.type} cannot conflict`);
}
