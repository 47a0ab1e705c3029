import { randomUUID } from 'node:crypto';
import {
  TeamSettingsSchema,
  type CustomerHistory,
  type Department,
  type Member,
  type MemberCreate,
  type MemberUpdate,
  type PostHistory,
  type TeamSettings,
} from '../../lib/model';
import type { Db } from '../db/client';
import { insertTeam } from '../db/global';
import { TeamScope } from '../db/scope';
import { HttpError, notFound } from '../http/errors';
import { silentNotifier, type ServiceContext } from './context';
import { createToken } from './tokens';

/** Teams, members, settings and the customer views. */

export async function createTeam(
  db: Db,
  input: { name: string; adminHandle: string; displayName?: string; department?: Department },
): Promise<{ teamId: string; token: string; tokenId: string }> {
  const teamId = randomUUID();
  return db.transaction(async (tx) => {
    await insertTeam(tx, { id: teamId, name: input.name });
    const scope = new TeamScope(tx, teamId, true);
    const ctx: ServiceContext = { scope, actor: { handle: 'cli', role: 'admin' }, notifier: silentNotifier };
    await scope.putSettings(TeamSettingsSchema.parse({}), 'cli');
    await addMember(ctx, {
      handle: input.adminHandle,
      displayName: input.displayName,
      department: input.department ?? 'none',
      role: 'admin',
    });
    const created = await createToken(ctx, { handle: input.adminHandle, label: 'created with the team' });
    await scope.appendAudit([{ actor: 'cli', action: 'team.create', targetType: 'team', targetId: teamId, detail: { name: input.name } }]);
    return { teamId, token: created.token, tokenId: created.id };
  });
}

export async function addMember(ctx: ServiceContext, input: MemberCreate): Promise<Member> {
  const member: Member = {
    handle: input.handle,
    displayName: input.displayName ?? input.handle,
    department: input.department,
    role: input.role,
    active: true,
  };
  return ctx.scope.transaction(async (tx) => {
    if (!(await tx.insertMember(member))) throw new HttpError(409, 'member_exists', `the team already has a member ${member.handle}`);
    await tx.appendAudit([
      { actor: ctx.actor.handle, action: 'member.add', targetType: 'member', targetId: member.handle, detail: { department: member.department, role: member.role } },
    ]);
    return member;
  });
}

/** Changes a member; refuses to leave the team without an active admin. */
export async function updateMember(ctx: ServiceContext, handle: string, patch: MemberUpdate): Promise<Member> {
  return ctx.scope.transaction(async (tx) => {
    const members = await tx.listMembers();
    const current = members.find((m) => m.handle === handle);
    if (!current) throw notFound(`member ${handle}`);
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Member;
    const adminsLeft = members.map((m) => (m.handle === handle ? next : m)).filter((m) => m.active && m.role === 'admin');
    if (adminsLeft.length === 0) throw new HttpError(409, 'last_admin', 'the team needs at least one active admin');
    const { handle: _handle, ...changes } = next;
    const stored = await tx.updateMember(handle, changes);
    await tx.appendAudit([{ actor: ctx.actor.handle, action: 'member.update', targetType: 'member', targetId: handle, detail: { ...patch } }]);
    return stored!;
  });
}

export async function putSettings(ctx: ServiceContext, settings: TeamSettings): Promise<TeamSettings> {
  return ctx.scope.transaction(async (tx) => {
    await tx.putSettings(settings, ctx.actor.handle);
    await tx.appendAudit([{ actor: ctx.actor.handle, action: 'settings.update', targetType: 'settings', targetId: tx.teamId }]);
    return tx.getSettings();
  });
}

const HISTORY_LIMIT = 500;

/** A post the team acted on: its latest snapshot and what was done about it (404 when nothing). */
export async function postHistory(ctx: ServiceContext, postKey: string): Promise<PostHistory> {
  const page = { limit: HISTORY_LIMIT, postKey };
  const [interactions, leads, assignments] = await Promise.all([
    ctx.scope.listInteractions(page),
    ctx.scope.listLeads(page),
    ctx.scope.listAssignments(page),
  ]);
  const snapshots = [
    ...interactions.map((i) => ({ at: i.createdAt, customerKey: i.customerKey, post: i.post })),
    ...leads.map((l) => ({ at: l.updatedAt, customerKey: l.customerKey, post: l.source })),
    ...assignments.map((a) => ({ at: a.updatedAt, customerKey: a.customerKey, post: a.post })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const latest = snapshots[0];
  if (!latest) throw notFound('post');
  return { postKey: latest.post.postKey, customerKey: latest.customerKey, post: latest.post, interactions, leads, assignments };
}

export async function customerHistory(ctx: ServiceContext, key: string): Promise<CustomerHistory> {
  const { scope } = ctx;
  const customer = await scope.getCustomer(key);
  if (!customer) throw notFound('customer');
  const page = { limit: HISTORY_LIMIT, customerKey: key };
  const [observations, interactions, leads, assignments] = await Promise.all([
    scope.listObservations(page),
    scope.listInteractions(page),
    scope.listLeads(page),
    scope.listAssignments(page),
  ]);
  return { customer, observations, interactions, leads, assignments };
}
