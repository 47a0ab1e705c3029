import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { historySummary, logInteraction, undoInteraction } from '../../../lib/db';
import type { Change, PullResponse } from '../../../lib/model';
import { connect, createSyncEngine, pullAll, readConnection, readRejected } from '../../../lib/sync';
import { backendPerFile, post, SERVER_URL } from './harness';

/**
 * Undo after the push, end to end: the real backend on PGlite, two members' databases on
 * fake-indexeddb. The member who logged it undoes it within the window; the team hears of it.
 */

const postPurchase = { stage: 'post-purchase', department: 'service', confidence: 0.9 } as const;

const env = backendPerFile();

async function member(token: string) {
  const db = env.db();
  await connect(db, { serverUrl: SERVER_URL, token }, env.backend.fetch);
  const engine = createSyncEngine({ db, fetch: env.backend.fetch, channel: false, random: () => 0.5 });
  const handle = (await readConnection(db))!.member.handle;
  return { db, engine, handle };
}

async function serverChanges(token: string): Promise<Change[]> {
  const res = await env.backend.api(token).get('/v1/sync/changes?limit=1000');
  return (res.body as PullResponse).changes;
}

describe('undo after the interaction was sent to the team', () => {
  it('succeeds within the window; teammates lose it from their history and badge counts on the next pull', async () => {
    const team = await env.backend.team('Retract');
    const dana = await member(await team.member('dana', 'service'));
    const sam = await member(await team.member('sam', 'sales'));
    const kept = (await logInteraction(dana.db, { post: post('undo_customer'), inference: postPurchase }, { me: 'dana' })).interaction;
    const undone = (await logInteraction(dana.db, { post: post('undo_customer', { postId: '1890000000000000002' }), inference: postPurchase }, { me: 'dana' })).interaction;
    await dana.engine.syncNow();
    expect(await dana.db.outbox.count()).toBe(0);
    await sam.engine.syncNow();
    expect((await historySummary(sam.db, ['x:undo_customer']))['x:undo_customer']).toMatchObject({ interactions: 2, lastInteraction: { id: undone.id } });

    await undoInteraction(dana.db, undone.id, { me: 'dana' });
    expect(await dana.db.interactions.get(undone.id)).toBeUndefined();
    expect((await dana.engine.syncNow()).status).toBe('synced');
    expect(dana.engine.lastReport().push).toMatchObject({ applied: 1, rejected: 0 });
    expect(await dana.db.outbox.count()).toBe(0);
    expect(await dana.db.interactions.get(undone.id)).toBeUndefined();

    await sam.engine.syncNow();
    expect(await sam.db.interactions.get(undone.id)).toBeUndefined();
    expect((await historySummary(sam.db, ['x:undo_customer']))['x:undo_customer']).toMatchObject({ interactions: 1, lastInteraction: { id: kept.id } });

    const changes = await serverChanges(team.token);
    expect(changes.map((c) => c.kind)).toEqual(['interaction', 'interaction', 'interaction.retracted']);
    // A device joining later gets the interaction and its retraction, in order: it never shows it.
    const later = await member(await team.member('lee', 'service'));
    await later.engine.syncNow();
    expect((await later.db.interactions.toArray()).map((i) => i.id)).toEqual([kept.id]);
  });

  it('a pull that arrives before the retraction is sent does not bring the undone interaction back', async () => {
    const team = await env.backend.team('Retract race');
    const dana = await member(await team.member('dana', 'service'));
    const { interaction } = await logInteraction(dana.db, { post: post('race_customer'), inference: postPurchase }, { me: 'dana' });
    await dana.engine.syncNow();
    // Pull from the start (as after a reset): the team's copy of the interaction comes back.
    await dana.db.meta.delete('sync.cursor');
    await undoInteraction(dana.db, interaction.id, { me: 'dana' });

    const connection = (await readConnection(dana.db))!;
    await pullAll({ db: dana.db, fetch: env.backend.fetch, connection, now: () => new Date() });
    expect(await dana.db.interactions.get(interaction.id)).toBeUndefined();
    expect((await dana.db.outbox.toArray()).map((e) => e.mutation.type)).toEqual(['interaction.retract']);

    await dana.engine.syncNow();
    expect(await dana.db.outbox.count()).toBe(0);
    expect(await readRejected(dana.db)).toEqual([]);
    expect(await dana.db.interactions.get(interaction.id)).toBeUndefined();
  });
});
