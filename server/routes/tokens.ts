import { z } from 'zod';
import { ApiErrorSchema, TokenCreateSchema, TokenCreatedSchema, TokenInfoSchema, TokenListSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { createToken, revokeToken } from '../services/tokens';

export const tokenRoutes = [
  defineRoute({
    operationId: 'listTokens',
    method: 'get',
    path: '/v1/tokens',
    summary: "The team's API tokens, without the tokens themselves (admins)",
    tag: 'team',
    auth: 'admin',
    responses: { 200: TokenListSchema },
    async handler({ auth }) {
      return reply(200, { tokens: await auth.ctx.scope.listTokens() });
    },
  }),
  defineRoute({
    operationId: 'createToken',
    method: 'post',
    path: '/v1/tokens',
    summary: 'Make an API token for a member (admins); the answer is the only time the token is shown',
    tag: 'team',
    auth: 'admin',
    body: TokenCreateSchema,
    responses: { 201: TokenCreatedSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
    async handler({ auth, body }) {
      return reply(201, await createToken(auth.ctx, body));
    },
  }),
  defineRoute({
    operationId: 'revokeToken',
    method: 'delete',
    path: '/v1/tokens/:id',
    summary: 'Revoke an API token (admins); refused from the next request on',
    tag: 'team',
    auth: 'admin',
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: TokenInfoSchema, 404: ApiErrorSchema },
    async handler({ auth, params }) {
      return reply(200, await revokeToken(auth.ctx, params.id));
    },
  }),
];
