import type {
  Assignment,
  AssignmentCreate,
  Interaction,
  InteractionRetraction,
  Lead,
  Member,
  Mutation,
  PushResult,
  StageObservation,
} from '../../lib/model';
import { normalizeTime } from '../db/mappers';
import type { TeamScope } from '../db/scope';
import { HttpError, conflict, notFound } from '../http/errors';
import { ChangeBatch, withRetry, type Actor, type ServiceContext } from './context';
import { routeDepartment, routeIn } from './routing';

/**
 * The shared records: stage observations and interactions (append-only), leads and assignments
 * (versioned, compare-and-set). The `...In` functions work inside a transaction and write their
 * changes into a ChangeBatch; the sync push and the REST routes both call them, so the rules are
 * the same whichever way a change arrives.
 *
 * Rules the server enforces (the client's word is not taken for them):
 * - who did it: `observedBy`, `memberHandle` and a new assignment's `createdBy` are the pushing member;
 * - versions: a write on base version n stores version n + 1 (1 on creation);
 * - a lead's owner is a member of the team; an assignee is an active member of the team. The handle
 *   `me` (what an extension writes before it is connected) means the pushing member.
 */

export type PutOutcome<T> =
  | { status: 'applied'; record: T }
  | { status: 'conflict'; current: T; message: string }
  | { status: 'rejected'; error: string };

/** The team's members, read at most once per transaction. */
export class MemberDirectory {
  private members: Promise<Map<string, Member>> | null = null;
  constructor(private readonly tx: TeamScope) {}

  private all(): Promise<Map<string, Member>> {
    this.members ??= this.tx.listMembers().then((list) => new Map(list.map((m) => [m.handle, m])));
    return this.members;
  }

  async get(handle: string): Promise<Member | undefined> {
    return (await this.all()).get(handle);
  }
}

function resolveHandle(handle: string, actor: Actor): string {
  return handle === 'me' ? actor.handle : handle;
}

// ── append-only records ───────────────────────────────────────────────────────────────────────

type AddMutation<T extends 'observation.add' | 'interaction.add'> = Extract<Mutation, { type: T }>;

export async function addObservationsIn(
  tx: TeamScope,
  actor: Actor,
  batch: ChangeBatch,
  mutations: AddMutation<'observation.add'>[],
): Promise<PushResult[]> {
  const records: StageObservation[] = mutations.map((m) => ({
    ...m.record,
    observedAt: normalizeTime(m.record.observedAt),
    observedBy: actor.handle,
  }));
  const inserted = await tx.insertObservations(records);
  return records.map((record, index) => {
    const mutationId = mutations[index]!.mutationId;
    if (!inserted.delete(record.id)) return { mutationId, status: 'duplicate' };
    batch.change({ kind: 'observation', recordId: record.id, customerKey: record.customerKey, payload: record });
    batch.touch(record.customerKey, record.observedAt, record.stage);
    return { mutationId, status: 'applied' };
  });
}

export async function addInteractionsIn(
  tx: TeamScope,
  actor: Actor,
  batch: ChangeBatch,
  mutations: AddMutation<'interaction.add'>[],
): Promise<PushResult[]> {
  const records: Interaction[] = mutations.map((m) => ({
    ...m.record,
    createdAt: normalizeTime(m.record.createdAt),
    memberHandle: actor.handle,
  }));
  const inserted = await tx.insertInteractions(records);
  return records.map((record, index) => {
    const mutationId = mutations[index]!.mutationId;
    // `delete`: a record id twice in one batch is applied once.
    if (!inserted.delete(record.id)) return { mutationId, status: 'duplicate' };
    batch.change({ kind: 'interaction', recordId: record.id, customerKey: record.customerKey, payload: record });
    batch.touch(record.customerKey, record.createdAt, record.stage === 'none' ? null : record.stage);
    return { mutationId, status: 'applied' };
  });
}

// ── retractions ───────────────────────────────────────────────────────────────────────────────

export type RetractOutcome = { status: 'applied' } | { status: 'duplicate' } | { status: 'rejected'; error: string };

/**
 * The member who logged an interaction takes it back (the badge's Undo, after the push). The
 * interaction row stays as it is (append-only); a retraction row marks it, the audit log says who,
 * and a change tells the team's devices to drop it. Retracting it again changes nothing.
 * No time limit here: the undo window is the extension's promise to the member, and an undo made
 * in time on a device that was offline arrives when it reconnects.
 */
export async function retractInteractionIn(
  tx: TeamScope,
  actor: Actor,
  batch: ChangeBatch,
  interactionId: string,
  customerKey: string,
): Promise<RetractOutcome> {
  const found = await tx.getInteractionAuthor(interactionId);
  if (!found || found.customerKey !== customerKey) {
    return { status: 'rejected', error: 'no interaction with this id for this customer (it may have been erased)' };
  }
  if (found.memberHandle !== actor.handle) {
    return { status: 'rejected', error: `only ${found.memberHandle}, who logged this interaction, can retract it` };
  }
  const retraction: InteractionRetraction = {
    id: interactionId,
    customerKey,
    retractedBy: actor.handle,
    retractedAt: new Date().toISOString(),
  };
  if (found.retracted || !(await tx.insertRetraction(interactionId, actor.handle, retraction.retractedAt))) {
    return { status: 'duplicate' };
  }
  batch.change({ kind: 'interaction.retracted', recordId: interactionId, customerKey, payload: retraction });
  batch.audit({ actor: actor.handle, action: 'interaction.retract', targetType: 'interaction', targetId: interactionId });
  return { status: 'applied' };
}

// ── leads ─────────────────────────────────────────────────────────────────────────────────────

export async function putLeadIn(
  tx: TeamScope,
  actor: Actor,
  batch: ChangeBatch,
  members: MemberDirectory,
  input: Lead,
  baseVersion: number | null,
): Promise<PutOutcome<Lead>> {
  const owner = resolveHandle(input.owner, actor);
  if (!(await members.get(owner))) return { status: 'rejected', error: `lead owner ${owner} is not a member of the team` };
  const lead: Lead = {
    ...input,
    owner,
    createdAt: normalizeTime(input.createdAt),
    updatedAt: normalizeTime(input.updatedAt),
    version: (baseVersion ?? 0) + 1,
  };
  let stored: Lead | null = null;
  if (baseVersion === null) {
    if (await tx.insertLead(lead)) stored = lead;
  } else {
    stored = await tx.casLead(lead, baseVersion);
  }
  if (!stored) {
    const current = await tx.getLead(input.id);
    if (!current) return { status: 'rejected', error: 'no lead with this id (it may have been erased)' };
    const message =
      baseVersion === null
        ? 'a lead with this id already exists'
        : `the lead changed since version ${baseVersion} (it is at version ${current.version})`;
    return { status: 'conflict', current, message };
  }
  batch.change({ kind: 'lead', recordId: stored.id, customerKey: stored.customerKey, payload: stored });
  batch.touch(stored.customerKey, stored.updatedAt, null);
  batch.audit({
    actor: actor.handle,
    action: baseVersion === null ? 'lead.create' : 'lead.update',
    targetType: 'lead',
    targetId: stored.id,
    detail: { version: stored.version, status: stored.status, owner: stored.owner },
  });
  return { status: 'applied', record: stored };
}

// ── assignments ───────────────────────────────────────────────────────────────────────────────

export async function putAssignmentIn(
  tx: TeamScope,
  actor: Actor,
  batch: ChangeBatch,
  members: MemberDirectory,
  input: Assignment,
  baseVersion: number | null,
  options: { routeRequested?: boolean; action?: string } = {},
): Promise<PutOutcome<Assignment>> {
  const assignee = input.assignee === null ? null : resolveHandle(input.assignee, actor);
  let previous: Assignment | null = null;
  if (baseVersion !== null) {
    previous = await tx.getAssignment(input.id);
    if (!previous) return { status: 'rejected', error: 'no assignment with this id (it may have been erased)' };
    if (previous.version !== baseVersion) {
      return {
        status: 'conflict',
        current: previous,
        message: `the assignment changed since version ${baseVersion} (it is at version ${previous.version})`,
      };
    }
  }
  if (assignee !== null && assignee !== previous?.assignee) {
    const member = await members.get(assignee);
    if (!member?.active) return { status: 'rejected', error: `assignee ${assignee} is not an active member of the team` };
  }
  const assignment: Assignment = {
    ...input,
    assignee,
    // Who created it and when stay as they were; only the server knows them for sure.
    createdBy: previous?.createdBy ?? actor.handle,
    createdAt: previous?.createdAt ?? normalizeTime(input.createdAt),
    updatedAt: normalizeTime(input.updatedAt),
    version: (baseVersion ?? 0) + 1,
  };
  let stored: Assignment | null = null;
  if (baseVersion === null) {
    if (await tx.insertAssignment(assignment, options.routeRequested ?? false)) stored = assignment;
  } else {
    stored = await tx.casAssignment(assignment, baseVersion, options.routeRequested ?? false);
  }
  if (!stored) {
    const current = await tx.getAssignment(input.id);
    if (!current) return { status: 'rejected', error: 'no assignment with this id (it may have been erased)' };
    const message =
      baseVersion === null
        ? 'an assignment with this id already exists'
        : `the assignment changed since version ${baseVersion} (it is at version ${current.version})`;
    return { status: 'conflict', current, message };
  }
  recordAssignmentChange(batch, actor, stored, options.action ?? (baseVersion === null ? 'assignment.create' : 'assignment.update'));
  // A finished or handed-back post frees a place under its owner's cap.
  if (previous && previous.status === 'open' && previous.assignee && (stored.status === 'done' || stored.assignee !== previous.assignee)) {
    batch.departmentsToRoute.add(previous.department);
  }
  return { status: 'applied', record: stored };
}

export function recordAssignmentChange(batch: ChangeBatch, actor: Actor, stored: Assignment, action: string): void {
  batch.change({ kind: 'assignment', recordId: stored.id, customerKey: stored.customerKey, payload: stored });
  batch.touch(stored.customerKey, stored.updatedAt, stored.stage === 'none' ? null : stored.stage);
  batch.audit({
    actor: actor.handle,
    action,
    targetType: 'assignment',
    targetId: stored.id,
    detail: { version: stored.version, status: stored.status, assignee: stored.assignee, department: stored.department },
  });
}

// ── REST operations: one transaction each, the channel told after commit ──────────────────────

/** Runs `work` in a transaction with a batch, flushes it, tells the channel, routes what needs it. */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: TeamScope, batch: ChangeBatch) => Promise<T>): Promise<T> {
  const { result, lastSeq, departments } = await withRetry(() =>
    ctx.scope.transaction(async (tx) => {
      const batch = new ChangeBatch();
      const result = await work(tx, batch);
      const lastSeq = await batch.flush(tx);
      return { result, lastSeq, departments: [...batch.departmentsToRoute] };
    }),
  );
  if (lastSeq !== null) ctx.notifier.changed(ctx.scope.teamId, lastSeq);
  for (const department of departments) await routeDepartment(ctx, department);
  return result;
}

function unwrap<T>(outcome: PutOutcome<T>): T {
  if (outcome.status === 'applied') return outcome.record;
  if (outcome.status === 'conflict') throw conflict(outcome.message, outcome.current);
  throw new HttpError(422, 'rejected', outcome.error);
}

export function putLead(ctx: ServiceContext, record: Lead, baseVersion: number | null): Promise<Lead> {
  return inTransaction(ctx, async (tx, batch) =>
    unwrap(await putLeadIn(tx, ctx.actor, batch, new MemberDirectory(tx), record, baseVersion)),
  );
}

export function putAssignment(ctx: ServiceContext, record: Assignment, baseVersion: number | null): Promise<Assignment> {
  return inTransaction(ctx, async (tx, batch) =>
    unwrap(await putAssignmentIn(tx, ctx.actor, batch, new MemberDirectory(tx), record, baseVersion)),
  );
}

/** A new assignment: to a member (manual, always wins), or to the department's queue, routed if asked. */
export function createAssignment(ctx: ServiceContext, input: AssignmentCreate): Promise<Assignment> {
  const now = new Date().toISOString();
  const { route, department: given, ...fields } = input;
  return inTransaction(ctx, async (tx, batch) => {
    // No department named: the one the team's routing settings give the post's stage.
    const department = given ?? (fields.stage === 'none' ? 'none' : (await tx.getSettings()).routing[fields.stage]);
    if (department === 'none' && (route || fields.assignee === null)) {
      throw new HttpError(400, 'invalid_request', 'an assignment without an assignee needs a department (or a stage the team routes)');
    }
    const record: Assignment = { ...fields, department, status: 'open', createdBy: ctx.actor.handle, createdAt: now, updatedAt: now, version: 1 };
    const created = unwrap(
      await putAssignmentIn(tx, ctx.actor, batch, new MemberDirectory(tx), record, null, {
        routeRequested: route && fields.assignee === null,
      }),
    );
    if (!(route && created.assignee === null)) return created;
    await routeIn(tx, ctx.actor, batch, created.department);
    return (await tx.getAssignment(created.id)) ?? created;
  });
}

export function claimAssignment(ctx: ServiceContext, id: string, baseVersion?: number): Promise<Assignment> {
  return inTransaction(ctx, async (tx, batch) => {
    const current = await tx.getAssignment(id);
    if (!current) throw notFound('assignment');
    if (baseVersion !== undefined && current.version !== baseVersion) {
      throw conflict(`the assignment changed since version ${baseVersion} (it is at version ${current.version})`, current);
    }
    if (current.status === 'done') throw conflict('this post was already answered', current);
    if (current.assignee === ctx.actor.handle) return current;
    if (current.assignee !== null) throw conflict(`${current.assignee} already has this post`, current);
    const next = { ...current, assignee: ctx.actor.handle, updatedAt: new Date().toISOString(), version: current.version + 1 };
    const stored = await tx.casAssignment(next, current.version);
    if (!stored) {
      const now = (await tx.getAssignment(id))!;
      throw conflict(now.assignee ? `${now.assignee} already has this post` : 'the assignment changed; reload it', now);
    }
    recordAssignmentChange(batch, ctx.actor, stored, 'assignment.claim');
    return stored;
  });
}

export function finishAssignment(ctx: ServiceContext, id: string, baseVersion?: number): Promise<Assignment> {
  return inTransaction(ctx, async (tx, batch) => {
    const current = await tx.getAssignment(id);
    if (!current) throw notFound('assignment');
    if (baseVersion !== undefined && current.version !== baseVersion) {
      throw conflict(`the assignment changed since version ${baseVersion} (it is at version ${current.version})`, current);
    }
    if (current.status === 'done') return current;
    const next: Assignment = { ...current, status: 'done', updatedAt: new Date().toISOString(), version: current.version + 1 };
    const stored = await tx.casAssignment(next, current.version);
    if (!stored) throw conflict('the assignment changed; reload it', (await tx.getAssignment(id))!);
    recordAssignmentChange(batch, ctx.actor, stored, 'assignment.done');
    if (current.assignee) batch.departmentsToRoute.add(current.department);
    return stored;
  });
}

// ── privacy ───────────────────────────────────────────────────────────────────────────────────

export async function eraseCustomerIn(tx: TeamScope, actor: Actor, batch: ChangeBatch, customerKey: string): Promise<PutOutcome<null>> {
  if (actor.role !== 'admin') return { status: 'rejected', error: 'only a team admin can erase a customer' };
  const removed = await tx.eraseCustomer(customerKey);
  // Nothing written earlier in this batch about the customer may reach the change log either.
  batch.forgetCustomer(customerKey);
  batch.change({ kind: 'customer.erased', recordId: null, customerKey, payload: { customerKey } });
  batch.audit({ actor: actor.handle, action: 'customer.erase', targetType: 'customer', targetId: customerKey, detail: { removed } });
  return { status: 'applied', record: null };
}
