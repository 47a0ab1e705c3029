/**
 * The outbox as the sync engine (lib/sync) sees it. Entries are pushed in `seq` order; an entry is
 * marked `pushing` before it is sent, removed once the backend has answered for it, and put back
 * to `pending` if the push failed. A crash between those steps leaves it `pushing`, and the next
 * run sends it again (the backend recognises the mutation id, so nothing is applied twice).
 */
import { MutationSchema, type CustomerKey, type Mutation } from '../model';
import type { AppDB, OutboxEntry } from './app-db';
import { toStorageError } from './errors';

/**
 * Validate the mutation (the backend would refuse what the schema refuses) and queue it. Called
 * inside the transaction that writes the record, so the two are kept or lost together.
 */
export async function queueMutation(db: AppDB, mutation: Mutation, customerKey: CustomerKey, recordId?: string): Promise<void> {
  const checked = MutationSchema.parse(mutation);
  const entry: Omit<OutboxEntry, 'seq'> = { mutationId: checked.mutationId, customerKey, state: 'pending', mutation: checked };
  if (recordId !== undefined) entry.recordId = recordId;
  await db.outbox.add(entry);
}

/** Take up to `limit` entries to push, oldest first, including any left `pushing` by a crash. */
export async function takeOutboxBatch(db: AppDB, limit: number): Promise<OutboxEntry[]> {
  try {
    return await db.transaction('rw', [db.outbox], async () => {
      const batch = await db.outbox.orderBy('seq').limit(limit).toArray();
      const pending = batch.filter((e) => e.state === 'pending').map((e) => e.seq);
      if (pending.length) await db.outbox.where('seq').anyOf(pending).modify({ state: 'pushing' });
      return batch.map((e) => ({ ...e, state: 'pushing' as const }));
    });
  } catch (error) {
    throw toStorageError(error, 'the outbox');
  }
}

/** The backend answered for these mutations (applied, duplicate, conflict or rejected). */
export async function removeFromOutbox(db: AppDB, mutationIds: readonly string[]): Promise<void> {
  try {
    await db.outbox.where('mutationId').anyOf([...mutationIds]).delete();
  } catch (error) {
    throw toStorageError(error, 'the outbox');
  }
}

/** A push failed before the backend answered: the entries wait for the next try. */
export async function releaseOutbox(db: AppDB, mutationIds: readonly string[]): Promise<void> {
  try {
    await db.outbox.where('mutationId').anyOf([...mutationIds]).modify({ state: 'pending' });
  } catch (error) {
    throw toStorageError(error, 'the outbox');
  }
}

export async function outboxSize(db: AppDB): Promise<number> {
  return db.outbox.count();
}
