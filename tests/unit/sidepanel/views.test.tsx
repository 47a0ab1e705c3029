// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { flagLead, logInteraction, recordSeen, saveSettings, DEFAULT_SETTINGS, setLeadStatus, type AppDB } from '../../../lib/db';
import { at, freshDB, post, purchase, T0 } from '../db/helpers';
import { renderPanel } from './helpers';
import '../testing-library';

let db: AppDB;
afterEach(() => {
  cleanup();
  db?.close();
});

async function seedLeads(d: AppDB) {
  await flagLead(d, { post: post({ author: 'ann', authorName: 'Ann Lee', postId: '1' }), inference: purchase }, { me: 'dana', now: at(0) });
  await flagLead(d, { post: post({ author: 'bob', authorName: '=HYPERLINK("http://evil")', postId: '2', permalink: null }), inference: purchase }, { me: 'sam', now: at(1000) });
  const cy = await flagLead(d, { post: post({ author: 'cy', authorName: 'Cy, "the buyer" Ode', postId: '3' }), inference: purchase }, { me: 'dana', now: at(2000) });
  await setLeadStatus(d, cy.lead.id, 'contacted', { me: 'dana', now: at(3000) });
}

const leadNames = () =>
  within(screen.getByRole('list', { name: 'Leads' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('button')!.textContent);

describe('side panel: leads', () => {
  it('filters by status and owner, and exports what is shown as CSV and JSON', async () => {
    db = freshDB();
    await seedLeads(db);
    const user = userEvent.setup();
    const panel = renderPanel(db);
    await user.click(screen.getByRole('button', { name: 'Leads' }));
    await waitFor(() => expect(leadNames()).toEqual(['Cy, "the buyer" Ode', '=HYPERLINK("http://evil")', 'Ann Lee']));

    await user.selectOptions(screen.getByLabelText('Status'), 'new');
    await waitFor(() => expect(leadNames()).toEqual(['=HYPERLINK("http://evil")', 'Ann Lee']));
    await user.selectOptions(screen.getByLabelText('Owner'), 'dana');
    await waitFor(() => expect(leadNames()).toEqual(['Ann Lee']));
    await user.selectOptions(screen.getByLabelText('Status'), '');
    await waitFor(() => expect(leadNames()).toEqual(['Cy, "the buyer" Ode', 'Ann Lee']));

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(panel.downloads).toHaveLength(1);
    const csv = panel.downloads[0]!;
    expect(csv.filename).toMatch(/\.csv$/);
    expect(csv.content.replace(/^\ufeff/, '').split('\r\n')).toEqual([
      'First Name,Last Name,Handle,Profile URL,Source Post URL,Status,Owner,Created',
      `"Cy, ""the buyer""",Ode,cy,https://x.com/cy,https://x.com/dana_buys/status/1890000000000000001,contacted,dana,${at(2000).toISOString()}`,
      `Ann,Lee,ann,https://x.com/ann,https://x.com/dana_buys/status/1890000000000000001,new,dana,${at(0).toISOString()}`,
      '',
    ]);

    // All owners again: the formula-looking name is neutralised.
    await user.selectOptions(screen.getByLabelText('Owner'), '');
    await waitFor(() => expect(leadNames()).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const evilRow = panel.downloads[1]!.content.split('\r\n').find((line) => line.includes(',bob,'))!;
    expect(evilRow.startsWith(`,"'=HYPERLINK(""http://evil"")",bob,`)).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    const json = JSON.parse(panel.downloads[2]!.content);
    expect(json.leads.map((l: { customerKey: string }) => l.customerKey)).toEqual(['x:cy', 'x:bob', 'x:ann']);
  });
});

describe('side panel: customer data', () => {
  it('exports the customer as JSON, and erases only after confirmation', async () => {
    db = freshDB();
    await recordSeen(db, [{ post: post(), inference: purchase }], { me: 'dana', now: T0 });
    await logInteraction(db, { post: post(), inference: purchase }, { me: 'dana', now: T0 });
    await logInteraction(db, { post: post({ author: 'sam', postId: '9' }), inference: purchase }, { me: 'dana', now: T0 });
    const user = userEvent.setup();
    const panel = renderPanel(db, { customer: 'x:dana_buys' });
    await screen.findByRole('heading', { name: 'Dana Ruiz' });

    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    // The export reads IndexedDB before it downloads: the click returns first.
    await waitFor(() => expect(panel.downloads).toHaveLength(1));
    const exported = JSON.parse(panel.downloads[0]!.content);
    expect(exported).toMatchObject({ customerKey: 'x:dana_buys', customer: { handle: 'dana_buys' } });
    expect(exported.interactions).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Erase customer…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await db.interactions.count()).toBe(2);

    await user.click(screen.getByRole('button', { name: 'Erase customer…' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('@dana_buys');
    await user.click(within(dialog).getByRole('button', { name: 'Erase permanently' }));
    await screen.findByText(/Erased everything about @dana_buys \(2 records\)/);
    await waitFor(() => expect(panel.container.querySelectorAll('[data-entry-kind]')).toHaveLength(0));
    expect(await db.customers.get('x:dana_buys')).toBeUndefined();
    expect((await db.interactions.toArray()).map((i) => i.customerKey)).toEqual(['x:sam']);
    expect((await db.outbox.toArray()).map((e) => e.mutation.type)).toContain('customer.erase');
  });
});

describe('side panel: my work and search', () => {
  it('lists my open work, overdue first, against the response targets', async () => {
    db = freshDB();
    await saveSettings(db, { ...DEFAULT_SETTINGS, me: { handle: 'dana', displayName: 'Dana', department: 'sales' } });
    await flagLead(db, { post: post({ author: 'fresh', postedAt: at(-10 * 60_000).toISOString() }), inference: purchase }, { me: 'dana', now: T0 });
    await flagLead(db, { post: post({ author: 'late', postedAt: at(-3 * 3_600_000).toISOString() }), inference: purchase }, { me: 'dana', now: T0 });
    await flagLead(db, { post: post({ author: 'theirs' }), inference: purchase }, { me: 'sam', now: T0 });
    renderPanel(db, { now: () => T0 });
    await screen.findByRole('heading', { name: 'My work' });
    const items = await waitFor(() => {
      const list = screen.getAllByRole('listitem');
      expect(list).toHaveLength(2);
      return list;
    });
    expect(items[0]!.textContent).toMatch(/@late.*Waiting 3 h · target 1 h · overdue by 2 h/);
    expect(items[0]!.dataset.overdue).toBe('true');
    expect(items[1]!.textContent).toMatch(/@fresh.*Waiting 10 min · target 1 h · 50 min left/);
  });

  it('finds a customer by name and opens their history', async () => {
    db = freshDB();
    await recordSeen(db, [
      { post: post({ author: 'dana_buys', authorName: 'Dana Ruiz', postId: '1' }), inference: purchase },
      { post: post({ author: 'sam.k', authorName: 'Samuel Kent', postId: '2' }), inference: purchase },
    ], { me: 'dana', now: T0 });
    const user = userEvent.setup();
    const { container } = renderPanel(db);
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.type(screen.getByLabelText('Handle or name'), 'kent');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Customers found' })).getAllByRole('listitem')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Samuel Kent' }));
    await screen.findByRole('heading', { name: 'Samuel Kent' });
    await waitFor(() => expect(container.querySelector('[data-entry-kind="stage"][data-post-id="2"]')).toBeTruthy());
  });
});
