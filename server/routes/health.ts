import { z } from 'zod';
import { ApiErrorSchema, HealthSchema } from '../../lib/model';
import { defineRoute, reply } from '../http/define';
import { describeError } from '../http/log';
import { buildOpenApi } from '../http/openapi';

export const healthRoutes = [
  defineRoute({
    operationId: 'health',
    method: 'get',
    path: '/healthz',
    summary: 'Is the backend up and its database reachable?',
    tag: 'meta',
    auth: 'public',
    responses: { 200: HealthSchema, 503: ApiErrorSchema },
    async handler({ deps }) {
      try {
        await deps.database.ping();
        return reply(200, { ok: true as const, database: deps.database.kind });
      } catch (error) {
        deps.log.error('health check: database unreachable', describeError(error));
        return reply(503, { error: { code: 'database_unreachable', message: 'the database does not answer' } });
      }
    },
  }),
];

const documents = new WeakMap<object, unknown>();

export const openApiRoutes = [
  defineRoute({
    operationId: 'openApi',
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This API, as an OpenAPI 3.1 document generated from the route table',
    tag: 'meta',
    auth: 'public',
    responses: { 200: z.record(z.string(), z.unknown()) },
    async handler({ deps }) {
      let document = documents.get(deps.routes);
      if (!document) {
        document = buildOpenApi(deps.routes, {
          title: 'Switchboard team backend',
          version: '1',
          description:
            'Teams, members, shared customer records and the sync protocol of the Switchboard extension. ' +
            'Every route but /healthz and this document needs `Authorization: Bearer <token>` and sees only its own team.',
        });
        documents.set(deps.routes, document);
      }
      return reply(200, document as Record<string, unknown>);
    },
  }),
];
