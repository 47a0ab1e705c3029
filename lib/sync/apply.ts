/**
 * Writing the team's records into the local database: the changes a pull brings, and the current
 * records a conflict answers with. Called inside a transaction over `syncTables(db)`.
 *
 * Rules:
 * - observations and interactions are append-only: put by id (a repeat is harmless); an interaction
 *   its author retracted is removed (and one undone here, its retraction not yet sent, is not written);
 * - a lead or assignment with a local change still in the outbox is not overwritten: the local
 *   change stands until the push answers for it, and the pulled record waits in `sync.deferred`
 *   (taken afterwards if it is newer than what the push left);
 * - an erased customer loses every local record, except those still waiting in the outbox;
 * - the customer row is created or brought up to date, so the side panel can list the customer.
 */
import Dexie from 'dexie';
import { addTouch, touchedCustomer, type AppDB, type CustomerTouch } from '../db';
import type { Assignment, Change, CustomerKey, Lead } from '../model';
import { readDeferred, writeDeferred, type Conflict, type Deferred } from './state';

/** Every table a sync write may touch. */
export function syncTables(db: AppDB): Dexie.Table[] {
  return [db.customers, db.observations, db.interactions, db.leads, db.assignments, db.outbox, db.meta];
}

async function flushTouches(db: AppDB, touches: Map<CustomerKey, CustomerTouch>): Promise<void> {
  if (touches.size === 0) return;
  const keys = [...touches.keys()];
  const existing = await db.customers.bulkGet(keys);
  await db.customers.bulkPut(keys.map((key, i) => touchedCustomer(key, touches.get(key)!, existing[i])));
  touches.clear();
}

/** Record ids that still have an entry in the outbox (a local change the backend has not answered). */
export async function waitingInOutbox(db: AppDB, recordIds: readonly string[]): Promise<Set<string>> {
  if (recordIds.length === 0) return new Set();
  const entries = await db.outbox.where('recordId').anyOf([...new Set(recordIds)]).toArray();
  return new Set(entries.map((e) => e.recordId!).filter(Boolean));
}

/** Interactions undone on this device whose `interaction.retract` has not been answered yet. */
async function retractionsWaiting(db: AppDB, interactionIds: readonly string[]): Promise<Set<string>> {
  if (interactionIds.length === 0) return new Set();
  const entries = await db.outbox.where('recordId').anyOf([...new Set(interactionIds)]).toArray();
  return new Set(entries.filter((e) => e.mutation.type === 'interaction.retract').map((e) => e.recordId!));
}

export interface ApplyOutcome {
  /** Changes written (those held back for a waiting local change count too). */
  applied: number;
  conflicts: Conflict[];
}

/** Erase a customer's local records (those still waiting in the outbox stay, and are pushed). */
async function eraseLocally(db: AppDB, key: CustomerKey): Promise<number> {
  const waiting = new Set((await db.outbox.where('customerKey').equals(key).toArray()).map((e) => e.recordId).filter(Boolean));
  const keep = (r: { id?: string }) => r.id === undefined || !waiting.has(r.id);
  let removed = 0;
  removed += await db.observations
    .where('[customerKey+observedAt]')
    .between([key, Dexie.minKey], [key, Dexie.maxKey])
    .filter(keep)
    .delete();
  removed += await db.interactions
    .where('[customerKey+createdAt]')
    .between([key, Dexie.minKey], [key, Dexie.maxKey])
    .filter(keep)
    .delete();
  removed += await db.leads.where('customerKey').equals(key).filter(keep).delete();
  removed += await db.assignments.where('customerKey').equals(key).filter(keep).delete();
  if (waiting.size === 0) {
    if (await db.customers.get(key)) removed += 1;
    await db.customers.delete(key);
  }
  return removed;
}

function newer(deferred: Deferred, id: string, version: number): boolean {
  const held = deferred[id];
  return !held || held.version <= version;
}

/**
 * Write one page of pulled changes, in order. Run inside a transaction over `syncTables(db)`.
 * The changes must already be validated (ChangeSchema).
 */
export async function applyChanges(db: AppDB, changes: readonly Change[], now: Date): Promise<ApplyOutcome> {
  const conflicts: Conflict[] = [];
  const touches = new Map<CustomerKey, CustomerTouch>();
  const versioned = changes.flatMap((c) => (c.kind === 'lead' || c.kind === 'assignment' ? [c.record.id] : []));
  const waiting = await waitingInOutbox(db, versioned);
  const retracting = await retractionsWaiting(db, changes.flatMap((c) => (c.kind === 'interaction' ? [c.record.id] : [])));
  const deferred = await readDeferred(db);
  let deferredChanged = false;

  // Runs of records are written in bulk; an erasure is a barrier (what follows it may re-create).
  let observations: Change[] = [];
  let interactions: Change[] = [];
  let leads: Lead[] = [];
  let assignments: Assignment[] = [];
  const flush = async () => {
    if (observations.length) await db.observations.bulkPut(observations.map((c) => (c as Extract<Change, { kind: 'observation' }>).record));
    if (interactions.length) await db.interactions.bulkPut(interactions.map((c) => (c as Extract<Change, { kind: 'interaction' }>).record));
    if (leads.length) await db.leads.bulkPut(leads);
    if (assignments.length) await db.assignments.bulkPut(assignments);
    await flushTouches(db, touches);
    observations = [];
    interactions = [];
    leads = [];
    assignments = [];
  };

  for (const change of changes) {
    switch (change.kind) {
      case 'observation':
        observations.push(change);
        addTouch(touches, change.record.customerKey, change.record.observedAt, change.record.stage);
        break;
      case 'interaction':
        // Undone here while its retraction waits to be sent: the team's copy must not bring it back.
        if (retracting.has(change.record.id)) break;
        interactions.push(change);
        addTouch(touches, change.record.customerKey, change.record.createdAt, change.record.stage);
        break;
      case 'interaction.retracted': {
        // Taken back by its author: gone from the history, the badge's counts and "Handled by".
        const { id } = change.record;
        interactions = interactions.filter((c) => (c as Extract<Change, { kind: 'interaction' }>).record.id !== id);
        await db.interactions.delete(id);
        break;
      }
      case 'lead':
      case 'assignment': {
        const { record } = change;
        if (waiting.has(record.id)) {
          if (newer(deferred, record.id, record.version)) {
            deferred[record.id] = { kind: change.kind, record, version: record.version };
            deferredChanged = true;
          }
        } else if (change.kind === 'lead') {
          leads.push(change.record);
        } else {
          assignments.push(change.record);
        }
        const stage = change.kind === 'assignment' ? change.record.stage : null;
        addTouch(touches, record.customerKey, record.updatedAt, stage);
        break;
      }
      case 'customer.erased': {
        await flush();
        const removed = await eraseLocally(db, change.customerKey);
        for (const [id, held] of Object.entries(deferred)) {
          if ((held.record as { customerKey?: string }).customerKey === change.customerKey) {
            delete deferred[id];
            deferredChanged = true;
          }
        }
        if (removed > 0) {
          conflicts.push({
            id: `erased:${change.seq}`,
            at: now.toISOString(),
            kind: 'customer',
            recordId: null,
            customerKey: change.customerKey,
            message: `A team admin erased everything about ${change.customerKey} (a privacy request); it was removed here too.`,
          });
        }
        break;
      }
    }
  }
  await flush();
  if (deferredChanged) await writeDeferred(db, deferred);
  return { applied: changes.length, conflicts };
}

/**
 * After the push answered for a record: if a pulled version was held back for it and no other
 * local change to it waits, take the held version unless the local one is newer (the push applied
 * it). For a record whose push was `rejected`, the local version never reached the team: the held
 * one is taken whatever its version.
 */
export async function settleDeferred(db: AppDB, recordIds: Iterable<string>, rejected: ReadonlySet<string> = new Set()): Promise<void> {
  const deferred = await readDeferred(db);
  const ids = [...new Set(recordIds)].filter((id) => deferred[id]);
  if (ids.length === 0) return;
  const waiting = await waitingInOutbox(db, ids);
  for (const id of ids) {
    if (waiting.has(id)) continue;
    const held = deferred[id]!;
    delete deferred[id];
    if (held.kind === 'lead') {
      const local = await db.leads.get(id);
      if (!local || rejected.has(id) || held.version >= local.version) await db.leads.put(held.record as Lead);
    } else {
      const local = await db.assignments.get(id);
      if (!local || rejected.has(id) || held.version >= local.version) await db.assignments.put(held.record as Assignment);
    }
  }
  await writeDeferred(db, deferred);
}
