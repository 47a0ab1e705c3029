// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { customerFromUrl } from '../../../components/sidepanel/SidePanelApp';
import { AppDB, flagLead, logInteraction, recordSeen, SCHEMA_VERSIONS } from '../../../lib/db';
import { at, failWrites, freshDB, post, purchase, quotaExceeded, snapshotAll } from '../db/helpers';
import { renderPanel } from './helpers';
import '../testing-library';

let db: AppDB;
afterEach(() => {
  cleanup();
  db?.close();
});

const entries = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-entry-kind]')].map((el) => [el.dataset.entryKind, el.dataset.postId]);

async function seed(d: AppDB) {
  await recordSeen(d, [{ post: post({ postId: '100', text: 'Is the <b>Barista Pro</b> in stock?' }), inference: purchase }], { me: 'dana', now: at(0) });
  await logInteraction(d, { post: post({ postId: '100' }), inference: purchase, note: 'answered price' }, { me: 'dana', now: at(60_000) });
  await flagLead(d, { post: post({ postId: '101' }), inference: purchase }, { me: 'dana', now: at(120_000) });
  await d.assignments.add({
    id: '01a207d6-81fb-7bed-bb35-1967bc161b06', customerKey: 'x:dana_buys',
    post: { site: 'x', postId: '102', postKey: 'x:102', permalink: 'javascript:alert(1)', text: 'help', postedAt: null },
    stage: 'purchase', department: 'sales', assignee: 'dana', status: 'open', createdBy: 'sam',
    createdAt: at(180_000).toISOString(), updatedAt: at(180_000).toISOString(), version: 1,
  });
  // Another customer's record never shows in this history.
  await logInteraction(d, { post: post({ postId: '200', author: 'sam' }), inference: purchase }, { me: 'dana', now: at(240_000) });
}

describe('side panel: customer history (CONTRACT section 3)', () => {
  it('reads the customer from ?customer=', () => {
    expect(customerFromUrl('chrome-extension://abc/sidepanel.html?customer=x%3Adana_buys')).toBe('x:dana_buys');
    expect(customerFromUrl('chrome-extension://abc/sidepanel.html?customer=x:Dana_Buys')).toBe('x:dana_buys');
    expect(customerFromUrl('chrome-extension://abc/sidepanel.html?customer=myspace:tom')).toBeNull();
    expect(customerFromUrl('chrome-extension://abc/sidepanel.html')).toBeNull();
  });

  it('shows every entry with data-entry-kind and data-post-id, newest first', async () => {
    db = freshDB();
    await seed(db);
    const { container } = renderPanel(db, { customer: 'x:dana_buys' });
    await screen.findByRole('heading', { name: 'Dana Ruiz' });
    // One stage seen so far: when it was first seen.
    expect(await screen.findByText(/^First seen (?!since)\S/)).toBeTruthy();
    await waitFor(() =>
      expect(entries(container)).toEqual([
        ['assignment', '102'],
        ['lead', '101'],
        ['interaction', '100'],
        ['stage', '100'],
      ]),
    );
    // Post text is text: the markup in it is shown, never parsed.
    const stage = container.querySelector('[data-entry-kind="stage"]')!;
    expect(stage.textContent).toContain('Is the <b>Barista Pro</b> in stock?');
    expect(stage.querySelector('b')).toBeNull();
    // A permalink that is not a web address is not a link.
    expect(container.querySelector('[data-entry-kind="assignment"] a')).toBeNull();
    expect(container.querySelector('[data-entry-kind="interaction"] a')?.getAttribute('href')).toMatch(/^https:\/\/x\.com\//);
    // The note shows in Notes too; the stage and its trend in the header.
    expect(screen.getByRole('heading', { name: 'Notes' })).toBeTruthy();
    expect(screen.getAllByText('answered price').length).toBeGreaterThan(0);
    expect(screen.getByText('Purchase', { selector: '.sb-pill' })).toBeTruthy();
  });

  it('updates live when a record is added while open', async () => {
    db = freshDB();
    await seed(db);
    const { container } = renderPanel(db, { customer: 'x:dana_buys' });
    await waitFor(() => expect(entries(container)).toHaveLength(4));
    await act(async () => {
      await logInteraction(db, { post: post({ postId: '103' }), inference: purchase }, { me: 'dana' });
    });
    await waitFor(() => expect(entries(container)[0]).toEqual(['interaction', '103']), { timeout: 1000 });
    expect(container.querySelector('[data-entry-kind="interaction"][data-post-id="103"]')).toBeTruthy();
  });

  it('opens on a customer picked later, and on one with no history says so', async () => {
    db = freshDB();
    await seed(db);
    const panel = renderPanel(db, { customer: 'x:nobody' });
    await screen.findByText(/nothing about x:nobody/);
    act(() => panel.select('x:dana_buys'));
    await screen.findByRole('heading', { name: 'Dana Ruiz' });
  });

  it('adds a note from the panel, and undoes it', async () => {
    db = freshDB();
    await seed(db);
    const user = userEvent.setup();
    const { container } = renderPanel(db, { customer: 'x:dana_buys' });
    const form = await screen.findByRole('form', { name: 'Add to history' });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'call');
    await user.type(within(form).getByLabelText('Note'), 'called, will order Friday');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(container.querySelector('[data-entry-kind="interaction"] .sb-note')?.textContent).toBe('called, will order Friday'));
    const added = (await db.interactions.toArray()).find((i) => i.kind === 'call');
    expect(added).toMatchObject({ note: 'called, will order Friday', memberHandle: 'me' });

    await user.click(within(form).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByText('called, will order Friday', { selector: '.sb-note' })).toBeNull());
    expect((await db.interactions.toArray()).some((i) => i.kind === 'call')).toBe(false);
  });

  it('says clearly when the browser refuses the write (storage full), and changes nothing', async () => {
    db = freshDB();
    await seed(db);
    const before = await snapshotAll(db);
    // A middleware takes effect when the database opens.
    db.close();
    failWrites(db, 'interactions', quotaExceeded);
    await db.open();
    const user = userEvent.setup();
    renderPanel(db, { customer: 'x:dana_buys' });
    const form = await screen.findByRole('form', { name: 'Add to history' });
    await user.type(within(form).getByLabelText('Note'), 'will call back');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/storage for Switchboard is full, so the interaction was not saved and nothing was changed/);
    expect(await snapshotAll(db)).toEqual(before);
    // What was typed is still there, to try again.
    expect((within(form).getByLabelText('Note') as HTMLTextAreaElement | HTMLInputElement).value).toBe('will call back');
  });

  it('moves a lead along from the customer view', async () => {
    db = freshDB();
    await seed(db);
    const user = userEvent.setup();
    renderPanel(db, { customer: 'x:dana_buys' });
    const select = await screen.findByLabelText('Lead status', { selector: '.sb-lead-open select' });
    expect([...(select as HTMLSelectElement).options].map((o) => o.value)).toEqual(['new', 'contacted', 'lost']);
    await user.selectOptions(select, 'contacted');
    await waitFor(async () => expect((await db.leads.toArray())[0]).toMatchObject({ status: 'contacted', version: 2 }));
  });

  it('a database that fails to upgrade shows a clear message and keeps the data', async () => {
    db = freshDB();
    await seed(db);
    db.close();
    const broken = new AppDB(db.name, [
      ...SCHEMA_VERSIONS,
      { version: 99, stores: {}, upgrade: () => { throw new Error('upgrade bug'); } },
    ]);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      renderPanel(broken, { customer: 'x:dana_buys' });
      const alert = await screen.findByText(/could not read its local database\. Nothing was changed/);
      expect(alert.closest('[role="alert"]')).toBeTruthy();
    } finally {
      quiet.mockRestore();
      broken.close();
    }
    db = freshDB();
    const again = new AppDB(broken.name);
    expect(await again.interactions.count()).toBe(2);
    again.close();
  });
});
