/**
 * A backup of the whole local history, and reading one back: to move to another browser profile,
 * or to restore after a reinstall. The file is the import's own shape (import.ts) with a header, so
 * a restore goes through every check the import makes. A one-customer export (the side panel's
 * privacy export) restores the same way.
 */
import type { AppDB } from './app-db';
import { RefusedError, toStorageError } from './errors';
import type { HistoryImport } from './import';
import { CUSTOMER_EXPORT_FORMAT } from './mutations';

export const HISTORY_BACKUP_FORMAT = 'switchboard.history-backup';

export interface HistoryBackup extends Required<HistoryImport> {
  format: typeof HISTORY_BACKUP_FORMAT;
  version: 1;
  exportedAt: string;
}

/** Every customer, observation, interaction, lead and assignment, in one read transaction. */
export async function backupHistory(db: AppDB, now: Date = new Date()): Promise<HistoryBackup> {
  try {
    return await db.transaction('r', [db.customers, db.observations, db.interactions, db.leads, db.assignments], async () => {
      // Primary-key order: UUIDv7 ids are oldest first, the order the import writes fastest.
      const [customers, observations, interactions, leads, assignments] = await Promise.all([
        db.customers.toArray(),
        db.observations.toArray(),
        db.interactions.toArray(),
        db.leads.toArray(),
        db.assignments.toArray(),
      ]);
      return { format: HISTORY_BACKUP_FORMAT, version: 1, exportedAt: now.toISOString(), customers, observations, interactions, leads, assignments };
    });
  } catch (error) {
    throw toStorageError(error, 'the backup');
  }
}

/** A file that is not a Switchboard backup or export: nothing was imported. */
export class NotABackupError extends RefusedError {}

/**
 * The records of a backup or of a one-customer export, as read from a file (JSON text). Throws
 * NotABackupError with a message for people when the text is not one; the records themselves are
 * checked by the import.
 */
export function recordsOfBackup(text: string): HistoryImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new NotABackupError('This file is not JSON: choose a Switchboard history backup (.json).');
  }
  const header = data as { format?: unknown; version?: unknown } | null;
  if (typeof header !== 'object' || header === null || (header.format !== HISTORY_BACKUP_FORMAT && header.format !== CUSTOMER_EXPORT_FORMAT)) {
    throw new NotABackupError('This file is not a Switchboard history backup or customer export.');
  }
  if (header.version !== 1) {
    throw new NotABackupError(`This backup was made by a newer Switchboard (format version ${String(header.version)}): update the extension first.`);
  }
  const file = data as Record<string, unknown>;
  const list = (name: string) => (Array.isArray(file[name]) ? (file[name] as unknown[]) : []);
  // A customer export carries its one customer (or null) rather than a list.
  const customers = header.format === CUSTOMER_EXPORT_FORMAT ? (file.customer ? [file.customer] : []) : list('customers');
  return {
    customers,
    observations: list('observations'),
    interactions: list('interactions'),
    leads: list('leads'),
    assignments: list('assignments'),
  };
}
