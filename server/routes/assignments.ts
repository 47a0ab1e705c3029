import { z } from 'zod';
import {
  ApiErrorSchema,
  AssignmentConflictSchema,
  AssignmentCreateSchema,
  AssignmentListSchema,
  AssignmentPutSchema,
  AssignmentRouteResultSchema,
  AssignmentRouteSchema,
  AssignmentSchema,
  AssignmentStatusSchema,
  AssignmentStepSchema,
  CustomerKeySchema,
  DepartmentSchema,
  HandleSchema,
  RecordIdSchema,
} from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { HttpError, notFound } from '../http/errors';
import { claimAssignment, createAssignment, finishAssignment, putAssignment } from '../services/records';
import { routeDepartment } from '../services/routing';
import { limitParam } from './common';

const IdParam = z.object({ id: RecordIdSchema });

export const assignmentRoutes = [
  defineRoute({
    operationId: 'listAssignments',
    method: 'get',
    path: '/v1/assignments',
    summary: 'Assignments, newest first ("My work": assignee=<me>&status=open)',
    tag: 'records',
    auth: 'member',
    query: z.object({
      status: AssignmentStatusSchema.optional(),
      assignee: HandleSchema.optional(),
      unassigned: z.enum(['true', 'false']).optional().describe('true: only posts waiting in a department queue'),
      department: DepartmentSchema.optional(),
      customerKey: CustomerKeySchema.optional(),
      limit: limitParam(500, 100),
    }),
    responses: { 200: AssignmentListSchema },
    async handler({ auth, query }) {
      const assignments = await auth.ctx.scope.listAssignments({ ...query, unassigned: query.unassigned === 'true' });
      return reply(200, { assignments });
    },
  }),
  defineRoute({
    operationId: 'getAssignment',
    method: 'get',
    path: '/v1/assignments/:id',
    summary: 'One assignment',
    tag: 'records',
    auth: 'member',
    params: IdParam,
    responses: { 200: AssignmentSchema, 404: ApiErrorSchema },
    async handler({ auth, params }) {
      const assignment = await auth.ctx.scope.getAssignment(params.id);
      if (!assignment) throw notFound('assignment');
      return reply(200, assignment);
    },
  }),
  defineRoute({
    operationId: 'createAssignment',
    method: 'post',
    path: '/v1/assignments',
    summary: "Give a post to a member, or to a department's queue (route: true lets the backend pick the member)",
    description:
      'With an assignee the assignment is manual and always wins. Without one and with `route: true` the post joins ' +
      "the department's routing queue and is handed out round-robin among its active members under the cap, oldest first.",
    tag: 'records',
    auth: 'member',
    body: AssignmentCreateSchema,
    responses: { 201: AssignmentSchema, 409: AssignmentConflictSchema, 422: ApiErrorSchema },
    async handler({ auth, body }) {
      return reply(201, await createAssignment(auth.ctx, body));
    },
  }),
  defineRoute({
    operationId: 'routeAssignments',
    method: 'post',
    path: '/v1/assignments/route',
    summary: "Hand the department's waiting posts to its members now",
    tag: 'records',
    auth: 'member',
    body: AssignmentRouteSchema,
    responses: { 200: AssignmentRouteResultSchema },
    async handler({ auth, body }) {
      return reply(200, { assigned: await routeDepartment(auth.ctx, body.department) });
    },
  }),
  defineRoute({
    operationId: 'putAssignment',
    method: 'put',
    path: '/v1/assignments/:id',
    summary: 'Create (baseVersion null) or change an assignment by compare-and-set',
    tag: 'records',
    auth: 'member',
    params: IdParam,
    body: AssignmentPutSchema,
    responses: { 200: AssignmentSchema, 409: AssignmentConflictSchema, 422: ApiErrorSchema },
    async handler({ auth, params, body }) {
      if (body.record.id !== params.id) throw new HttpError(400, 'invalid_request', 'record.id must be the id in the path');
      return reply(200, await putAssignment(auth.ctx, body.record, body.baseVersion));
    },
  }),
  defineRoute({
    operationId: 'claimAssignment',
    method: 'post',
    path: '/v1/assignments/:id/claim',
    summary: 'Take the post: succeeds if nobody has it (or you already do); 409 says who has it',
    tag: 'records',
    auth: 'member',
    params: IdParam,
    body: AssignmentStepSchema,
    bodyOptional: true,
    responses: { 200: AssignmentSchema, 404: ApiErrorSchema, 409: AssignmentConflictSchema },
    async handler({ auth, params, body }) {
      return reply(200, await claimAssignment(auth.ctx, params.id, body.baseVersion));
    },
  }),
  defineRoute({
    operationId: 'finishAssignment',
    method: 'post',
    path: '/v1/assignments/:id/done',
    summary: 'Mark the post answered',
    tag: 'records',
    auth: 'member',
    params: IdParam,
    body: AssignmentStepSchema,
    bodyOptional: true,
    responses: { 200: AssignmentSchema, 404: ApiErrorSchema, 409: AssignmentConflictSchema },
    async handler({ auth, params, body }) {
      return reply(200, await finishAssignment(auth.ctx, params.id, body.baseVersion));
    },
  }),
];
