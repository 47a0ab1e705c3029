import { z } from 'zod';
import {
  ApiErrorSchema,
  AssignmentSchema,
  AuditEntrySchema,
  ChangeSchema,
  ChannelEventSchema,
  CustomerSchema,
  InteractionSchema,
  LeadSchema,
  MemberSchema,
  PushResultSchema,
  StageObservationSchema,
  TeamSchema,
  TeamSettingsSchema,
  TokenInfoSchema,
} from '../../lib/model';
import type { AnyRoute } from './define';
import { strictInput } from './strict';

/**
 * The OpenAPI 3.1 document, assembled from the route table (define.ts) with zod's own JSON Schema
 * output. Answers refer to named components for the shared records; request bodies are described
 * as the server validates them (strict: unknown fields are refused).
 */

type JsonSchema = Record<string, unknown>;

/** Shared records, named in components so the document reads like the model. */
const NAMED: Array<[string, z.ZodType]> = [
  ['ApiError', ApiErrorSchema],
  ['Team', TeamSchema],
  ['Member', MemberSchema],
  ['TeamSettings', TeamSettingsSchema],
  ['TokenInfo', TokenInfoSchema],
  ['Customer', CustomerSchema],
  ['StageObservation', StageObservationSchema],
  ['Interaction', InteractionSchema],
  ['Lead', LeadSchema],
  ['Assignment', AssignmentSchema],
  ['AuditEntry', AuditEntrySchema],
  ['PushResult', PushResultSchema],
  ['Change', ChangeSchema],
  ['ChannelEvent', ChannelEventSchema],
];

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'The request is malformed: bad JSON, a wrong type, a missing or unknown field (the message and `issues` say where)',
  401: 'No token, an unknown or revoked token, or a deactivated member',
  403: 'The token is good but its member may not do this (admins only)',
  404: 'Not found in this team',
  409: 'Conflict: the record changed (the body carries the current one) or the request clashes with the current state',
  413: 'The body is larger than the server accepts',
  415: 'The body is not sent as application/json',
  422: 'Well-formed, but the server refuses it (the message says why)',
  429: 'Too many requests for this token: wait the seconds of Retry-After',
  500: 'A server error (details are in the server log, never in the answer)',
};

const uri = (id: string) => `#/components/schemas/${id}`;

/** `/v1/leads/:id` → `/v1/leads/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(strictInput(schema), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

export function buildOpenApi(routes: readonly AnyRoute[], info: { title: string; version: string; description?: string }): JsonSchema {
  const outputs = z.registry<{ id: string }>();
  const inputs = z.registry<{ id: string }>();
  for (const [id, schema] of NAMED) outputs.add(schema, { id });
  const idOf = (registry: typeof outputs, schema: z.ZodType, fallback: string): string => {
    const existing = registry.get(schema);
    if (existing) return existing.id;
    registry.add(schema, { id: fallback });
    return fallback;
  };
  const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const name = capitalized(route.operationId);
    const responses: Record<string, JsonSchema> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      const description = STATUS_TEXT[Number(status)] ?? 'Answer';
      if (route.stream && status === '200') {
        const id = idOf(outputs, route.stream.event as z.ZodType, `${name}Event`);
        responses[status] = {
          description: 'A stream of server-sent events; each event\'s `data` is one JSON object of this schema',
          content: { 'text/event-stream': { schema: { $ref: uri(id) } } },
        };
      } else if (schema === null) {
        responses[status] = { description };
      } else {
        const id = idOf(outputs, schema as z.ZodType, `${name}${status}`);
        responses[status] = { description, content: { 'application/json': { schema: { $ref: uri(id) } } } };
      }
    }
    const errors = [
      ...(route.params || route.query || route.body ? [400] : []),
      ...(route.auth !== 'public' ? [401, 429] : []),
      ...(route.auth === 'admin' ? [403] : []),
      ...(route.body ? [413, 415] : []),
      500,
    ];
    for (const status of errors) {
      responses[String(status)] ??= {
        description: STATUS_TEXT[status]!,
        content: { 'application/json': { schema: { $ref: uri('ApiError') } } },
      };
    }
    const operation: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      security: route.auth === 'public' ? [] : [{ bearer: [] }],
      ...(route.auth === 'admin' ? { 'x-switchboard-admin-only': true } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: !route.bodyOptional,
              content: {
                'application/json': { schema: { $ref: uri(idOf(inputs, strictInput(route.body as z.ZodType), `${name}Body`)) } },
              },
            },
          }
        : {}),
      responses,
    };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }

  const schemas: Record<string, JsonSchema> = {};
  const emit = (registry: typeof outputs, io: 'input' | 'output') => {
    const result = z.toJSONSchema(registry, { uri, io, unrepresentable: 'any' }) as { schemas: Record<string, JsonSchema> };
    for (const [id, schema] of Object.entries(result.schemas)) schemas[id] = clean(schema);
  };
  emit(outputs, 'output');
  emit(inputs, 'input');

  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`sb_...`) made by an admin or the admin command line' } },
    },
  };
}
