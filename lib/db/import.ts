/**
 * Bulk import of history records (customers, posts seen, interactions, leads, assignments): a
 * history exported from another browser profile, or restored after a reinstall. Built for volume
 * (100,000 records in a few seconds), without giving up what the mutations promise:
 *
 * - Checked first: every record against its lib/model schema before anything is written. One bad
 *   record refuses the whole import (ImportRejectedError names it) and the database is unchanged.
 * - Atomic per chunk: records are written in the order given (customers, observations,
 *   interactions, leads, assignments), `chunkSize` at a time, one transaction per chunk over every
 *   table. IndexedDB pays per request and per commit, not per byte, so a chunk is a handful of bulk
 *   requests: one read of the stored customers it names first, one bulkAdd per append-only table,
 *   bulkGet/bulkPut for the versioned ones. Keeping the given order keeps the keys of an export
 *   (UUIDv7, oldest first) ascending, which is what IndexedDB's storage writes fastest. If a chunk
 *   fails (storage full, a failed transaction), it leaves nothing behind and the import stops:
 *   ImportFailedError says exactly what was imported (the records before that chunk).
 * - No duplicates: records are keyed by their ids, so importing the same file twice adds nothing.
 *   Observations and interactions are append-only: one already stored is left as it is. Leads and
 *   assignments are versioned: the higher version wins, and one with a local change still waiting
 *   in the outbox is left alone (the same rule as a pull, lib/sync/apply.ts).
 * - Customers: every customer a record names gets a row, written once, with the first chunk that
 *   names them (so no record is ever stored without its customer), already summing up all their
 *   imported records: earliest first seen, latest last seen and its stage, a name where there was
 *   none. Writing it once instead of with every chunk saves a write per customer per chunk.
 *
 * No outbox entries. The outbox carries the writes made on this device (mutations.ts), each sent
 * once and applied by the backend under its mutation id. Imported records were written before,
 * somewhere else: by a device that queued them itself, or pulled from the team. Queuing them again
 * would send what the team has (100,000 interactions: 200 pushes answered `duplicate`), and a lead
 * or an assignment would be a compare-and-set on a version this device never had: a conflict at
 * best, a teammate's newer change shown as ours at worst. Sharing is what logging does; an import
 * only restores. (What an unconnected device still had waiting in its own outbox is not part of an
 * export, and so not imported.)
 */
import Dexie from 'dexie';
import type { z } from 'zod';
import {
  AssignmentSchema,
  CustomerSchema,
  InteractionSchema,
  LeadSchema,
  StageObservationSchema,
  type Assignment,
  type Customer,
  type CustomerKey,
  type Interaction,
  type Lead,
  type StageObservation,
} from '../model';
import type { AppDB } from './app-db';
import { addTouch, touchedCustomer, type CustomerTouch } from './customer-touch';
import { RefusedError, StorageError, toStorageError } from './errors';

/** What an import brings: records as read from a file, not yet trusted. */
export interface HistoryImport {
  customers?: readonly unknown[];
  observations?: readonly unknown[];
  interactions?: readonly unknown[];
  leads?: readonly unknown[];
  assignments?: readonly unknown[];
}

export type ImportTable = keyof HistoryImport;

const IMPORT_TABLES: readonly ImportTable[] = ['customers', 'observations', 'interactions', 'leads', 'assignments'];

export interface ImportCounts {
  /** New records. */
  added: number;
  /** Stored records replaced by a newer version (leads, assignments) or brought up to date (customers). */
  updated: number;
  /** Records already stored as they are (or newer, or with a local change waiting). */
  unchanged: number;
}

export interface ImportReport {
  /** Records written or found already there, of `recordsTotal`: always the first ones, in import order. */
  recordsDone: number;
  recordsTotal: number;
  /** Per table; `customers` counts customer rows, including those made for a record's customer. */
  tables: Record<ImportTable, ImportCounts>;
}

/** Records per transaction. */
export const IMPORT_CHUNK_RECORDS = 10_000;
const ISSUES_SHOWN = 5;

/** The import was refused before anything was written: some records are not valid. */
export class ImportRejectedError extends RefusedError {
  constructor(readonly issues: readonly string[], readonly invalid: number) {
    super(
      `Nothing was imported: ${invalid.toLocaleString('en-US')} record${invalid === 1 ? ' is' : 's are'} not valid ` +
        `(${issues.join('; ')}${invalid > issues.length ? '; …' : ''}).`,
    );
  }
}

/** A chunk could not be saved: the chunks before it were, `imported` says exactly what. */
export class ImportFailedError extends StorageError {
  constructor(readonly imported: ImportReport, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const n = (value: number) => value.toLocaleString('en-US');
    super(
      `The import stopped after ${n(imported.recordsDone)} of ${n(imported.recordsTotal)} records: those were ` +
        `imported (the first ones, in the order given), nothing of the others. Importing the same records again ` +
        `adds only what is missing. ${reason}`,
      { cause, quotaExceeded: cause instanceof StorageError && cause.quotaExceeded },
    );
  }
}

export interface ImportOptions {
  chunkSize?: number;
  /** Told after each chunk is saved (for a progress bar). */
  onProgress?: (report: ImportReport) => void;
}

interface ValidRecords {
  customers: Customer[];
  observations: StageObservation[];
  interactions: Interaction[];
  leads: Lead[];
  assignments: Assignment[];
}

/** A run of records written in one transaction: a slice of each table's records. */
type Chunk = { [T in ImportTable]: ValidRecords[T] };

/** What the whole import says about one customer: their imported row and their records' times. */
interface CustomerSummary {
  customer: Customer | null;
  touch: CustomerTouch | null;
}

const SCHEMAS: { [T in ImportTable]: z.ZodType<ValidRecords[T][number]> } = {
  customers: CustomerSchema,
  observations: StageObservationSchema,
  interactions: InteractionSchema,
  leads: LeadSchema,
  assignments: AssignmentSchema,
};

/** Every record through its schema (unknown fields dropped), or the import refused. */
export function validateImport(input: HistoryImport): ValidRecords {
  const issues: string[] = [];
  let invalid = 0;
  const out = { customers: [], observations: [], interactions: [], leads: [], assignments: [] } as ValidRecords;
  for (const table of IMPORT_TABLES) {
    const rows = input[table] ?? [];
    if (!Array.isArray(rows)) throw new ImportRejectedError([`${table} is not a list`], 1);
    const schema = SCHEMAS[table];
    const valid = out[table] as unknown[];
    for (let i = 0; i < rows.length; i++) {
      const result = schema.safeParse(rows[i]);
      let problem: string | null = null;
      if (!result.success) {
        const issue = result.error.issues[0]!;
        problem = `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
      } else if (table === 'customers') {
        const c = result.data as Customer;
        if (c.key !== `${c.site}:${c.handle}`) problem = `key: ${c.key} is not ${c.site}:${c.handle}`;
      }
      if (problem === null) {
        valid.push(result.data);
        continue;
      }
      invalid += 1;
      if (issues.length < ISSUES_SHOWN) issues.push(`${table}[${i}] ${problem}`);
    }
  }
  if (invalid > 0) throw new ImportRejectedError(issues, invalid);
  return out;
}

function summarize(records: ValidRecords): Map<CustomerKey, CustomerSummary> {
  const summaries = new Map<CustomerKey, CustomerSummary>();
  const touches = new Map<CustomerKey, CustomerTouch>();
  for (const c of records.customers) {
    const known = summaries.get(c.key)?.customer;
    // The same customer twice in one file: one row that covers both.
    summaries.set(c.key, { customer: known ? mergeCustomer(known, c) : c, touch: null });
  }
  for (const o of records.observations) addTouch(touches, o.customerKey, o.observedAt, o.stage);
  for (const i of records.interactions) addTouch(touches, i.customerKey, i.createdAt, i.stage);
  for (const l of records.leads) addTouch(touches, l.customerKey, l.updatedAt, null);
  for (const a of records.assignments) addTouch(touches, a.customerKey, a.updatedAt, a.stage);
  for (const [key, touch] of touches) {
    const summary = summaries.get(key);
    if (summary) summary.touch = touch;
    else summaries.set(key, { customer: null, touch });
  }
  return summaries;
}

const emptyChunk = (): Chunk => ({ customers: [], observations: [], interactions: [], leads: [], assignments: [] });

/** The records in the order given, `size` at a time. */
function chunksOf(records: ValidRecords, size: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current = emptyChunk();
  let room = size;
  for (const table of IMPORT_TABLES) {
    const rows = records[table] as unknown[];
    for (let start = 0; start < rows.length; ) {
      const piece = rows.slice(start, start + room);
      (current[table] as unknown[]).push(...piece);
      start += piece.length;
      room -= piece.length;
      if (room === 0) {
        chunks.push(current);
        current = emptyChunk();
        room = size;
      }
    }
  }
  if (room < size) chunks.push(current);
  return chunks;
}

function customerKeysOf(chunk: Chunk): Set<CustomerKey> {
  const keys = new Set<CustomerKey>();
  for (const c of chunk.customers) keys.add(c.key);
  for (const table of ['observations', 'interactions', 'leads', 'assignments'] as const) {
    for (const record of chunk[table]) keys.add(record.customerKey);
  }
  return keys;
}

/** Two rows of one customer as one: the earliest first seen, the latest last seen and its stage, a name. */
function mergeCustomer(stored: Customer, imported: Customer): Customer {
  const touch: CustomerTouch = { first: imported.firstSeenAt, last: imported.lastSeenAt, stage: imported.lastStage };
  const merged = touchedCustomer(stored.key, touch, stored);
  if (!merged.displayName && imported.displayName) merged.displayName = imported.displayName;
  return merged;
}

function sameCustomer(a: Customer, b: Customer): boolean {
  return (
    a.displayName === b.displayName &&
    a.firstSeenAt === b.firstSeenAt &&
    a.lastSeenAt === b.lastSeenAt &&
    a.lastStage === b.lastStage &&
    a.site === b.site &&
    a.handle === b.handle
  );
}

const noCounts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });

function emptyReport(recordsTotal: number): ImportReport {
  return {
    recordsDone: 0,
    recordsTotal,
    tables: { customers: noCounts(), observations: noCounts(), interactions: noCounts(), leads: noCounts(), assignments: noCounts() },
  };
}

/** Adds the append-only records not stored yet; an id already stored is left as it is. */
async function addNew<T>(table: Dexie.Table<T>, rows: T[], counts: ImportCounts): Promise<void> {
  if (rows.length === 0) return;
  let failed = 0;
  try {
    await table.bulkAdd(rows);
  } catch (error) {
    // Caught inside the transaction: the adds that failed are skipped, the others stand.
    if (!(error instanceof Dexie.BulkError)) throw error;
    const failures = Object.values(error.failuresByPos);
    const other = failures.find((f) => f.name !== 'ConstraintError');
    if (other) throw other;
    failed = failures.length;
  }
  counts.added += rows.length - failed;
  counts.unchanged += failed;
}

/** Puts the leads or assignments newer than the stored ones, except those with a local change waiting. */
async function putNewer<T extends Lead | Assignment>(
  db: AppDB,
  table: { bulkGet(ids: string[]): Promise<(T | undefined)[]>; bulkPut(rows: readonly T[]): Promise<unknown> },
  rows: T[],
  counts: ImportCounts,
): Promise<void> {
  if (rows.length === 0) return;
  const newest = new Map<string, T>();
  for (const row of rows) {
    const seen = newest.get(row.id);
    if (!seen || row.version > seen.version) newest.set(row.id, row);
  }
  counts.unchanged += rows.length - newest.size;
  const ids = [...newest.keys()];
  const [stored, waiting] = await Promise.all([
    table.bulkGet(ids),
    db.outbox.where('recordId').anyOf(ids).toArray().then((entries) => new Set(entries.map((e) => e.recordId))),
  ]);
  const writes: T[] = [];
  ids.forEach((id, i) => {
    const row = newest.get(id)!;
    const old = stored[i];
    if (waiting.has(id) || (old && old.version >= row.version)) {
      counts.unchanged += 1;
      return;
    }
    if (old) counts.updated += 1;
    else counts.added += 1;
    writes.push(row);
  });
  if (writes.length) await table.bulkPut(writes);
}

/**
 * The rows of the customers this chunk names first (`keys`, none written by an earlier chunk):
 * the stored ones read with one range request, each written once with the whole import's summary.
 */
async function putCustomers(
  db: AppDB,
  keys: CustomerKey[],
  summaries: Map<CustomerKey, CustomerSummary>,
  counts: ImportCounts,
): Promise<void> {
  if (keys.length === 0) return;
  keys.sort();
  const wanted = new Set(keys);
  const stored = new Map(
    (await db.customers.where('key').between(keys[0]!, keys.at(-1)!, true, true).toArray())
      .filter((c) => wanted.has(c.key))
      .map((c) => [c.key, c]),
  );
  const writes: Customer[] = [];
  for (const key of keys) {
    const { customer, touch } = summaries.get(key)!;
    const old = stored.get(key);
    let next = old && customer ? mergeCustomer(old, customer) : (old ?? customer);
    if (touch) next = touchedCustomer(key, touch, next ?? undefined);
    if (!next || (old && sameCustomer(old, next))) {
      counts.unchanged += 1;
      continue;
    }
    if (old) counts.updated += 1;
    else counts.added += 1;
    writes.push(next);
  }
  if (writes.length) await db.customers.bulkPut(writes);
}

async function writeChunk(
  db: AppDB,
  chunk: Chunk,
  newCustomers: CustomerKey[],
  summaries: Map<CustomerKey, CustomerSummary>,
  counts: ImportReport['tables'],
): Promise<void> {
  const tables = [db.customers, db.observations, db.interactions, db.leads, db.assignments, db.outbox];
  try {
    await db.transaction('rw', tables, async () => {
      await putCustomers(db, newCustomers, summaries, counts.customers);
      await addNew(db.observations, chunk.observations, counts.observations);
      await addNew(db.interactions, chunk.interactions, counts.interactions);
      await putNewer<Lead>(db, db.leads, chunk.leads, counts.leads);
      await putNewer<Assignment>(db, db.assignments, chunk.assignments, counts.assignments);
    });
  } catch (error) {
    throw toStorageError(error, 'the rest of the import');
  }
}

/**
 * Import history records: checked, then written chunk by chunk (see the top of this file).
 * Resolves to what was added, updated or already there; rejects with ImportRejectedError (nothing
 * written) or ImportFailedError (what was imported before the failure).
 */
export async function importHistory(db: AppDB, input: HistoryImport, options: ImportOptions = {}): Promise<ImportReport> {
  const records = validateImport(input);
  const summaries = summarize(records);
  const report = emptyReport(IMPORT_TABLES.reduce((sum, table) => sum + records[table].length, 0));
  const written = new Set<CustomerKey>();
  for (const chunk of chunksOf(records, Math.max(1, options.chunkSize ?? IMPORT_CHUNK_RECORDS))) {
    const newCustomers = [...customerKeysOf(chunk)].filter((key) => !written.has(key));
    // Counted apart, and added to the report only once the chunk's transaction has committed.
    const counts = emptyReport(0).tables;
    try {
      await writeChunk(db, chunk, newCustomers, summaries, counts);
    } catch (error) {
      throw new ImportFailedError(report, error);
    }
    for (const key of newCustomers) written.add(key);
    for (const table of IMPORT_TABLES) {
      report.tables[table].added += counts[table].added;
      report.tables[table].updated += counts[table].updated;
      report.tables[table].unchanged += counts[table].unchanged;
      report.recordsDone += chunk[table].length;
    }
    options.onProgress?.(report);
  }
  return report;
}
