import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers, DEFAULT_SETTINGS, saveSettings, type AppDB } from '../../../lib/db';
import { dispatch, protocol } from '../../../lib/messaging';
import { at, freshDB, post, purchase, snapshotAll, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

const quiet = () => undefined;

describe('background handlers through dispatch', () => {
  it('logs, dedupes, undoes, flags and summarises with answers the protocol accepts', async () => {
    db = freshDB();
    let now = T0;
    const handlers = createHandlers(db, { handle: 'dana' }, { now: () => now });
    const send = (name: string, payload: unknown) => dispatch(handlers, { name, payload }, { tabId: 1 }, quiet);

    const logged = await send('interaction.log', { post: post(), inference: purchase });
    expect(protocol['interaction.log'].response.parse(logged)).toMatchObject({ ok: true, duplicate: false, interaction: { kind: 'reply', memberHandle: 'dana' } });
    now = at(10_000);
    const again = (await send('interaction.log', { post: post(), inference: purchase })) as { duplicate: boolean };
    expect(again.duplicate).toBe(true);

    const id = (logged as { interaction: { id: string } }).interaction.id;
    expect(await send('interaction.undo', { id })).toEqual({ ok: true });
    expect(await db.interactions.count()).toBe(0);
    expect(await send('interaction.undo', { id })).toEqual({ ok: false, error: expect.stringMatching(/no longer there/) });

    // The badge's Undo after the push (the outbox entry was answered): it succeeds, and the team is told.
    const sent = (await send('interaction.log', { post: post({ postId: '4' }), inference: purchase })) as { interaction: { id: string } };
    await db.outbox.clear();
    expect(await send('interaction.undo', { id: sent.interaction.id })).toEqual({ ok: true });
    expect(await db.interactions.count()).toBe(0);
    expect((await db.outbox.toArray()).map((e) => e.mutation.type)).toEqual(['interaction.retract']);
    await db.outbox.clear();

    const flagged = protocol['lead.flag'].response.parse(await send('lead.flag', { post: post(), inference: purchase }));
    expect(flagged.created).toBe(true);
    const moved = protocol['lead.status'].response.parse(await send('lead.status', { id: flagged.lead.id, status: 'contacted' }));
    expect(moved.lead.version).toBe(2);
    const bad = await send('lead.status', { id: flagged.lead.id, status: 'won' });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/cannot go from/) });

    const summary = protocol['history.summary'].response.parse(await send('history.summary', { customerKeys: ['x:dana_buys'] }));
    expect(summary.summaries['x:dana_buys']).toMatchObject({ interactions: 0, lead: { status: 'contacted' } });

    const seen = protocol['posts.seen'].response.parse(await send('posts.seen', { items: [{ post: post({ postId: '5' }), inference: purchase }] }));
    expect(seen.stored).toBe(1);
  });

  it('refuses malformed payloads and never writes them', async () => {
    db = freshDB();
    const handlers = createHandlers(db, { handle: 'dana' });
    const log = vi.fn();
    const before = await snapshotAll(db);
    const evil = [
      { name: 'interaction.log', payload: { post: { ...post(), author: '<img src=x onerror=alert(1)>' }, inference: purchase } },
      { name: 'interaction.log', payload: { post: post(), inference: { ...purchase, stage: 'buying' } } },
      { name: 'interaction.log', payload: { post: post(), inference: purchase, note: 'n'.repeat(2001) } },
      { name: 'interaction.log', payload: { post: { ...post(), text: 't'.repeat(1001) }, inference: purchase } },
      { name: 'posts.seen', payload: { items: [{ post: { ...post(), site: 'myspace' }, inference: purchase }] } },
      { name: 'posts.seen', payload: { items: Array.from({ length: 201 }, () => ({ post: post(), inference: purchase })) } },
      { name: 'lead.flag', payload: { post: post() } },
      { name: 'lead.status', payload: { id: 'not-a-uuid', status: 'won' } },
      { name: 'history.summary', payload: { customerKeys: ['x:UPPER CASE'] } },
      { name: 'customer.drop', payload: {} },
      'just a string',
    ];
    for (const message of evil) {
      const answer = (await dispatch(handlers, message, { tabId: 1 }, log)) as { ok: boolean; error: string };
      expect(answer.ok, JSON.stringify(message).slice(0, 80)).toBe(false);
      expect(answer.error).toBeTruthy();
    }
    expect(log).toHaveBeenCalledTimes(evil.length);
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('uses the identity and sites from the settings, asked on every message', async () => {
    db = freshDB();
    const handlers = createHandlers(db);
    const send = (name: string, payload: unknown) => dispatch(handlers, { name, payload }, {}, quiet);
    const first = (await send('interaction.log', { post: post(), inference: purchase })) as { interaction: { memberHandle: string } };
    expect(first.interaction.memberHandle).toBe('me');

    await saveSettings(db, { ...DEFAULT_SETTINGS, me: { handle: 'dana', displayName: 'Dana', department: 'sales' }, sites: { x: false, facebook: true, instagram: true } });
    const second = (await send('interaction.log', { post: post({ postId: '2' }), inference: purchase })) as { interaction: { memberHandle: string } };
    expect(second.interaction.memberHandle).toBe('dana');

    // The content script of a site switched off stays idle; the team's terms reach the engine.
    expect(await send('feed.settings', { site: 'x' })).toMatchObject({ ok: true, enabled: false });
    expect(await send('feed.settings', { site: 'instagram' })).toEqual({ ok: true, enabled: true, terms: DEFAULT_SETTINGS.team.terms });
    expect(await send('feed.settings', { site: 'myspace' })).toMatchObject({ ok: false, error: expect.stringMatching(/Malformed feed\.settings/) });

    // Posts from a site switched off are not kept.
    expect(await send('posts.seen', { items: [{ post: post({ postId: '3' }), inference: purchase }] })).toEqual({ ok: true, stored: 0 });
    expect(await send('posts.seen', { items: [{ post: post({ site: 'instagram', postId: 'C4x' }), inference: purchase }] })).toEqual({ ok: true, stored: 1 });
  });

  it('opens the side panel through the callback the background gives', async () => {
    db = freshDB();
    const open = vi.fn();
    const answer = await dispatch(createHandlers(db, { handle: 'me' }, { openSidePanel: open }), { name: 'sidepanel.open', payload: { customerKey: 'x:dana_buys' } }, { tabId: 7 }, quiet);
    expect(answer).toEqual({ ok: true });
    expect(open).toHaveBeenCalledWith('x:dana_buys', { tabId: 7 });
    const none = await dispatch(createHandlers(db, { handle: 'me' }), { name: 'sidepanel.open', payload: { customerKey: 'x:dana_buys' } }, {}, quiet);
    expect(none).toMatchObject({ ok: false });
  });
});
