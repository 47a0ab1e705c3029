import { z } from 'zod';
import { ApiErrorSchema, CustomerHistorySchema, CustomerKeySchema, CustomerListSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { customerHistory } from '../services/team';
import { beforeTime, limitParam } from './common';

export const customerRoutes = [
  defineRoute({
    operationId: 'listCustomers',
    method: 'get',
    path: '/v1/customers',
    summary: 'Customers the team has seen or acted on, most recently seen first',
    tag: 'records',
    auth: 'member',
    query: z.object({ before: beforeTime, limit: limitParam(500, 100) }),
    responses: { 200: CustomerListSchema },
    async handler({ auth, query }) {
      return reply(200, { customers: await auth.ctx.scope.listCustomers(query) });
    },
  }),
  defineRoute({
    operationId: 'customerHistory',
    method: 'get',
    path: '/v1/customers/:key',
    summary: "One customer's history: stages seen, interactions, leads and assignments, newest first",
    tag: 'records',
    auth: 'member',
    params: z.object({ key: CustomerKeySchema.describe('`<site>:<handle>`, e.g. `x:dana_k`') }),
    responses: { 200: CustomerHistorySchema, 404: ApiErrorSchema },
    async handler({ auth, params }) {
      return reply(200, await customerHistory(auth.ctx, params.key));
    },
  }),
];
