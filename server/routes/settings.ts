import { TeamSettingsSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { putSettings } from '../services/team';

export const settingsRoutes = [
  defineRoute({
    operationId: 'getSettings',
    method: 'get',
    path: '/v1/settings',
    summary: "The team's settings: brand terms, response-time targets, routing, assignment cap",
    tag: 'team',
    auth: 'member',
    responses: { 200: TeamSettingsSchema },
    async handler({ auth }) {
      return reply(200, await auth.ctx.scope.getSettings());
    },
  }),
  defineRoute({
    operationId: 'putSettings',
    method: 'put',
    path: '/v1/settings',
    summary: "Replace the team's settings (admins); fields left out take their defaults",
    tag: 'team',
    auth: 'admin',
    body: TeamSettingsSchema,
    responses: { 200: TeamSettingsSchema },
    async handler({ auth, body }) {
      return reply(200, await putSettings(auth.ctx, body));
    },
  }),
];
