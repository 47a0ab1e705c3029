import { PullResponseSchema, type Mutation, type PullResponse, type PushResult } from '../../lib/model';
import { HttpError } from '../http/errors';
import { ChangeBatch, withRetry, type ServiceContext } from './context';
import {
  MemberDirectory,
  addInteractionsIn,
  addObservationsIn,
  eraseCustomerIn,
  putAssignmentIn,
  putLeadIn,
  retractInteractionIn,
  type PutOutcome,
} from './records';
import { routeDepartment, routeIn } from './routing';

/**
 * The sync endpoints. A push is one transaction: its mutations apply in order, each at most once
 * (the mutation id is recorded with the change), and the team's change counter moves once at the
 * end. Runs of observations or interactions are written with one statement each, so a batch of a
 * hundred costs a handful of round trips; leads and assignments go one by one (compare-and-set).
 */

function toResult(mutationId: string, outcome: PutOutcome<unknown>): PushResult {
  if (outcome.status === 'applied') return { mutationId, status: 'applied' };
  if (outcome.status === 'conflict') {
    return { mutationId, status: 'conflict', current: outcome.current as Extract<PushResult, { status: 'conflict' }>['current'] };
  }
  return { mutationId, status: 'rejected', error: outcome.error };
}

export async function push(ctx: ServiceContext, mutations: Mutation[]): Promise<PushResult[]> {
  const { results, lastSeq, departments } = await withRetry(() =>
    ctx.scope.transaction(async (tx) => {
      const batch = new ChangeBatch();
      const members = new MemberDirectory(tx);
      const unique = new Map<string, Mutation>();
      for (const m of mutations) if (!unique.has(m.mutationId)) unique.set(m.mutationId, m);
      const claimed = await tx.claimMutations([...unique.values()]);
      const seen = new Set<string>();
      const fresh = (m: Mutation) => claimed.has(m.mutationId) && !seen.has(m.mutationId);
      const results: PushResult[] = [];
      const release: string[] = [];
      /** Departments with a post handed to the router in this push: routed once each, before commit. */
      const routeNow = new Set<string>();

      for (let i = 0; i < mutations.length; ) {
        const m = mutations[i]!;
        if (!fresh(m)) {
          results.push({ mutationId: m.mutationId, status: 'duplicate' });
          seen.add(m.mutationId);
          i += 1;
          continue;
        }
        if (m.type === 'observation.add' || m.type === 'interaction.add') {
          const run: Mutation[] = [];
          while (i < mutations.length && mutations[i]!.type === m.type && fresh(mutations[i]!)) {
            seen.add(mutations[i]!.mutationId);
            run.push(mutations[i]!);
            i += 1;
          }
          results.push(
            ...(m.type === 'observation.add'
              ? await addObservationsIn(tx, ctx.actor, batch, run as Extract<Mutation, { type: 'observation.add' }>[])
              : await addInteractionsIn(tx, ctx.actor, batch, run as Extract<Mutation, { type: 'interaction.add' }>[])),
          );
          continue;
        }
        seen.add(m.mutationId);
        i += 1;
        if (m.type === 'interaction.retract') {
          const retracted = await retractInteractionIn(tx, ctx.actor, batch, m.interactionId, m.customerKey);
          if (retracted.status === 'rejected') release.push(m.mutationId);
          results.push({ mutationId: m.mutationId, ...retracted });
          continue;
        }
        let outcome: PutOutcome<unknown>;
        switch (m.type) {
          case 'lead.put':
            outcome = await putLeadIn(tx, ctx.actor, batch, members, m.record, m.baseVersion);
            break;
          case 'assignment.put': {
            const routeRequested = m.route === true;
            const put = await putAssignmentIn(tx, ctx.actor, batch, members, m.record, m.baseVersion, { routeRequested });
            // With an assignee the assignment is manual and wins: there is nothing to route.
            if (routeRequested && put.status === 'applied' && put.record.assignee === null) routeNow.add(put.record.department);
            outcome = put;
            break;
          }
          case 'customer.erase':
            outcome = await eraseCustomerIn(tx, ctx.actor, batch, m.customerKey);
            break;
        }
        if (outcome.status !== 'applied') release.push(m.mutationId);
        results.push(toResult(m.mutationId, outcome));
      }

      // The member the router picks reaches every teammate through pull, like any other change.
      for (const department of routeNow) await routeIn(tx, ctx.actor, batch, department);
      await tx.releaseMutations(release);
      const lastSeq = await batch.flush(tx);
      return { results, lastSeq, departments: [...batch.departmentsToRoute] };
    }),
  );
  if (lastSeq !== null) ctx.notifier.changed(ctx.scope.teamId, lastSeq);
  for (const department of departments) await routeDepartment(ctx, department);
  return results;
}

/**
 * Changes after `since` (a change number; 0 for everything), at most `limit`, as the JSON text of a
 * PullResponse. The records come from the change log as stored: each was checked against the
 * pull's own ChangeSchema when it was written (ChangeBatch.change), so the answer is assembled as
 * text rather than parsed and serialized again (the pull is the hot path: a page is up to 1,000
 * records). The tests parse every pull with PullResponseSchema.
 */
export async function pullJson(ctx: ServiceContext, since: number, limit: number): Promise<string> {
  return (await pullPage(ctx, since, limit)).json;
}

/**
 * The same, saying whether the page is full (`hasMore`): such a page never changes again but for an
 * erasure, because change numbers become visible in order (see TeamScope.appendChanges).
 */
export async function pullPage(ctx: ServiceContext, since: number, limit: number): Promise<{ json: string; full: boolean; cursor: number }> {
  const page = await ctx.scope.changePage(since, limit);
  if (page.last === null && since > 0 && since > (await ctx.scope.currentSeq())) {
    throw new HttpError(
      409,
      'cursor_ahead',
      'this cursor is ahead of the server (was its database replaced?): pull again from the start, without `since`',
    );
  }
  const cursor = page.last ?? since;
  const full = page.more;
  return { json: `{"changes":[${page.changes}],"cursor":"${cursor}","hasMore":${full}}`, full, cursor };
}

/** The same, parsed and checked: for callers other than the HTTP route. */
export async function pull(ctx: ServiceContext, since: number, limit: number): Promise<PullResponse> {
  return PullResponseSchema.parse(JSON.parse(await pullJson(ctx, since, limit)));
}
