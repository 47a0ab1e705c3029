import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  logInteraction,
  releaseOutbox,
  removeFromOutbox,
  takeOutboxBatch,
  undoInteraction,
  type AppDB,
} from '../../../lib/db';
import { at, freshDB, post, purchase, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

describe('outbox for the sync engine', () => {
  it('hands out entries in write order, marks them pushing, and forgets them once answered', async () => {
    db = freshDB();
    for (let i = 0; i < 3; i += 1) {
      await logInteraction(db, { post: post({ postId: `p${i}` }), inference: purchase }, { me: 'dana', now: at(i) });
    }
    const batch = await takeOutboxBatch(db, 2);
    expect(batch.map((e) => e.mutation.type === 'interaction.add' && e.mutation.record.post.postId)).toEqual(['p0', 'p1']);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.state)).toEqual(['pushing', 'pushing', 'pending']);

    // An entry being pushed stays: its undo is a retraction queued behind it, for the next batch.
    const pushedId = batch[0]!.recordId!;
    await undoInteraction(db, pushedId, { me: 'dana', now: T0 });
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => [e.mutation.type, e.state])).toEqual([
      ['interaction.add', 'pushing'],
      ['interaction.add', 'pushing'],
      ['interaction.add', 'pending'],
      ['interaction.retract', 'pending'],
    ]);

    await releaseOutbox(db, [batch[1]!.mutationId]);
    await removeFromOutbox(db, [batch[0]!.mutationId]);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);
  });
});
