import { z } from 'zod';
import {
  AssignmentSchema,
  InteractionRetractionSchema,
  InteractionSchema,
  LeadSchema,
  RecordIdSchema,
  StageObservationSchema,
} from './records';
import { CustomerKeySchema } from './ids';

/**
 * The sync protocol between the extension's outbox and the team backend. A mutation is one local
 * write, pushed as is; its id makes every push idempotent (a retry after a crash never duplicates).
 */

export const PUSH_BATCH_MAX = 500;
export const PULL_LIMIT_MAX = 1000;

const MutationBase = { mutationId: RecordIdSchema, createdAt: z.string().datetime({ offset: true }) };

export const MutationSchema = z.discriminatedUnion('type', [
  z.object({ ...MutationBase, type: z.literal('observation.add'), record: StageObservationSchema }),
  z.object({ ...MutationBase, type: z.literal('interaction.add'), record: InteractionSchema }),
  /** Create (baseVersion null) or change a lead; the server applies it only on the version named. */
  z.object({ ...MutationBase, type: z.literal('lead.put'), record: LeadSchema, baseVersion: z.number().int().positive().nullable() }),
  /**
   * Create or change an assignment, as `lead.put`. `route: true` asks the backend to pick the member
   * (round-robin in the department, under the cap) once the post waits in the department's queue;
   * a record that names an assignee is a manual assignment, which always wins over routing.
   */
  z
    .object({
      ...MutationBase,
      type: z.literal('assignment.put'),
      record: AssignmentSchema,
      baseVersion: z.number().int().positive().nullable(),
      route: z.boolean().optional(),
    })
    .refine((m) => !m.route || (m.record.department !== 'none' && m.record.status === 'open'), {
      message: 'only an open post given to a department can be routed',
      path: ['route'],
    }),
  /** A privacy request: erase everything about one customer. */
  z.object({ ...MutationBase, type: z.literal('customer.erase'), customerKey: CustomerKeySchema }),
  /** Undo of an interaction already sent: only its author may; it is marked retracted, never deleted. */
  z.object({ ...MutationBase, type: z.literal('interaction.retract'), interactionId: RecordIdSchema, customerKey: CustomerKeySchema }),
]);
export type Mutation = z.infer<typeof MutationSchema>;
export type MutationType = Mutation['type'];

export const PushRequestSchema = z.object({
  mutations: z.array(MutationSchema).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const PushResultSchema = z.discriminatedUnion('status', [
  z.object({ mutationId: RecordIdSchema, status: z.literal('applied') }),
  /** Already applied earlier (a retry): nothing changed. */
  z.object({ mutationId: RecordIdSchema, status: z.literal('duplicate') }),
  /** A stale compare-and-set: the current record comes back so the client can show the conflict. */
  z.object({
    mutationId: RecordIdSchema,
    status: z.literal('conflict'),
    current: z.union([LeadSchema, AssignmentSchema]),
  }),
  z.object({ mutationId: RecordIdSchema, status: z.literal('rejected'), error: z.string() }),
]);
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({ results: z.array(PushResultSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** One change the client does not have yet, in the order the server accepted it. */
export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int(), kind: z.literal('observation'), record: StageObservationSchema }),
  z.object({ seq: z.number().int(), kind: z.literal('interaction'), record: InteractionSchema }),
  z.object({ seq: z.number().int(), kind: z.literal('lead'), record: LeadSchema }),
  z.object({ seq: z.number().int(), kind: z.literal('assignment'), record: AssignmentSchema }),
  z.object({ seq: z.number().int(), kind: z.literal('customer.erased'), customerKey: CustomerKeySchema }),
  /** The interaction `record.id` was taken back by its author: drop it from history and counts. */
  z.object({ seq: z.number().int(), kind: z.literal('interaction.retracted'), record: InteractionRetractionSchema }),
]);
export type Change = z.infer<typeof ChangeSchema>;

/** `GET /v1/sync/changes?since=<cursor>&limit=<n>`; the cursor is opaque to the client. */
export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/**
 * How long a member's presence at a post counts ("dana is on it"), and how far back the push
 * channel replays presence to a member who connects (a restarted service worker knows nothing).
 */
export const PRESENCE_TTL_MS = 60_000;

/** What the push channel tells connected members. */
export const ChannelEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changed'), cursor: z.string() }),
  z.object({
    type: z.literal('presence'),
    memberHandle: z.string(),
    postKey: z.string(),
    activity: z.enum(['viewing', 'answering', 'left']),
    at: z.string().datetime({ offset: true }),
  }),
]);
export type ChannelEvent = z.infer<typeof ChannelEventSchema>;
