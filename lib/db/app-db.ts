import Dexie, { type EntityTable } from 'dexie';
import type {
  Assignment,
  Customer,
  CustomerKey,
  Interaction,
  Lead,
  Mutation,
  StageObservation,
} from '../model';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export const DEFAULT_DB_NAME = 'switchboard';

/**
 * `pending`: waiting to be pushed (and the only state in which a local undo may remove it).
 * `pushing`: the sync engine took it into a push; it stays in the outbox until the backend answers,
 * so a crash mid-push retries it (pushes are idempotent by mutation id).
 */
export type OutboxState = 'pending' | 'pushing';

/** One local write waiting for the team backend. */
export interface OutboxEntry {
  /** Auto-increment: the order the writes happened in, which is the order they are pushed in. */
  seq: number;
  mutationId: string;
  /** The customer the mutation concerns (for erase: drop what is not yet sent). */
  customerKey: CustomerKey;
  /** The id of the record the mutation carries; absent for `customer.erase`. */
  recordId?: string;
  state: OutboxState;
  mutation: Mutation;
}

/** A named small value: settings, the sync cursor, and the like. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * The extension's one local database, in the extension's own origin (never a web site's).
 * Writes go through lib/db/mutations.ts, which keeps each record change and its outbox entry in
 * one transaction; reads may use the tables directly.
 */
export class AppDB extends Dexie {
  customers!: EntityTable<Customer, 'key'>;
  observations!: EntityTable<StageObservation, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  leads!: EntityTable<Lead, 'id'>;
  assignments!: EntityTable<Assignment, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name: string = DEFAULT_DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores({ ...v.stores });
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

/**
 * The database under `name` (default `switchboard`). Dexie opens it on first use; an open or
 * upgrade that fails rejects that use, and IndexedDB rolls the upgrade back, so the data of the
 * previous version stays in place and readable.
 */
export function openAppDB(name: string = DEFAULT_DB_NAME): AppDB {
  return new AppDB(name);
}
