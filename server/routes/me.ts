import { MeResponseSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';

export const meRoutes = [
  defineRoute({
    operationId: 'me',
    method: 'get',
    path: '/v1/me',
    summary: 'Sign-in check: the member behind the token, the team and its settings',
    tag: 'team',
    auth: 'member',
    responses: { 200: MeResponseSchema },
    async handler({ auth }) {
      return reply(200, { member: auth.member, team: auth.team, settings: await auth.ctx.scope.getSettings() });
    },
  }),
];
