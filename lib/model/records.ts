import { z } from 'zod';
import { CustomerKeySchema, HandleSchema, PostIdSchema, PostKeySchema, SiteSchema } from './ids';
import { DepartmentSchema, StageSchema, TeamTermsSchema } from './inference';
import { POST_TEXT_MAX } from './post';

/**
 * The records Switchboard keeps, locally (Dexie) and on the team backend (Drizzle), with one
 * schema each. Ids are UUIDv7 made where the record is born, so offline writes never collide.
 */

export const RecordIdSchema = z.string().uuid();
const Timestamp = z.string().datetime({ offset: true });

export const InteractionKindSchema = z.enum(['reply', 'direct-message', 'call', 'email', 'note']);
export type InteractionKind = z.infer<typeof InteractionKindSchema>;

export const LeadStatusSchema = z.enum(['new', 'contacted', 'qualified', 'won', 'lost']);
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

export const AssignmentStatusSchema = z.enum(['open', 'done']);
export type AssignmentStatus = z.infer<typeof AssignmentStatusSchema>;

/** The post a record is about, as the badge saw it (text capped). */
export const PostSnapshotSchema = z.object({
  site: SiteSchema,
  postId: PostIdSchema,
  postKey: PostKeySchema,
  permalink: z.string().url().max(2000).nullable(),
  text: z.string().max(POST_TEXT_MAX),
  postedAt: Timestamp.nullable(),
});
export type PostSnapshot = z.infer<typeof PostSnapshotSchema>;

export const CustomerSchema = z.object({
  key: CustomerKeySchema,
  site: SiteSchema,
  handle: HandleSchema,
  displayName: z.string().max(200),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  /** The stage of the newest post seen (not `none`). */
  lastStage: StageSchema,
});
export type Customer = z.infer<typeof CustomerSchema>;

/** A post seen with a stage other than `none`: append-only. */
export const StageObservationSchema = z.object({
  id: RecordIdSchema,
  customerKey: CustomerKeySchema,
  post: PostSnapshotSchema,
  stage: StageSchema.exclude(['none']),
  department: DepartmentSchema,
  confidence: z.number().min(0).max(1),
  observedAt: Timestamp,
  /** Who saw it (a member handle, or `me` before the extension is connected to a team). */
  observedBy: HandleSchema,
});
export type StageObservation = z.infer<typeof StageObservationSchema>;

/** Somebody answered a customer: append-only. */
export const InteractionSchema = z.object({
  id: RecordIdSchema,
  customerKey: CustomerKeySchema,
  post: PostSnapshotSchema,
  kind: InteractionKindSchema,
  note: z.string().max(2000),
  /** Stage and department when it was logged. */
  stage: StageSchema,
  department: DepartmentSchema,
  memberHandle: HandleSchema,
  createdAt: Timestamp,
});
export type Interaction = z.infer<typeof InteractionSchema>;

/**
 * An interaction taken back by the member who logged it (the badge's Undo, after it was already
 * sent). Interactions stay append-only: the retraction is a record of its own, never an edit.
 */
export const InteractionRetractionSchema = z.object({
  /** The interaction retracted. */
  id: RecordIdSchema,
  customerKey: CustomerKeySchema,
  retractedBy: HandleSchema,
  retractedAt: Timestamp,
});
export type InteractionRetraction = z.infer<typeof InteractionRetractionSchema>;

/** A sales lead: versioned, changed by compare-and-set. */
export const LeadSchema = z.object({
  id: RecordIdSchema,
  customerKey: CustomerKeySchema,
  source: PostSnapshotSchema,
  status: LeadStatusSchema,
  owner: HandleSchema,
  note: z.string().max(2000),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** 1 at creation, +1 on every accepted change. */
  version: z.number().int().positive(),
});
export type Lead = z.infer<typeof LeadSchema>;

/** A post given to a department or a member to answer: versioned, changed by compare-and-set. */
export const AssignmentSchema = z.object({
  id: RecordIdSchema,
  customerKey: CustomerKeySchema,
  post: PostSnapshotSchema,
  stage: StageSchema,
  department: DepartmentSchema,
  /** The member who has it; null while it waits in the department's queue. */
  assignee: HandleSchema.nullable(),
  status: AssignmentStatusSchema,
  createdBy: HandleSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().positive(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const MemberRoleSchema = z.enum(['admin', 'member']);
export const MemberSchema = z.object({
  handle: HandleSchema,
  displayName: z.string().max(200),
  department: DepartmentSchema,
  role: MemberRoleSchema,
  active: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;

/** Minutes to answer, per stage; a post-purchase problem waits no longer than a purchase question. */
export const ResponseTargetsSchema = z.object({
  'pre-purchase': z.number().int().positive().default(24 * 60),
  purchase: z.number().int().positive().default(60),
  'post-purchase': z.number().int().positive().default(60),
});

export const TeamSettingsSchema = z.object({
  terms: TeamTermsSchema.default({ brands: [], handles: [], products: [], competitors: [] }),
  responseTargets: ResponseTargetsSchema.default({ 'pre-purchase': 1440, purchase: 60, 'post-purchase': 60 }),
  /** Which department takes which stage (defaults: marketing, sales, service). */
  routing: z
    .object({
      'pre-purchase': DepartmentSchema.default('marketing'),
      purchase: DepartmentSchema.default('sales'),
      'post-purchase': DepartmentSchema.default('service'),
    })
    .default({ 'pre-purchase': 'marketing', purchase: 'sales', 'post-purchase': 'service' }),
  /**
   * Which members take which stage, when not every member of the department should: the router
   * hands a post of that stage only to these (still active, in the department, under the cap). A
   * stage left empty goes to the whole department.
   */
  stageMembers: z
    .object({
      'pre-purchase': z.array(HandleSchema).max(200).default([]),
      purchase: z.array(HandleSchema).max(200).default([]),
      'post-purchase': z.array(HandleSchema).max(200).default([]),
    })
    .default({ 'pre-purchase': [], purchase: [], 'post-purchase': [] }),
  /** Open assignments one member may hold before routing skips them. */
  assignmentCap: z.number().int().positive().default(20),
});
export type TeamSettings = z.infer<typeof TeamSettingsSchema>;
