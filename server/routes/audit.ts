import { z } from 'zod';
import { AuditListSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { limitParam } from './common';

export const auditRoutes = [
  defineRoute({
    operationId: 'listAudit',
    method: 'get',
    path: '/v1/audit',
    summary: 'Who changed what, newest first (admins)',
    tag: 'team',
    auth: 'admin',
    query: z.object({
      before: z.coerce.number().int().positive().optional().describe('the `nextBefore` of the previous page'),
      limit: limitParam(500, 100),
    }),
    responses: { 200: AuditListSchema },
    async handler({ auth, query }) {
      const entries = await auth.ctx.scope.listAudit(query);
      return reply(200, { entries, nextBefore: entries.length === query.limit ? entries.at(-1)!.id : null });
    },
  }),
];
