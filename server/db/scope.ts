import { and, asc, count, desc, eq, gt, inArray, isNull, lt, notExists, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  TeamSettingsSchema,
  type Assignment,
  type AuditEntry,
  type ChannelEvent,
  type Customer,
  type Interaction,
  type Lead,
  type Member,
  type StageObservation,
  type TeamSettings,
  type TokenInfo,
} from '../../lib/model';
import type { Db, DbOrTx } from './client';
import {
  assignmentFromRow,
  assignmentToRow,
  auditFromRow,
  customerFromRow,
  interactionFromRow,
  leadFromRow,
  leadToRow,
  memberFromRow,
  observationFromRow,
  tokenFromRow,
} from './mappers';
import * as t from './schema';

/**
 * The team-scoped data layer: every read and write of team data goes through a `TeamScope`, made
 * from the authenticated token's team, and every statement here names that team in its WHERE
 * clause or its inserted rows. Services and routes never see a table, so a route cannot forget the
 * team; the only queries that are not team-scoped live in global.ts, each saying why.
 */

export interface ChangeRow {
  kind: 'observation' | 'interaction' | 'interaction.retracted' | 'lead' | 'assignment' | 'customer.erased';
  recordId: string | null;
  customerKey: string;
  payload: unknown;
}

export interface CustomerTouch {
  key: string;
  at: string;
  /** The stage seen, or null when the record says nothing about it. */
  stage: string | null;
}

export interface AuditRow {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
}

export interface Page {
  limit: number;
}

/**
 * Many rows in one parameter: `jsonb_to_recordset(<json>)`. Bulk writes of a push (a hundred
 * records) cost one short statement each instead of a thousand bound parameters, which is where
 * the time went (building and binding them). `::text::jsonb` keeps every driver sending plain text.
 */
function recordset(rows: unknown[], columns: string): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as r(${sql.raw(columns)})`;
}

/**
 * Runs a statement whose SQL text never varies with the data as a prepared statement. With
 * PostgreSQL (postgres.js) a statement that is not prepared costs two round trips, one to learn
 * its parameter types and one to run it; a prepared one is described once per connection and then
 * runs in one. A push makes a dozen statements, and on PostgreSQL this took about a fifth of the
 * database's CPU per push (`npm run bench server`). A text that varies (`inArray` of a list, a
 * multi-row `values`) would prepare a new statement each time: leave those unprepared.
 * (PGlite has no round trips. Drizzle asks for a name; neither driver uses it.)
 */
function prepared<T>(query: { prepare(name: string): { execute(): Promise<T> } }): Promise<T> {
  return query.prepare('switchboard').execute();
}

/**
 * The pull's statement, built once per database: it runs on every pull that misses the cache.
 * The page first (at most `limit` changes), then its text: PostgreSQL writes the page's changes as
 * one JSON text, in the wire form of ChangeSchema, so that this process reads one row instead of
 * mapping a thousand (that mapping and the joining after it were most of a missed pull's CPU
 * here), and says whether any change follows the page. The text is made of just the page's rows:
 * a plan that sorts (fresh statistics, many matching rows) would otherwise convert every matching
 * row before the limit. Scoped by the `teamId` given.
 */
function prepareChangePage(db: DbOrTx) {
  const c = t.changeLog;
  const page = db
    .select({ seq: c.seq, kind: c.kind, payload: c.payload })
    .from(c)
    .where(and(eq(c.teamId, sql.placeholder('teamId')), gt(c.seq, sql.placeholder('since'))))
    .orderBy(asc(c.seq))
    .limit(sql.placeholder('limit'))
    .as('page');
  // Spelled out: Drizzle writes a subquery's column unqualified in some places, which inside the
  // look past the page would name change_log's own column.
  const pageSeq = sql.raw('"page"."seq"');
  // An erasure carries the customer's key instead of a record.
  const change = sql`case when ${page.kind} = 'customer.erased'
    then '{"seq":' || ${page.seq} || ',"kind":"customer.erased","customerKey":' || to_json(${page.payload}->>'customerKey')::text || '}'
    else '{"seq":' || ${page.seq} || ',"kind":' || to_json(${page.kind})::text || ',"record":' || ${page.payload}::text || '}' end`;
  return db
    .select({
      last: sql<string | null>`max(${pageSeq})::text`,
      changes: sql<string | null>`string_agg(${change}, ',' order by ${pageSeq})`,
      // Fetching one row more (numbered by a window) measured slower on PGlite than this look past the page.
      more: sql<boolean>`exists (select 1 from ${c} later where later.team_id = ${sql.placeholder('teamId')} and later.seq > max(${pageSeq}))`,
    })
    .from(page)
    .prepare('change_page');
}

const changePages = new WeakMap<DbOrTx, ReturnType<typeof prepareChangePage>>();

export class TeamScope {
  constructor(
    private readonly db: DbOrTx,
    readonly teamId: string,
    private readonly inTransaction = false,
  ) {}

  /** Runs `work` in one transaction (or in the current one), with a scope bound to it. */
  transaction<T>(work: (tx: TeamScope) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return (this.db as Db).transaction((tx) => work(new TeamScope(tx, this.teamId, true)));
  }

  /** `team_id = <this team>` for any team-owned table. */
  private own(column: PgColumn): SQL {
    return eq(column, this.teamId);
  }

  // ── team ────────────────────────────────────────────────────────────────────────────────────

  async team(): Promise<{ id: string; name: string; seq: number }> {
    const [row] = await prepared(this.db
      .select({ id: t.teams.id, name: t.teams.name, seq: t.teams.seq })
      .from(t.teams)
      .where(this.own(t.teams.id)));
    if (!row) throw new Error('team vanished');
    return row;
  }

  async currentSeq(): Promise<number> {
    return (await this.team()).seq;
  }

  // ── members ─────────────────────────────────────────────────────────────────────────────────

  async listMembers(): Promise<Member[]> {
    const rows = await prepared(this.db.select().from(t.members).where(this.own(t.members.teamId)).orderBy(asc(t.members.handle)));
    return rows.map(memberFromRow);
  }

  async getMember(handle: string): Promise<Member | null> {
    const [row] = await prepared(this.db
      .select()
      .from(t.members)
      .where(and(this.own(t.members.teamId), eq(t.members.handle, handle))));
    return row ? memberFromRow(row) : null;
  }

  /** False when the handle is taken in this team. */
  async insertMember(member: Member): Promise<boolean> {
    const rows = await this.db
      .insert(t.members)
      .values({ teamId: this.teamId, ...member })
      .onConflictDoNothing()
      .returning({ handle: t.members.handle });
    return rows.length === 1;
  }

  async updateMember(handle: string, patch: Partial<Omit<Member, 'handle'>>): Promise<Member | null> {
    const [row] = await this.db
      .update(t.members)
      .set(patch)
      .where(and(this.own(t.members.teamId), eq(t.members.handle, handle)))
      .returning();
    return row ? memberFromRow(row) : null;
  }

  // ── API tokens ──────────────────────────────────────────────────────────────────────────────

  async listTokens(): Promise<TokenInfo[]> {
    const rows = await this.db
      .select()
      .from(t.apiTokens)
      .where(this.own(t.apiTokens.teamId))
      .orderBy(asc(t.apiTokens.createdAt), asc(t.apiTokens.id));
    return rows.map(tokenFromRow);
  }

  async insertToken(token: { id: string; memberHandle: string; tokenHash: string; hint: string; label: string }): Promise<TokenInfo> {
    const [row] = await this.db
      .insert(t.apiTokens)
      .values({ teamId: this.teamId, ...token })
      .returning();
    return tokenFromRow(row!);
  }

  /** Revokes (idempotently) and returns the token, or null when this team has no such token. */
  async revokeToken(id: string): Promise<TokenInfo | null> {
    await this.db
      .update(t.apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(this.own(t.apiTokens.teamId), eq(t.apiTokens.id, id), isNull(t.apiTokens.revokedAt)));
    const [row] = await this.db
      .select()
      .from(t.apiTokens)
      .where(and(this.own(t.apiTokens.teamId), eq(t.apiTokens.id, id)));
    return row ? tokenFromRow(row) : null;
  }

  /** Is this token of this team still good (not revoked, member active)? For long-lived streams. */
  async tokenStillValid(id: string): Promise<boolean> {
    const [row] = await prepared(this.db
      .select({ revokedAt: t.apiTokens.revokedAt, active: t.members.active })
      .from(t.apiTokens)
      .innerJoin(t.members, and(eq(t.members.teamId, t.apiTokens.teamId), eq(t.members.handle, t.apiTokens.memberHandle)))
      .where(and(this.own(t.apiTokens.teamId), eq(t.apiTokens.id, id))));
    return Boolean(row && !row.revokedAt && row.active);
  }

  // ── settings ────────────────────────────────────────────────────────────────────────────────

  async getSettings(): Promise<TeamSettings> {
    const [row] = await this.db.select().from(t.settings).where(this.own(t.settings.teamId));
    // Stored settings were validated on the way in; parsing again fills defaults added since.
    return TeamSettingsSchema.parse(row?.settings ?? {});
  }

  async putSettings(settings: TeamSettings, by: string): Promise<void> {
    await this.db
      .insert(t.settings)
      .values({ teamId: this.teamId, settings, updatedBy: by })
      .onConflictDoUpdate({ target: t.settings.teamId, set: { settings, updatedBy: by, updatedAt: sql`now()` } });
  }

  // ── customers ───────────────────────────────────────────────────────────────────────────────

  async listCustomers(options: Page & { before?: string }): Promise<Customer[]> {
    const rows = await this.db
      .select()
      .from(t.customers)
      .where(
        and(
          this.own(t.customers.teamId),
          options.before ? lt(t.customers.lastSeenAt, new Date(options.before)) : undefined,
        ),
      )
      .orderBy(desc(t.customers.lastSeenAt), asc(t.customers.key))
      .limit(options.limit);
    return rows.map(customerFromRow);
  }

  async getCustomer(key: string): Promise<Customer | null> {
    const [row] = await this.db
      .select()
      .from(t.customers)
      .where(and(this.own(t.customers.teamId), eq(t.customers.key, key)));
    return row ? customerFromRow(row) : null;
  }

  /** Creates or refreshes the customers these records are about (one statement for a whole push). */
  async touchCustomers(touches: CustomerTouch[]): Promise<void> {
    if (touches.length === 0) return;
    // One row per key: an upsert may not touch the same row twice in one statement.
    const merged = new Map<string, { first: string; last: string; stage: string; stageAt: string }>();
    for (const touch of touches) {
      const at = touch.at;
      const current = merged.get(touch.key);
      if (!current) {
        merged.set(touch.key, { first: at, last: at, stage: touch.stage ?? 'none', stageAt: touch.stage ? at : '' });
        continue;
      }
      if (at < current.first) current.first = at;
      if (at > current.last) current.last = at;
      if (touch.stage && touch.stage !== 'none' && at >= current.stageAt) {
        current.stage = touch.stage;
        current.stageAt = at;
      }
    }
    // In key order: concurrent pushes about the same customers then lock their rows in one order
    // and wait for each other instead of deadlocking (and being retried).
    const rows = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => {
      const colon = key.indexOf(':');
      return { key, site: key.slice(0, colon), handle: key.slice(colon + 1), first: value.first, last: value.last, stage: value.stage };
    });
    const c = t.customers;
    await prepared(this.db
      .insert(c)
      .select(
        sql`select ${this.teamId}::uuid, r.key, r.site, r.handle, r.handle, r.first, r.last, r.stage from ${recordset(
          rows,
          'key text, site text, handle text, first timestamptz, last timestamptz, stage text',
        )}`,
      )
      .onConflictDoUpdate({
        target: [c.teamId, c.key],
        set: {
          firstSeenAt: sql`least(${c.firstSeenAt}, excluded.first_seen_at)`,
          lastSeenAt: sql`greatest(${c.lastSeenAt}, excluded.last_seen_at)`,
          lastStage: sql`case when excluded.last_stage <> 'none' and (${c.lastStage} = 'none' or excluded.last_seen_at >= ${c.lastSeenAt}) then excluded.last_stage else ${c.lastStage} end`,
        },
      }));
  }

  // ── stage observations and interactions (append-only) ──────────────────────────────────────

  /** Inserts the new ones; returns the ids actually inserted (an id already stored is skipped). */
  async insertObservations(records: StageObservation[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const rows = await prepared(this.db
      .insert(t.observations)
      .select(
        sql`select ${this.teamId}::uuid, r.id, r."customerKey", (r.post->>'postKey'), r.post, r.stage, r.department, r.confidence,
          r."observedAt", r."observedBy" from ${recordset(
            records,
            `id uuid, "customerKey" text, post jsonb, stage text, department text, confidence double precision, "observedAt" timestamptz, "observedBy" text`,
          )}`,
      )
      .onConflictDoNothing()
      .returning({ id: t.observations.id }));
    return new Set(rows.map((row) => row.id));
  }

  async listObservations(options: Page & { customerKey: string }): Promise<StageObservation[]> {
    const rows = await this.db
      .select()
      .from(t.observations)
      .where(and(this.own(t.observations.teamId), eq(t.observations.customerKey, options.customerKey)))
      .orderBy(desc(t.observations.observedAt), desc(t.observations.id))
      .limit(options.limit);
    return rows.map(observationFromRow);
  }

  async insertInteractions(records: Interaction[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const rows = await prepared(this.db
      .insert(t.interactions)
      .select(
        sql`select ${this.teamId}::uuid, r.id, r."customerKey", (r.post->>'postKey'), r.post, r.kind, r.note, r.stage, r.department,
          r."memberHandle", r."createdAt" from ${recordset(
            records,
            `id uuid, "customerKey" text, post jsonb, kind text, note text, stage text, department text, "memberHandle" text, "createdAt" timestamptz`,
          )}`,
      )
      .onConflictDoNothing()
      .returning({ id: t.interactions.id }));
    return new Set(rows.map((row) => row.id));
  }

  /** Who logged an interaction and about whom, and whether it was retracted; null when there is none. */
  async getInteractionAuthor(id: string): Promise<{ memberHandle: string; customerKey: string; retracted: boolean } | null> {
    const i = t.interactions;
    const r = t.interactionRetractions;
    const [row] = await this.db
      .select({ memberHandle: i.memberHandle, customerKey: i.customerKey, retractedBy: r.retractedBy })
      .from(i)
      .leftJoin(r, and(eq(r.teamId, i.teamId), eq(r.interactionId, i.id)))
      .where(and(this.own(i.teamId), eq(i.id, id)));
    return row ? { memberHandle: row.memberHandle, customerKey: row.customerKey, retracted: row.retractedBy !== null } : null;
  }

  /** Marks an interaction retracted; false when it already was (the first retraction stands). */
  async insertRetraction(interactionId: string, retractedBy: string, retractedAt: string): Promise<boolean> {
    const rows = await this.db
      .insert(t.interactionRetractions)
      .values({ teamId: this.teamId, interactionId, retractedBy, retractedAt: new Date(retractedAt) })
      .onConflictDoNothing()
      .returning({ id: t.interactionRetractions.interactionId });
    return rows.length === 1;
  }

  /** Interactions, newest first, without those their author retracted. */
  async listInteractions(
    options: Page & { customerKey?: string; postKey?: string; memberHandle?: string; before?: string },
  ): Promise<Interaction[]> {
    const i = t.interactions;
    const rows = await this.db
      .select()
      .from(i)
      .where(
        and(
          this.own(i.teamId),
          options.customerKey ? eq(i.customerKey, options.customerKey) : undefined,
          options.postKey ? eq(i.postKey, options.postKey) : undefined,
          options.memberHandle ? eq(i.memberHandle, options.memberHandle) : undefined,
          options.before ? lt(i.createdAt, new Date(options.before)) : undefined,
          notExists(
            this.db
              .select({ id: t.interactionRetractions.interactionId })
              .from(t.interactionRetractions)
              .where(and(eq(t.interactionRetractions.teamId, i.teamId), eq(t.interactionRetractions.interactionId, i.id))),
          ),
        ),
      )
      .orderBy(desc(i.createdAt), desc(i.id))
      .limit(options.limit);
    return rows.map(interactionFromRow);
  }

  // ── leads (versioned) ───────────────────────────────────────────────────────────────────────

  async getLead(id: string): Promise<Lead | null> {
    const [row] = await prepared(this.db
      .select()
      .from(t.leads)
      .where(and(this.own(t.leads.teamId), eq(t.leads.id, id))));
    return row ? leadFromRow(row) : null;
  }

  async listLeads(options: Page & { status?: string; owner?: string; customerKey?: string; postKey?: string }): Promise<Lead[]> {
    const l = t.leads;
    const rows = await this.db
      .select()
      .from(l)
      .where(
        and(
          this.own(l.teamId),
          options.status ? eq(l.status, options.status) : undefined,
          options.owner ? eq(l.owner, options.owner) : undefined,
          options.customerKey ? eq(l.customerKey, options.customerKey) : undefined,
          // The lead's source post, inside its snapshot (a team has far fewer leads than interactions).
          options.postKey ? sql`${l.source}->>'postKey' = ${options.postKey}` : undefined,
        ),
      )
      .orderBy(desc(l.updatedAt), desc(l.id))
      .limit(options.limit);
    return rows.map(leadFromRow);
  }

  /** Creates the lead (version as given); false when this team already has a lead with this id. */
  async insertLead(lead: Lead): Promise<boolean> {
    const rows = await prepared(this.db
      .insert(t.leads)
      .values(leadToRow(this.teamId, lead))
      .onConflictDoNothing()
      .returning({ id: t.leads.id }));
    return rows.length === 1;
  }

  /**
   * Compare-and-set: writes the lead's changeable fields and `version` only if the stored lead is
   * at `baseVersion`. Returns the stored lead, or null when the version did not match (or no lead).
   */
  async casLead(lead: Lead, baseVersion: number): Promise<Lead | null> {
    const l = t.leads;
    const [row] = await prepared(this.db
      .update(l)
      .set({
        status: lead.status,
        owner: lead.owner,
        note: lead.note,
        source: lead.source,
        updatedAt: new Date(lead.updatedAt),
        version: lead.version,
      })
      .where(and(this.own(l.teamId), eq(l.id, lead.id), eq(l.version, baseVersion)))
      .returning());
    return row ? leadFromRow(row) : null;
  }

  // ── assignments (versioned) ─────────────────────────────────────────────────────────────────

  async getAssignment(id: string): Promise<Assignment | null> {
    const [row] = await prepared(this.db
      .select()
      .from(t.assignments)
      .where(and(this.own(t.assignments.teamId), eq(t.assignments.id, id))));
    return row ? assignmentFromRow(row) : null;
  }

  async listAssignments(
    options: Page & { status?: string; assignee?: string; department?: string; customerKey?: string; postKey?: string; unassigned?: boolean },
  ): Promise<Assignment[]> {
    const a = t.assignments;
    const rows = await this.db
      .select()
      .from(a)
      .where(
        and(
          this.own(a.teamId),
          options.status ? eq(a.status, options.status) : undefined,
          options.assignee ? eq(a.assignee, options.assignee) : undefined,
          options.unassigned ? isNull(a.assignee) : undefined,
          options.department ? eq(a.department, options.department) : undefined,
          options.customerKey ? eq(a.customerKey, options.customerKey) : undefined,
          options.postKey ? eq(a.postKey, options.postKey) : undefined,
        ),
      )
      .orderBy(desc(a.createdAt), desc(a.id))
      .limit(options.limit);
    return rows.map(assignmentFromRow);
  }

  async insertAssignment(assignment: Assignment, routeRequested: boolean): Promise<boolean> {
    const rows = await prepared(this.db
      .insert(t.assignments)
      .values(assignmentToRow(this.teamId, assignment, routeRequested && assignment.assignee === null))
      .onConflictDoNothing()
      .returning({ id: t.assignments.id }));
    return rows.length === 1;
  }

  /**
   * Compare-and-set, as casLead. Giving the post to someone takes it out of the routing queue;
   * `routeRequested` puts an open post without an assignee into it (otherwise it stays as it was).
   */
  async casAssignment(assignment: Assignment, baseVersion: number, routeRequested = false): Promise<Assignment | null> {
    const a = t.assignments;
    const [row] = await prepared(this.db
      .update(a)
      .set({
        stage: assignment.stage,
        department: assignment.department,
        assignee: assignment.assignee,
        status: assignment.status,
        updatedAt: new Date(assignment.updatedAt),
        version: assignment.version,
        routeRequested:
          assignment.assignee === null && assignment.status === 'open' ? (routeRequested ? true : sql`${a.routeRequested}`) : false,
      })
      .where(and(this.own(a.teamId), eq(a.id, assignment.id), eq(a.version, baseVersion)))
      .returning());
    return row ? assignmentFromRow(row) : null;
  }

  /** Open assignments per member, across departments (the cap counts them all). */
  async openAssignmentCounts(): Promise<Map<string, number>> {
    const a = t.assignments;
    const rows = await this.db
      .select({ assignee: a.assignee, n: count() })
      .from(a)
      .where(and(this.own(a.teamId), eq(a.status, 'open'), sql`${a.assignee} is not null`))
      .groupBy(a.assignee);
    return new Map(rows.map((row) => [row.assignee!, Number(row.n)]));
  }

  /** The department's posts waiting for the router, oldest first. */
  async waitingForRouting(department: string, limit: number): Promise<Assignment[]> {
    const a = t.assignments;
    const rows = await this.db
      .select()
      .from(a)
      .where(
        and(
          this.own(a.teamId),
          eq(a.department, department),
          eq(a.status, 'open'),
          isNull(a.assignee),
          eq(a.routeRequested, true),
        ),
      )
      .orderBy(asc(a.createdAt), asc(a.id))
      .limit(limit);
    return rows.map(assignmentFromRow);
  }

  /** Locks the department's round-robin position until the transaction ends and returns it. */
  async lockRoutingState(department: string): Promise<string | null> {
    await this.db.insert(t.routingState).values({ teamId: this.teamId, department }).onConflictDoNothing();
    const [row] = await this.db
      .select({ lastHandle: t.routingState.lastHandle })
      .from(t.routingState)
      .where(and(this.own(t.routingState.teamId), eq(t.routingState.department, department)))
      .for('update');
    return row?.lastHandle ?? null;
  }

  async setRoutingState(department: string, lastHandle: string): Promise<void> {
    await this.db
      .update(t.routingState)
      .set({ lastHandle })
      .where(and(this.own(t.routingState.teamId), eq(t.routingState.department, department)));
  }

  // ── idempotency ─────────────────────────────────────────────────────────────────────────────

  /**
   * Records these mutation ids as applied and returns those that were new. A concurrent push of
   * the same id waits here until the first one commits, then finds it.
   */
  async claimMutations(mutations: Array<{ mutationId: string; type: string }>): Promise<Set<string>> {
    if (mutations.length === 0) return new Set();
    const rows = await prepared(this.db
      .insert(t.mutationsApplied)
      .select(
        sql`select ${this.teamId}::uuid, r."mutationId", r.type, now() from ${recordset(
          mutations.map((m) => ({ mutationId: m.mutationId, type: m.type })),
          '"mutationId" uuid, type text',
        )}`,
      )
      .onConflictDoNothing()
      .returning({ id: t.mutationsApplied.mutationId }));
    return new Set(rows.map((row) => row.id));
  }

  /** Forgets mutations that did not apply (conflicts, rejections): a retry is evaluated again. */
  async releaseMutations(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .delete(t.mutationsApplied)
      .where(and(this.own(t.mutationsApplied.teamId), inArray(t.mutationsApplied.mutationId, ids)));
  }

  // ── change log ──────────────────────────────────────────────────────────────────────────────

  /**
   * Appends changes with the next numbers of the team's counter and returns the last number. The
   * counter row stays locked until commit, so numbers become visible in order: a pull that sees
   * change n has every change before n.
   */
  async appendChanges(changes: ChangeRow[]): Promise<number | null> {
    if (changes.length === 0) return null;
    // One statement: the counter row is locked from here to commit, and every round trip while
    // it is held (each waits its turn on the event loop too) holds up the team's other pushes.
    const counter = this.db.$with('counter').as(
      this.db
        .update(t.teams)
        .set({ seq: sql`${t.teams.seq} + ${changes.length}` })
        .where(this.own(t.teams.id))
        .returning({ seq: t.teams.seq }),
    );
    const appended = this.db.$with('appended').as(
      this.db.insert(t.changeLog).select(
        sql`select ${this.teamId}::uuid, counter.seq - ${changes.length} + r.n, r.kind, r."recordId", r."customerKey", r.payload
          from counter, ${recordset(
            changes.map((change, index) => ({ ...change, n: index + 1 })),
            'n bigint, kind text, "recordId" uuid, "customerKey" text, payload jsonb',
          )}`,
      ),
    );
    const [row] = await prepared(this.db.with(counter, appended).select({ seq: counter.seq }).from(counter));
    return row!.seq;
  }

  /**
   * The changes after `since`, at most `limit`, as the JSON text of their list (without brackets):
   * the pull puts it into its answer as it is (each change was checked against ChangeSchema when
   * written). `last` is the page's last change number (null for an empty page); `more` says that
   * changes follow it.
   */
  async changePage(since: number, limit: number): Promise<{ changes: string; last: number | null; more: boolean }> {
    let query = changePages.get(this.db);
    if (!query) changePages.set(this.db, (query = prepareChangePage(this.db)));
    const [row] = await query.execute({ teamId: this.teamId, since, limit });
    return { changes: row?.changes ?? '', last: row?.last == null ? null : Number(row.last), more: row?.more === true };
  }

  // ── audit log (append-only) ─────────────────────────────────────────────────────────────────

  async appendAudit(entries: AuditRow[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insert(t.auditLog)
      .values(entries.map((entry) => ({ teamId: this.teamId, ...entry, detail: entry.detail ?? {} })));
  }

  async listAudit(options: Page & { before?: number }): Promise<AuditEntry[]> {
    const rows = await this.db
      .select()
      .from(t.auditLog)
      .where(and(this.own(t.auditLog.teamId), options.before ? lt(t.auditLog.id, options.before) : undefined))
      .orderBy(desc(t.auditLog.id))
      .limit(options.limit);
    return rows.map(auditFromRow);
  }

  // ── privacy ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Deletes every record about one customer, and the changes that carried them; counts the erasure
   * on the team, so that every process drops the pull pages it cached before (pull-cache.ts).
   */
  async eraseCustomer(key: string): Promise<number> {
    let removed = 0;
    for (const table of [t.observations, t.interactions, t.leads, t.assignments, t.customers] as const) {
      const column = table === t.customers ? t.customers.key : (table as typeof t.leads).customerKey;
      const rows = await this.db
        .delete(table)
        .where(and(this.own(table.teamId), eq(column, key)))
        .returning({ teamId: table.teamId });
      removed += rows.length;
    }
    await this.db.delete(t.changeLog).where(and(this.own(t.changeLog.teamId), eq(t.changeLog.customerKey, key)));
    // Last, as every writer takes the team row after the rows it touched (no lock-order deadlock).
    await this.db
      .update(t.teams)
      .set({ erasures: sql`${t.teams.erasures} + 1` })
      .where(this.own(t.teams.id));
    return removed;
  }

  // ── presence ────────────────────────────────────────────────────────────────────────────────

  async insertPresence(origin: string, event: ChannelEvent): Promise<void> {
    await this.db.insert(t.presenceEvents).values({ teamId: this.teamId, origin, event });
  }

  /** The team's presence events of the last `seconds` (at most `limit`, the newest), oldest first. */
  async recentPresence(seconds: number, limit = 1000): Promise<unknown[]> {
    const p = t.presenceEvents;
    const rows = await this.db
      .select({ event: p.event })
      .from(p)
      .where(and(this.own(p.teamId), gt(p.at, sql`now() - make_interval(secs => ${seconds})`)))
      .orderBy(desc(p.id))
      .limit(limit);
    return rows.map((row) => row.event).reverse();
  }
}
