import { z } from 'zod';
import { ApiErrorSchema, HandleSchema, MemberCreateSchema, MemberListSchema, MemberSchema, MemberUpdateSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { addMember, updateMember } from '../services/team';

const HandleParam = z.object({ handle: HandleSchema });

export const memberRoutes = [
  defineRoute({
    operationId: 'listMembers',
    method: 'get',
    path: '/v1/members',
    summary: "The team's members (every member may list them, to assign posts)",
    tag: 'team',
    auth: 'member',
    responses: { 200: MemberListSchema },
    async handler({ auth }) {
      return reply(200, { members: await auth.ctx.scope.listMembers() });
    },
  }),
  defineRoute({
    operationId: 'addMember',
    method: 'post',
    path: '/v1/members',
    summary: 'Add a member (admins)',
    tag: 'team',
    auth: 'admin',
    body: MemberCreateSchema,
    responses: { 201: MemberSchema, 409: ApiErrorSchema },
    async handler({ auth, body }) {
      return reply(201, await addMember(auth.ctx, body));
    },
  }),
  defineRoute({
    operationId: 'updateMember',
    method: 'patch',
    path: '/v1/members/:handle',
    summary: 'Deactivate (active: false), reactivate, move or promote a member (admins)',
    description: "A deactivated member's tokens are refused from the next request on. The team keeps at least one active admin.",
    tag: 'team',
    auth: 'admin',
    params: HandleParam,
    body: MemberUpdateSchema,
    responses: { 200: MemberSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
    async handler({ auth, params, body }) {
      return reply(200, await updateMember(auth.ctx, params.handle, body));
    },
  }),
];
