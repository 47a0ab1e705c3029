// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsApp } from '../../../components/options/OptionsApp';
import { backupHistory, loadSettings, logInteraction, recordSeen, type AppDB } from '../../../lib/db';
import { at, freshDB, post, purchase, snapshotAll } from '../db/helpers';
import '../testing-library';

let db: AppDB;
afterEach(() => {
  cleanup();
  db?.close();
});

describe('options page', () => {
  it('saves who I am, team terms, sites and retention, validated', async () => {
    db = freshDB();
    const user = userEvent.setup();
    render(<OptionsApp db={db} />);
    const handle = await screen.findByLabelText('Handle');
    expect((handle as HTMLInputElement).value).toBe('me');
    expect(screen.getByText(/Not connected to a team/)).toBeTruthy();

    await user.clear(handle);
    await user.type(handle, '@Dana_R');
    await user.type(screen.getByLabelText('Display name'), 'Dana Ruiz');
    await user.selectOptions(screen.getByLabelText('Department'), 'sales');
    await user.type(screen.getByLabelText('Brands'), 'Brewline\nBrewline\n\nBarista Co');
    await user.type(screen.getByLabelText('Competitors'), 'Kafeo, Moka');
    await user.click(screen.getByLabelText('Facebook'));
    const retention = screen.getByLabelText('Keep seen posts for');
    await user.clear(retention);
    await user.type(retention, '90');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');

    const { settings } = await loadSettings(db);
    expect(settings.me).toEqual({ handle: 'dana_r', displayName: 'Dana Ruiz', department: 'sales' });
    expect(settings.team.terms.brands).toEqual(['Brewline', 'Barista Co']);
    expect(settings.team.terms.competitors).toEqual(['Kafeo', 'Moka']);
    expect(settings.sites).toEqual({ x: true, facebook: false, instagram: true });
    expect(settings.retentionDays).toBe(90);
  });

  it('refuses invalid settings with a clear message and stores nothing', async () => {
    db = freshDB();
    const user = userEvent.setup();
    render(<OptionsApp db={db} />);
    const handle = await screen.findByLabelText('Handle');
    await user.clear(handle);
    await user.type(handle, 'not a handle!');
    const retention = screen.getByLabelText('Keep seen posts for');
    await user.clear(retention);
    await user.type(retention, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Handle:/);
    expect(alert.textContent).toMatch(/Keep seen posts for:/);
    expect(handle.getAttribute('aria-invalid')).toBe('true');
    expect(await db.meta.get('settings')).toBeUndefined();
  });

  it('says when stored settings cannot be read, without overwriting them', async () => {
    db = freshDB();
    await db.meta.put({ key: 'settings', value: { version: 1, me: 'garbled' } });
    render(<OptionsApp db={db} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Settings could not be read/);
    expect((await db.meta.get('settings'))?.value).toEqual({ version: 1, me: 'garbled' });
  });

  it('removes seen posts older than the retention on request', async () => {
    db = freshDB();
    await recordSeen(db, [{ post: post(), inference: purchase }], { me: 'me', now: new Date(Date.now() - 400 * 86_400_000) });
    const user = userEvent.setup();
    render(<OptionsApp db={db} />);
    await user.click(await screen.findByRole('button', { name: 'Remove older seen posts now' }));
    await screen.findByText('Removed 1 seen post older than 180 days.');
    await waitFor(async () => expect(await db.observations.count()).toBe(0));
  });
});

describe('options page: history backup', () => {
  it('restores a backup file chosen by the member, and says what it added', async () => {
    const source = freshDB();
    await logInteraction(source, { post: post({ postId: '7' }), inference: purchase, note: 'called back' }, { me: 'dana', now: at(0) });
    const file = new File([JSON.stringify(await backupHistory(source))], 'switchboard-history.json', { type: 'application/json' });
    source.close();

    db = freshDB();
    const user = userEvent.setup();
    render(<OptionsApp db={db} />);
    await user.upload(await screen.findByLabelText('Restore from a backup'), file);
    await screen.findByText(/^Restored from switchboard-history\.json: 2 records added, 0 already here\.$/);
    expect((await db.interactions.toArray()).map((i) => i.note)).toEqual(['called back']);
  });

  it('refuses a file that is not a backup, clearly, and changes nothing', async () => {
    db = freshDB();
    const before = await snapshotAll(db);
    const user = userEvent.setup();
    render(<OptionsApp db={db} />);
    await user.upload(await screen.findByLabelText('Restore from a backup'), new File(['{"hello": 1}'], 'notes.json', { type: 'application/json' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This file is not a Switchboard history backup or customer export.');
    expect(await snapshotAll(db)).toEqual(before);
  });
});
