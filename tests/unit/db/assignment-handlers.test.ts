import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignmentIdFor, createHandlers, type AppDB } from '../../../lib/db';
import { dispatch, protocol } from '../../../lib/messaging';
import { createPresenceBoard } from '../../../lib/sync/presence';
import { at, freshDB, post, purchase, snapshotAll, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

const quiet = () => undefined;
const PK = 'x:1890000000000000001';

describe('assignment and presence messages through dispatch', () => {
  it('claims, refuses a held post, finishes and reports post status', async () => {
    db = freshDB();
    let clock = T0.getTime();
    const board = createPresenceBoard({ now: () => clock });
    const dana = createHandlers(db, { handle: 'dana' }, { now: () => new Date(clock), presence: board });
    const sam = createHandlers(db, { handle: 'sam' }, { now: () => new Date(clock) });
    const send = (handlers: typeof dana, name: string, payload: unknown) => dispatch(handlers, { name, payload }, { tabId: 1 }, quiet);

    const empty = protocol['post.status'].response.parse(await send(dana, 'post.status', { postKeys: [PK] }));
    expect(empty).toEqual({ ok: true, me: 'dana', statuses: { [PK]: { assignment: null, presence: [] } } });

    const claimed = protocol['assignment.claim'].response.parse(await send(sam, 'assignment.claim', { post: post(), inference: purchase }));
    expect(claimed).toMatchObject({ created: true, assignment: { assignee: 'sam', status: 'open', id: await assignmentIdFor(PK) } });
    expect(await send(dana, 'assignment.claim', { post: post(), inference: purchase })).toEqual({ ok: false, error: 'sam already has this post' });
    expect(await send(dana, 'assignment.done', { id: claimed.assignment.id })).toEqual({ ok: false, error: 'sam already has this post' });

    board.record({ memberHandle: 'sam', postKey: PK, activity: 'answering', at: T0.toISOString() });
    board.record({ memberHandle: 'dana', postKey: PK, activity: 'viewing', at: T0.toISOString() });
    const status = protocol['post.status'].response.parse(await send(dana, 'post.status', { postKeys: [PK, 'x:2'] }));
    expect(status.statuses[PK]).toMatchObject({ assignment: { assignee: 'sam' }, presence: [{ memberHandle: 'sam', activity: 'answering' }] });
    expect(status.statuses['x:2']).toEqual({ assignment: null, presence: [] });

    clock = at(61_000).getTime();
    const later = protocol['post.status'].response.parse(await send(dana, 'post.status', { postKeys: [PK] }));
    expect(later.statuses[PK]!.presence).toEqual([]);

    const done = protocol['assignment.done'].response.parse(await send(sam, 'assignment.done', { id: claimed.assignment.id }));
    expect(done.assignment).toMatchObject({ status: 'done', version: 2 });

    const queued = protocol['assignment.create'].response.parse(
      await send(dana, 'assignment.create', { post: post({ postId: '7' }), inference: purchase, department: 'service' }),
    );
    expect(queued.assignment).toMatchObject({ assignee: null, department: 'service', version: 1 });
    const toSam = protocol['assignment.create'].response.parse(
      await send(dana, 'assignment.create', { post: post({ postId: '7' }), inference: purchase, department: 'sales', assignee: 'sam' }),
    );
    expect(toSam).toMatchObject({ created: false, assignment: { assignee: 'sam', department: 'sales', version: 2 } });
    expect(await db.outbox.count()).toBe(4);
  });

  it('forwards presence only through the announce function, and answers sent false without one', async () => {
    db = freshDB();
    const announce = vi.fn(async () => true);
    const wired = createHandlers(db, { handle: 'dana' }, { announce });
    const bare = createHandlers(db, { handle: 'dana' });
    const msg = { name: 'presence.announce', payload: { postKey: PK, activity: 'viewing' } };
    expect(await dispatch(wired, msg, {}, quiet)).toEqual({ ok: true, sent: true });
    expect(announce).toHaveBeenCalledWith({ postKey: PK, activity: 'viewing' });
    expect(await dispatch(bare, msg, {}, quiet)).toEqual({ ok: true, sent: false });
  });

  it('refuses malformed payloads and never writes them', async () => {
    db = freshDB();
    const announce = vi.fn(async () => true);
    const handlers = createHandlers(db, { handle: 'dana' }, { announce });
    const before = await snapshotAll(db);
    const evil = [
      { name: 'assignment.create', payload: { post: post(), inference: purchase, department: 'legal' } },
      { name: 'assignment.create', payload: { post: post(), inference: purchase } },
      { name: 'assignment.create', payload: { post: post(), inference: purchase, department: 'sales', assignee: '<b>x</b>' } },
      { name: 'assignment.claim', payload: { post: { ...post(), site: 'myspace' }, inference: purchase } },
      { name: 'assignment.claim', payload: { post: post() } },
      { name: 'assignment.done', payload: { id: 'not-a-uuid' } },
      { name: 'post.status', payload: { postKeys: ['x:<script>'] } },
      { name: 'post.status', payload: { postKeys: Array.from({ length: 201 }, (_, i) => `x:${i}`) } },
      { name: 'post.status', payload: {} },
      { name: 'presence.announce', payload: { postKey: PK, activity: 'left' } },
      { name: 'presence.announce', payload: { postKey: 'nowhere', activity: 'viewing' } },
    ];
    for (const message of evil) {
      const answer = (await dispatch(handlers, message, { tabId: 1 }, quiet)) as { ok: boolean; error: string };
      expect(answer.ok, JSON.stringify(message).slice(0, 120)).toBe(false);
      expect(answer.error).toMatch(/^Malformed /);
    }
    expect(announce).not.toHaveBeenCalled();
    expect(await snapshotAll(db)).toEqual(before);
  });
});
