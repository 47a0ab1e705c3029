import type { Assignment } from '../../lib/model';
import type { TeamScope } from '../db/scope';
import { ChangeBatch, withRetry, type Actor, type ServiceContext } from './context';
import { recordAssignmentChange } from './records';

/**
 * Routing (issue 5, item 4): a post given to a department without an assignee, with routing asked
 * for, waits in the department's queue until the router hands it to a member: round-robin among the
 * department's active members (in handle order, continuing after the last member served), skipping
 * members who hold `assignmentCap` open assignments or more, and, where the team's settings name
 * the members who take the post's stage (`stageMembers`), everyone else; oldest waiting post first.
 * A manual assignment always wins: the router only touches posts that have no assignee. (Which
 * department takes a stage is `routing`, applied when an assignment is created without one.)
 *
 * It runs when a routed post is created or moved (REST, or an `assignment.put` pushed with
 * `route: true`), when a post of the department is finished or handed back (a member may be under
 * the cap again), and on request (`POST /v1/assignments/route`). The department's position row is
 * locked for the transaction, so two processes never route at once.
 */

/** The next member after `last` in circular handle order that `eligible` accepts, or null. */
export function nextInRotation(handles: string[], last: string | null, eligible: (handle: string) => boolean): string | null {
  if (handles.length === 0) return null;
  let start = last === null ? 0 : handles.findIndex((handle) => handle > last);
  if (start < 0) start = 0;
  for (let i = 0; i < handles.length; i += 1) {
    const handle = handles[(start + i) % handles.length]!;
    if (eligible(handle)) return handle;
  }
  return null;
}

/** Inside a transaction: routes what can be routed now and returns the posts handed out. */
export async function routeIn(tx: TeamScope, actor: Actor, batch: ChangeBatch, department: string): Promise<Assignment[]> {
  const last = await tx.lockRoutingState(department);
  const members = (await tx.listMembers())
    .filter((member) => member.active && member.department === department)
    .map((member) => member.handle)
    .sort();
  if (members.length === 0) return [];
  const { assignmentCap, stageMembers } = await tx.getSettings();
  const open = await tx.openAssignmentCounts();
  const waiting = await tx.waitingForRouting(department, 1000);
  const assigned: Assignment[] = [];
  let cursor = last;
  for (const post of waiting) {
    // The stage's own members when the team named some, else the whole department.
    const takers = post.stage === 'none' || stageMembers[post.stage].length === 0 ? null : new Set(stageMembers[post.stage]);
    const handle = nextInRotation(members, cursor, (h) => (open.get(h) ?? 0) < assignmentCap && (takers === null || takers.has(h)));
    // Nobody can take this post now: wait. Nobody at all, when anyone in the department would do.
    if (handle === null) {
      if (takers === null) break;
      continue;
    }
    const next: Assignment = { ...post, assignee: handle, updatedAt: new Date().toISOString(), version: post.version + 1 };
    const stored = await tx.casAssignment(next, post.version);
    if (!stored) continue; // claimed meanwhile by someone: it is no longer waiting
    recordAssignmentChange(batch, actor, stored, 'assignment.route');
    open.set(handle, (open.get(handle) ?? 0) + 1);
    cursor = handle;
    assigned.push(stored);
  }
  if (cursor !== null && cursor !== last) await tx.setRoutingState(department, cursor);
  return assigned;
}

/** One routing pass in its own transaction; tells the channel. */
export async function routeDepartment(ctx: ServiceContext, department: string): Promise<Assignment[]> {
  const { assigned, lastSeq } = await withRetry(() =>
    ctx.scope.transaction(async (tx) => {
      const batch = new ChangeBatch();
      const assigned = await routeIn(tx, ctx.actor, batch, department);
      return { assigned, lastSeq: await batch.flush(tx) };
    }),
  );
  if (lastSeq !== null) ctx.notifier.changed(ctx.scope.teamId, lastSeq);
  return assigned;
}
