/**
 * Reads for the side panel. Plain async functions over AppDB, so they work inside Dexie's
 * `liveQuery` / `useLiveQuery` (which re-runs them when the tables they read change).
 */
import Dexie from 'dexie';
import type {
  Assignment,
  Customer,
  CustomerKey,
  Interaction,
  Lead,
  LeadStatus,
  StageObservation,
  TeamSettings,
} from '../model';
import type { AppDB } from './app-db';
import { isOpenLead } from './mutations';

export type HistoryEntry =
  | { kind: 'interaction'; id: string; at: string; postId: string; record: Interaction }
  | { kind: 'lead'; id: string; at: string; postId: string; record: Lead }
  | { kind: 'assignment'; id: string; at: string; postId: string; record: Assignment }
  | { kind: 'stage'; id: string; at: string; postId: string; record: StageObservation };

export type HistoryEntryKind = HistoryEntry['kind'];

/** Newest first; equal times fall back to the UUIDv7 id, which grows with time. */
export function newestFirst(a: { at: string; id: string }, b: { at: string; id: string }): number {
  const t = Date.parse(b.at) - Date.parse(a.at);
  if (t !== 0 && !Number.isNaN(t)) return t;
  return b.id.localeCompare(a.id);
}

export interface CustomerHistory {
  customer: Customer | null;
  entries: HistoryEntry[];
  /** Stage observations, oldest first (for the stage trend). */
  observations: StageObservation[];
}

/** One customer's whole history: every interaction, lead, assignment and stage seen, newest first. */
export async function customerHistory(db: AppDB, key: CustomerKey): Promise<CustomerHistory> {
  return db.transaction('r', [db.customers, db.observations, db.interactions, db.leads, db.assignments], async () => {
    const [customer, observations, interactions, leads, assignments] = await Promise.all([
      db.customers.get(key),
      db.observations.where('[customerKey+observedAt]').between([key, Dexie.minKey], [key, Dexie.maxKey]).toArray(),
      db.interactions.where('[customerKey+createdAt]').between([key, Dexie.minKey], [key, Dexie.maxKey]).toArray(),
      db.leads.where('customerKey').equals(key).toArray(),
      db.assignments.where('customerKey').equals(key).toArray(),
    ]);
    const entries: HistoryEntry[] = [
      ...interactions.map((r) => ({ kind: 'interaction' as const, id: r.id, at: r.createdAt, postId: r.post.postId, record: r })),
      ...leads.map((r) => ({ kind: 'lead' as const, id: r.id, at: r.createdAt, postId: r.source.postId, record: r })),
      ...assignments.map((r) => ({ kind: 'assignment' as const, id: r.id, at: r.createdAt, postId: r.post.postId, record: r })),
      ...observations.map((r) => ({ kind: 'stage' as const, id: r.id, at: r.observedAt, postId: r.post.postId, record: r })),
    ];
    entries.sort(newestFirst);
    return { customer: customer ?? null, entries, observations };
  });
}

export type TrendDirection = 'new' | 'steady' | 'forward' | 'back';

export interface StageTrend {
  current: StageObservation['stage'] | null;
  /** The stage before the current run of the same stage, if any. */
  previous: StageObservation['stage'] | null;
  direction: TrendDirection | null;
  /** When the current stage was first seen in its current run. */
  since: string | null;
}

const STAGE_ORDER = { 'pre-purchase': 0, purchase: 1, 'post-purchase': 2 } as const;

/** Where the customer is in the buying cycle and where they came from (observations oldest first). */
export function stageTrend(observations: readonly StageObservation[]): StageTrend {
  const sorted = [...observations].sort((a, b) => a.observedAt.localeCompare(b.observedAt));
  const last = sorted[sorted.length - 1];
  if (!last) return { current: null, previous: null, direction: null, since: null };
  let i = sorted.length - 1;
  while (i > 0 && sorted[i - 1]!.stage === last.stage) i -= 1;
  const since = sorted[i]!.observedAt;
  const before = i > 0 ? sorted[i - 1]! : null;
  if (!before) return { current: last.stage, previous: null, direction: sorted.length > 1 ? 'steady' : 'new', since };
  const direction = STAGE_ORDER[last.stage] > STAGE_ORDER[before.stage] ? 'forward' : 'back';
  return { current: last.stage, previous: before.stage, direction, since };
}

export interface LeadRow {
  lead: Lead;
  customer: Customer | null;
}

/** All leads, newest first, optionally only one status and/or one owner. */
export async function listLeads(
  db: AppDB,
  filter: { status?: LeadStatus | null; owner?: string | null } = {},
): Promise<LeadRow[]> {
  return db.transaction('r', [db.leads, db.customers], async () => {
    let leads: Lead[];
    if (filter.status) leads = await db.leads.where('status').equals(filter.status).toArray();
    else if (filter.owner) leads = await db.leads.where('owner').equals(filter.owner).toArray();
    else leads = await db.leads.orderBy('createdAt').toArray();
    if (filter.owner) leads = leads.filter((l) => l.owner === filter.owner);
    leads.sort((a, b) => newestFirst({ at: a.createdAt, id: a.id }, { at: b.createdAt, id: b.id }));
    const keys = [...new Set(leads.map((l) => l.customerKey))];
    const customers = await db.customers.bulkGet(keys);
    const byKey = new Map(keys.map((k, i) => [k, customers[i] ?? null]));
    return leads.map((lead) => ({ lead, customer: byKey.get(lead.customerKey) ?? null }));
  });
}

/** Everyone who owns a lead, for the owner filter. */
export async function leadOwners(db: AppDB): Promise<string[]> {
  const owners = (await db.leads.orderBy('owner').uniqueKeys()) as string[];
  return owners.sort();
}

export interface WorkItem {
  kind: 'assignment' | 'lead';
  id: string;
  customerKey: CustomerKey;
  postId: string;
  stage: 'pre-purchase' | 'purchase' | 'post-purchase';
  /** When the customer posted (the post's time, else when the record was made). */
  postedAt: string;
  waitingMs: number;
  targetMs: number;
  overdue: boolean;
  record: Assignment | Lead;
}

/**
 * My open assignments and open leads, overdue first, then oldest first, each with the time since
 * the customer posted against the team's response-time target for its stage. A lead carries no
 * stage of its own: it is a purchase-stage matter.
 */
export async function myWork(
  db: AppDB,
  me: string,
  targets: TeamSettings['responseTargets'],
  now: Date = new Date(),
): Promise<WorkItem[]> {
  return db.transaction('r', [db.assignments, db.leads], async () => {
    const [assignments, leads] = await Promise.all([
      db.assignments.where('[assignee+status]').equals([me, 'open']).toArray(),
      db.leads.where('owner').equals(me).toArray(),
    ]);
    const items: WorkItem[] = [];
    const item = (
      kind: WorkItem['kind'],
      record: Assignment | Lead,
      stage: WorkItem['stage'],
      postId: string,
      postedAt: string,
    ): WorkItem => {
      const waitingMs = Math.max(0, now.getTime() - Date.parse(postedAt));
      const targetMs = targets[stage] * 60_000;
      return { kind, id: record.id, customerKey: record.customerKey, postId, stage, postedAt, waitingMs, targetMs, overdue: waitingMs > targetMs, record };
    };
    for (const a of assignments) {
      const stage = a.stage === 'none' ? 'pre-purchase' : a.stage;
      items.push(item('assignment', a, stage, a.post.postId, a.post.postedAt ?? a.createdAt));
    }
    for (const l of leads.filter(isOpenLead)) {
      items.push(item('lead', l, 'purchase', l.source.postId, l.source.postedAt ?? l.createdAt));
    }
    items.sort((a, b) => {
      if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
      return Date.parse(a.postedAt) - Date.parse(b.postedAt) || a.id.localeCompare(b.id);
    });
    return items;
  });
}

/**
 * Customers whose handle starts with the query (indexed), or whose display name contains it.
 * An empty query lists the customers seen most recently.
 */
export async function searchCustomers(db: AppDB, query: string, limit = 50): Promise<Customer[]> {
  const q = query.trim().replace(/^@/, '').toLowerCase();
  if (!q) return db.customers.orderBy('lastSeenAt').reverse().limit(limit).toArray();
  return db.transaction('r', [db.customers], async () => {
    const byHandle = await db.customers.where('handle').startsWith(q).limit(limit).toArray();
    const seen = new Set(byHandle.map((c) => c.key));
    const byName =
      byHandle.length >= limit
        ? []
        : await db.customers
            .filter((c) => !seen.has(c.key) && (c.displayName.toLowerCase().includes(q) || c.handle.includes(q)))
            .limit(limit - byHandle.length)
            .toArray();
    return [...byHandle, ...byName];
  });
}
