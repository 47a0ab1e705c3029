import { z } from 'zod';
import { CustomerKeySchema, HandleSchema, PostKeySchema } from './ids';
import { DepartmentSchema } from './inference';
import {
  AssignmentSchema,
  CustomerSchema,
  InteractionSchema,
  LeadSchema,
  MemberRoleSchema,
  MemberSchema,
  PostSnapshotSchema,
  StageObservationSchema,
  TeamSettingsSchema,
} from './records';
import { ChannelEventSchema } from './sync';

/**
 * The team backend's REST bodies beyond the sync protocol (sync.ts): what `/v1/me`, the admin
 * routes and the record routes take and answer. The server validates both directions with these,
 * the extension parses the answers with them.
 */

const Timestamp = z.string().datetime({ offset: true });
const Version = z.number().int().positive();

/** Every error answer: a stable `code` for programs, a `message` for people. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** For a request that failed validation: where and why, one entry per problem. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const HealthSchema = z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) });

export const TeamSchema = z.object({ id: z.string().uuid(), name: z.string() });
export type Team = z.infer<typeof TeamSchema>;

/** `GET /v1/me`: the sign-in check. Who the token belongs to, in which team, with the team's settings. */
export const MeResponseSchema = z.object({ member: MemberSchema, team: TeamSchema, settings: TeamSettingsSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const MemberListSchema = z.object({ members: z.array(MemberSchema) });

export const MemberCreateSchema = z.object({
  handle: HandleSchema,
  /** Defaults to the handle. */
  displayName: z.string().min(1).max(200).optional(),
  department: DepartmentSchema,
  role: MemberRoleSchema.default('member'),
});
export type MemberCreate = z.infer<typeof MemberCreateSchema>;

/** `PATCH /v1/members/:handle`: deactivate (`active: false`), reactivate, move or promote a member. */
export const MemberUpdateSchema = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    department: DepartmentSchema.optional(),
    role: MemberRoleSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'name at least one field to change');
export type MemberUpdate = z.infer<typeof MemberUpdateSchema>;

/** An API token as listed: never the token itself. */
export const TokenInfoSchema = z.object({
  id: z.string().uuid(),
  memberHandle: HandleSchema,
  /** The token's first characters, to tell tokens apart. */
  hint: z.string(),
  label: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

export const TokenListSchema = z.object({ tokens: z.array(TokenInfoSchema) });

export const TokenCreateSchema = z.object({ handle: HandleSchema, label: z.string().max(100).default('') });

/** The answer to a token creation: the only time the token is ever shown. */
export const TokenCreatedSchema = TokenInfoSchema.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreatedSchema>;

export const CustomerListSchema = z.object({ customers: z.array(CustomerSchema) });

/** `GET /v1/customers/:key`: everything the team knows about one customer, newest first. */
export const CustomerHistorySchema = z.object({
  customer: CustomerSchema,
  observations: z.array(StageObservationSchema),
  interactions: z.array(InteractionSchema),
  leads: z.array(LeadSchema),
  assignments: z.array(AssignmentSchema),
});
export type CustomerHistory = z.infer<typeof CustomerHistorySchema>;

/**
 * A post the team acted on (`GET /v1/posts/:postKey`): its latest snapshot and everything done
 * about it, newest first. "Is this post handled?" in one read.
 */
export const PostHistorySchema = z.object({
  postKey: PostKeySchema,
  customerKey: CustomerKeySchema,
  post: PostSnapshotSchema,
  interactions: z.array(InteractionSchema),
  leads: z.array(LeadSchema),
  assignments: z.array(AssignmentSchema),
});
export type PostHistory = z.infer<typeof PostHistorySchema>;

export const InteractionListSchema = z.object({ interactions: z.array(InteractionSchema) });
export const LeadListSchema = z.object({ leads: z.array(LeadSchema) });
export const AssignmentListSchema = z.object({ assignments: z.array(AssignmentSchema) });

/**
 * `PUT /v1/leads/:id`: the same compare-and-set as the `lead.put` mutation. `baseVersion` null
 * creates; otherwise the write applies only if the stored lead is at that version, and the stored
 * version becomes `baseVersion + 1` (the record's own `version` is not trusted).
 */
export const LeadPutSchema = z.object({ record: LeadSchema, baseVersion: Version.nullable() });
export const AssignmentPutSchema = z.object({ record: AssignmentSchema, baseVersion: Version.nullable() });

/** A stale compare-and-set (409): the record as it stands, so the client can show the conflict. */
export const LeadConflictSchema = ApiErrorSchema.extend({ current: LeadSchema });
export const AssignmentConflictSchema = ApiErrorSchema.extend({ current: AssignmentSchema });

/**
 * `POST /v1/assignments`: give a post to a member (manual: always wins) or to a department's queue;
 * with `route: true` and no assignee the backend picks the member (round-robin, capped). Without a
 * department, the team's routing settings choose it from the stage.
 */
export const AssignmentCreateSchema = AssignmentSchema.pick({
  id: true,
  customerKey: true,
  post: true,
  stage: true,
}).extend({
  department: DepartmentSchema.optional(),
  assignee: HandleSchema.nullable().default(null),
  route: z.boolean().default(false),
});
export type AssignmentCreate = z.infer<typeof AssignmentCreateSchema>;

/** `POST /v1/assignments/:id/claim` and `/done`: optionally only if still at `baseVersion`. */
export const AssignmentStepSchema = z.object({ baseVersion: Version.optional() });

/** `POST /v1/assignments/route`: hand the department's waiting posts to its members. */
export const AssignmentRouteSchema = z.object({ department: DepartmentSchema.exclude(['none']) });
export const AssignmentRouteResultSchema = z.object({ assigned: z.array(AssignmentSchema) });

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: Timestamp,
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Newest first; pass `nextBefore` as `before` for the next page (null: no more). */
export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() });

/** `POST /v1/presence`: who is looking at or answering which post (sent to the team's channel). */
export const PresenceRequestSchema = z.object({
  postKey: PostKeySchema,
  activity: ChannelEventSchema.options[1].shape.activity,
});
export type PresenceRequest = z.infer<typeof PresenceRequestSchema>;
