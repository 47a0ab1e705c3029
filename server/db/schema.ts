import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The backend's tables. Every team-owned table leads with `team_id` in its primary key: record ids
 * are made by clients, so two teams may well send the same id, and no lookup can match a row of
 * another team unless it names that team. Queries go through `TeamScope` (scope.ts), never here.
 *
 * Changing this file means a new migration: `npx drizzle-kit generate --config server/db/drizzle.config.ts`
 * (then check the SQL: no schema qualifiers, see migrate.ts). Never edit a shipped migration.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const teamRef = () =>
  uuid('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' });
/**
 * The team column of the tables a push writes, without a foreign key: the check of each inserted
 * row share-locks the team's row, which every push also updates (its change counter, `seq`), and
 * on PostgreSQL those row locks took about 40% of the database's time per push (`npm run bench
 * server`). The team id never comes from a request: TeamScope takes it from the token.
 * No team is ever deleted, so the cascade had nothing to do.
 */
const pushedTeamId = () => uuid('team_id').notNull();

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The team's change counter: the last `change_log.seq` handed out. */
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  /**
   * How many customers were erased: the only event that rewrites changes already handed out (their
   * rows leave the change log). A pull page cached by a process is good while this has not moved.
   */
  erasures: bigint('erasures', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const members = pgTable(
  'members',
  {
    teamId: teamRef(),
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    department: text('department').notNull(),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.handle] })],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    teamId: teamRef(),
    memberHandle: text('member_handle').notNull(),
    /** SHA-256 of the whole token, hex. The token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to tell tokens apart in a list. */
    hint: text('hint').notNull(),
    label: text('label').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_team_idx').on(t.teamId, t.memberHandle),
    foreignKey({ columns: [t.teamId, t.memberHandle], foreignColumns: [members.teamId, members.handle] }).onDelete('cascade'),
  ],
);

export const settings = pgTable('settings', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  /** TeamSettings (lib/model), validated on the way in and on the way out. */
  settings: jsonb('settings').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

export const customers = pgTable(
  'customers',
  {
    teamId: pushedTeamId(),
    key: text('key').notNull(),
    site: text('site').notNull(),
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    lastStage: text('last_stage').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.key] }), index('customers_recent_idx').on(t.teamId, t.lastSeenAt)],
);

export const observations = pgTable(
  'observations',
  {
    teamId: pushedTeamId(),
    id: uuid('id').notNull(),
    customerKey: text('customer_key').notNull(),
    postKey: text('post_key').notNull(),
    /** PostSnapshot (lib/model). */
    post: jsonb('post').notNull(),
    stage: text('stage').notNull(),
    department: text('department').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    observedAt: ts('observed_at').notNull(),
    observedBy: text('observed_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.id] }), index('observations_customer_idx').on(t.teamId, t.customerKey)],
);

export const interactions = pgTable(
  'interactions',
  {
    teamId: pushedTeamId(),
    id: uuid('id').notNull(),
    customerKey: text('customer_key').notNull(),
    postKey: text('post_key').notNull(),
    post: jsonb('post').notNull(),
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    stage: text('stage').notNull(),
    department: text('department').notNull(),
    memberHandle: text('member_handle').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.id] }),
    index('interactions_customer_idx').on(t.teamId, t.customerKey),
    index('interactions_recent_idx').on(t.teamId, t.createdAt),
    index('interactions_post_idx').on(t.teamId, t.postKey),
  ],
);

/**
 * Interactions taken back by the member who logged them (the badge's Undo, after the push).
 * Interactions stay append-only: a retraction is a row of its own, the interaction row is never
 * changed, and listings and pulls leave a retracted interaction out. Goes with its interaction
 * when a customer is erased.
 */
export const interactionRetractions = pgTable(
  'interaction_retractions',
  {
    teamId: teamRef(),
    interactionId: uuid('interaction_id').notNull(),
    retractedBy: text('retracted_by').notNull(),
    retractedAt: ts('retracted_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.interactionId] }),
    foreignKey({ columns: [t.teamId, t.interactionId], foreignColumns: [interactions.teamId, interactions.id] }).onDelete('cascade'),
  ],
);

export const leads = pgTable(
  'leads',
  {
    teamId: pushedTeamId(),
    id: uuid('id').notNull(),
    customerKey: text('customer_key').notNull(),
    source: jsonb('source').notNull(),
    status: text('status').notNull(),
    owner: text('owner').notNull(),
    note: text('note').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.id] }), index('leads_customer_idx').on(t.teamId, t.customerKey)],
);

export const assignments = pgTable(
  'assignments',
  {
    teamId: pushedTeamId(),
    id: uuid('id').notNull(),
    customerKey: text('customer_key').notNull(),
    postKey: text('post_key').notNull(),
    post: jsonb('post').notNull(),
    stage: text('stage').notNull(),
    department: text('department').notNull(),
    assignee: text('assignee'),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull(),
    /** Waiting for the router (created with routing asked for and no assignee); server-side only. */
    routeRequested: boolean('route_requested').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.id] }),
    index('assignments_customer_idx').on(t.teamId, t.customerKey),
    index('assignments_queue_idx').on(t.teamId, t.department, t.status, t.assignee),
    index('assignments_post_idx').on(t.teamId, t.postKey),
  ],
);

/** Where the round-robin of each department stands: the member who got the last routed post. */
export const routingState = pgTable(
  'routing_state',
  {
    teamId: teamRef(),
    department: text('department').notNull(),
    lastHandle: text('last_handle'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.department] })],
);

/** Who changed what; append-only, readable by admins. Holds ids and states, never post text. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    teamId: pushedTeamId(),
    at: ts('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_log_team_idx').on(t.teamId, t.id)],
);

/** Idempotency: a mutation id is recorded once it has been applied; a retry finds it here. */
export const mutationsApplied = pgTable(
  'mutations_applied',
  {
    teamId: pushedTeamId(),
    mutationId: uuid('mutation_id').notNull(),
    type: text('type').notNull(),
    appliedAt: ts('applied_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.mutationId] })],
);

/**
 * What clients pull: one row per accepted change, numbered by the team's counter (`teams.seq`),
 * with the record as it stood then. `customer_key` lets an erase remove every trace of a customer.
 */
export const changeLog = pgTable(
  'change_log',
  {
    teamId: pushedTeamId(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    recordId: uuid('record_id'),
    customerKey: text('customer_key').notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.seq] }), index('change_log_customer_idx').on(t.teamId, t.customerKey)],
);

/**
 * Presence events, so that a member connected to one backend process sees those published through
 * another. Short-lived: rows older than a few minutes are deleted.
 */
export const presenceEvents = pgTable(
  'presence_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    teamId: teamRef(),
    /** The process that published it (it has already delivered it to its own subscribers). */
    origin: text('origin').notNull(),
    event: jsonb('event').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('presence_events_at_idx').on(t.at)],
);
