import { ChangeSchema, type ChannelEvent, type MemberRoleSchema } from '../../lib/model';
import type { z } from 'zod';
import type { AuditRow, ChangeRow, CustomerTouch, TeamScope } from '../db/scope';

/** Who is acting: the member behind the token, or the operator at the admin command line. */
export interface Actor {
  /** A member handle, or `cli` for the admin command line (as it appears in the audit log). */
  handle: string;
  role: z.infer<typeof MemberRoleSchema>;
}

/** Tells connected members that something changed (the push channel). */
export interface ChangeNotifier {
  changed(teamId: string, seq: number): void;
  presence(teamId: string, event: Extract<ChannelEvent, { type: 'presence' }>): void;
}

export const silentNotifier: ChangeNotifier = { changed: () => {}, presence: () => {} };

/** What every service call gets: the team's data (already scoped), who acts, and the channel. */
export interface ServiceContext {
  scope: TeamScope;
  actor: Actor;
  notifier: ChangeNotifier;
}

/**
 * What one transaction changed, written at its end in a few statements: customers touched, the
 * change log (numbered in order) and the audit log. `departmentsToRoute` asks for a routing pass
 * after commit (an assignment finished, so a member may be under the cap again).
 */
export class ChangeBatch {
  changes: ChangeRow[] = [];
  readonly audits: AuditRow[] = [];
  customers: CustomerTouch[] = [];
  readonly departmentsToRoute = new Set<string>();

  /**
   * A change, checked here against the pull's own schema (ChangeSchema) and kept as parsed: pulls
   * send the stored text as it is, without parsing a page of records again (see pullJson), so
   * this is where the pull's answer is validated. A record that does not match is a bug of ours,
   * and the whole transaction fails rather than store it.
   */
  change(row: ChangeRow): void {
    const wire =
      row.kind === 'customer.erased'
        ? { seq: 0, kind: row.kind, customerKey: (row.payload as { customerKey?: unknown }).customerKey }
        : { seq: 0, kind: row.kind, record: row.payload };
    const checked = ChangeSchema.safeParse(wire);
    if (!checked.success) throw new Error(`a ${row.kind} change does not match the pull's schema: ${checked.error.message}`);
    const payload = checked.data.kind === 'customer.erased' ? { customerKey: checked.data.customerKey } : checked.data.record;
    this.changes.push({ ...row, payload });
  }

  audit(row: AuditRow): void {
    this.audits.push(row);
  }

  touch(key: string, at: string, stage: string | null): void {
    this.customers.push({ key, at, stage });
  }

  /** A customer was erased: drop what this batch was about to write about them. */
  forgetCustomer(key: string): void {
    this.changes = this.changes.filter((change) => change.customerKey !== key);
    this.customers = this.customers.filter((touch) => touch.key !== key);
  }

  /** Writes it all in the transaction; returns the team's last change number, or null if none. */
  async flush(tx: TeamScope): Promise<number | null> {
    await tx.touchCustomers(this.customers);
    await tx.appendAudit(this.audits);
    return tx.appendChanges(this.changes);
  }
}

const RETRYABLE = new Set(['40001', '40P01']);

/** Runs a transaction again when PostgreSQL aborted it for a deadlock or a serialization failure. */
export async function withRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(pgCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/** The SQLSTATE of a driver error, looking through Drizzle's wrapper. */
export function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
