import { z } from 'zod';
import {
  ApiErrorSchema,
  CustomerKeySchema,
  HandleSchema,
  LeadConflictSchema,
  LeadListSchema,
  LeadPutSchema,
  LeadSchema,
  LeadStatusSchema,
  RecordIdSchema,
} from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { HttpError, notFound } from '../http/errors';
import { putLead } from '../services/records';
import { limitParam } from './common';

const IdParam = z.object({ id: RecordIdSchema });

export const leadRoutes = [
  defineRoute({
    operationId: 'listLeads',
    method: 'get',
    path: '/v1/leads',
    summary: 'Leads, most recently changed first',
    tag: 'records',
    auth: 'member',
    query: z.object({
      status: LeadStatusSchema.optional(),
      owner: HandleSchema.optional(),
      customerKey: CustomerKeySchema.optional(),
      limit: limitParam(500, 100),
    }),
    responses: { 200: LeadListSchema },
    async handler({ auth, query }) {
      return reply(200, { leads: await auth.ctx.scope.listLeads(query) });
    },
  }),
  defineRoute({
    operationId: 'getLead',
    method: 'get',
    path: '/v1/leads/:id',
    summary: 'One lead',
    tag: 'records',
    auth: 'member',
    params: IdParam,
    responses: { 200: LeadSchema, 404: ApiErrorSchema },
    async handler({ auth, params }) {
      const lead = await auth.ctx.scope.getLead(params.id);
      if (!lead) throw notFound('lead');
      return reply(200, lead);
    },
  }),
  defineRoute({
    operationId: 'putLead',
    method: 'put',
    path: '/v1/leads/:id',
    summary: 'Create (baseVersion null) or change a lead by compare-and-set',
    description:
      'Applies only if the stored lead is at `baseVersion`; the stored version becomes baseVersion + 1. ' +
      'A stale write is answered 409 with the current lead and changes nothing.',
    tag: 'records',
    auth: 'member',
    params: IdParam,
    body: LeadPutSchema,
    responses: { 200: LeadSchema, 409: LeadConflictSchema, 422: ApiErrorSchema },
    async handler({ auth, params, body }) {
      if (body.record.id !== params.id) throw new HttpError(400, 'invalid_request', 'record.id must be the id in the path');
      return reply(200, await putLead(auth.ctx, body.record, body.baseVersion));
    },
  }),
];
