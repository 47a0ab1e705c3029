import type {
  Assignment,
  AuditEntry,
  Customer,
  Department,
  Interaction,
  InteractionKind,
  Lead,
  LeadStatus,
  Member,
  PostSnapshot,
  Site,
  Stage,
  StageObservation,
  TokenInfo,
} from '../../lib/model';
import type * as t from './schema';

/**
 * Rows ↔ the records of lib/model. Timestamps are stored as timestamptz and come back as ISO 8601
 * in UTC with milliseconds (`normalizeTime` is applied on the way in too, so that what a push
 * stores, what the change log carries and what a list returns are the same string).
 */

export const normalizeTime = (value: string): string => new Date(value).toISOString();
const iso = (value: Date): string => value.toISOString();

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export function memberFromRow(row: Row<typeof t.members>): Member {
  return {
    handle: row.handle,
    displayName: row.displayName,
    department: row.department as Department,
    role: row.role as Member['role'],
    active: row.active,
  };
}

export function tokenFromRow(row: Row<typeof t.apiTokens>): TokenInfo {
  return {
    id: row.id,
    memberHandle: row.memberHandle,
    hint: row.hint,
    label: row.label,
    createdAt: iso(row.createdAt),
    lastUsedAt: row.lastUsedAt ? iso(row.lastUsedAt) : null,
    revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
  };
}

export function customerFromRow(row: Row<typeof t.customers>): Customer {
  return {
    key: row.key,
    site: row.site as Site,
    handle: row.handle,
    displayName: row.displayName,
    firstSeenAt: iso(row.firstSeenAt),
    lastSeenAt: iso(row.lastSeenAt),
    lastStage: row.lastStage as Stage,
  };
}

export function observationFromRow(row: Row<typeof t.observations>): StageObservation {
  return {
    id: row.id,
    customerKey: row.customerKey,
    post: row.post as PostSnapshot,
    stage: row.stage as StageObservation['stage'],
    department: row.department as Department,
    confidence: row.confidence,
    observedAt: iso(row.observedAt),
    observedBy: row.observedBy,
  };
}

export function interactionFromRow(row: Row<typeof t.interactions>): Interaction {
  return {
    id: row.id,
    customerKey: row.customerKey,
    post: row.post as PostSnapshot,
    kind: row.kind as InteractionKind,
    note: row.note,
    stage: row.stage as Stage,
    department: row.department as Department,
    memberHandle: row.memberHandle,
    createdAt: iso(row.createdAt),
  };
}

export function leadFromRow(row: Row<typeof t.leads>): Lead {
  return {
    id: row.id,
    customerKey: row.customerKey,
    source: row.source as PostSnapshot,
    status: row.status as LeadStatus,
    owner: row.owner,
    note: row.note,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

export function leadToRow(teamId: string, record: Lead): Row<typeof t.leads> {
  return {
    teamId,
    id: record.id,
    customerKey: record.customerKey,
    source: record.source,
    status: record.status,
    owner: record.owner,
    note: record.note,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    version: record.version,
  };
}

export function assignmentFromRow(row: Row<typeof t.assignments>): Assignment {
  return {
    id: row.id,
    customerKey: row.customerKey,
    post: row.post as PostSnapshot,
    stage: row.stage as Stage,
    department: row.department as Department,
    assignee: row.assignee,
    status: row.status as Assignment['status'],
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

export function assignmentToRow(teamId: string, record: Assignment, routeRequested: boolean): Row<typeof t.assignments> {
  return {
    teamId,
    id: record.id,
    customerKey: record.customerKey,
    postKey: record.post.postKey,
    post: record.post,
    stage: record.stage,
    department: record.department,
    assignee: record.assignee,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    version: record.version,
    routeRequested,
  };
}

export function auditFromRow(row: Row<typeof t.auditLog>): AuditEntry {
  return {
    id: row.id,
    at: iso(row.at),
    actor: row.actor,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    detail: (row.detail ?? {}) as Record<string, unknown>,
  };
}
