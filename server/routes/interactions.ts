import { z } from 'zod';
import { CustomerKeySchema, HandleSchema, InteractionListSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { beforeTime, limitParam } from './common';

export const interactionRoutes = [
  defineRoute({
    operationId: 'listInteractions',
    method: 'get',
    path: '/v1/interactions',
    summary: 'Interactions, newest first (logged through the sync push)',
    tag: 'records',
    auth: 'member',
    query: z.object({
      customerKey: CustomerKeySchema.optional(),
      member: HandleSchema.optional().describe('only those logged by this member'),
      before: beforeTime,
      limit: limitParam(500, 100),
    }),
    responses: { 200: InteractionListSchema },
    async handler({ auth, query }) {
      const { member, ...rest } = query;
      return reply(200, { interactions: await auth.ctx.scope.listInteractions({ ...rest, memberHandle: member }) });
    },
  }),
];
