// @vitest-environment node
import './dom-env';
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectForm } from '../../../components/sync/ConnectForm';
import { SyncStatus } from '../../../components/sync/SyncStatus';
import { flagLead, loadSettings, logInteraction, setLeadStatus, type AppDB } from '../../../lib/db';
import { connect, createSyncEngine, readConnection, readSyncState } from '../../../lib/sync';
import '../testing-library';
import { backendPerFile, post, SERVER_URL } from './harness';

const purchase = { stage: 'purchase', department: 'sales', confidence: 0.9 } as const;

const env = backendPerFile();
afterEach(() => {
  cleanup();
  env.backend.down = false;
});

const db = env.db;

async function everything(local: AppDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of local.tables) out[table.name] = await table.toArray();
  return out;
}

describe('ConnectForm (options page, CONTRACT section 6)', () => {
  it('connects with Team server and Access token, then shows Connected as <handle> with the team', async () => {
    const team = await env.backend.team('Acme Coffee');
    const token = await team.member('dana', 'service');
    const local = db();
    const user = userEvent.setup();
    render(<ConnectForm db={local} fetch={env.backend.fetch} />);

    await user.type(await screen.findByLabelText('Team server'), 'http://sb.test/');
    await user.type(screen.getByLabelText('Access token'), token);
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    const status = await screen.findByText(/Connected as/);
    expect(status.textContent).toMatch(/^Connected as dana to Acme Coffee/);
    expect(screen.queryByLabelText('Access token')).toBeNull();
    expect((await readConnection(local))!.member.handle).toBe('dana');
    expect((await loadSettings(local)).settings.me.department).toBe('service');
  });

  it('a wrong token: a clear message, and nothing changed', async () => {
    const local = db();
    await logInteraction(local, { post: post('offline_customer'), inference: purchase }, { me: 'me' });
    const before = await everything(local);
    const user = userEvent.setup();
    render(<ConnectForm db={local} fetch={env.backend.fetch} />);
    await user.type(await screen.findByLabelText('Team server'), SERVER_URL);
    await user.type(screen.getByLabelText('Access token'), 'sb_' + 'z'.repeat(43));
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^The team server refused this access token/);
    expect(await everything(local)).toEqual(before);
    expect(screen.queryByText(/Connected as/)).toBeNull();
  });

  it('a wrong address: a clear message, and nothing changed', async () => {
    const local = db();
    const before = await everything(local);
    const user = userEvent.setup();
    render(<ConnectForm db={local} fetch={env.backend.fetch} />);
    await user.type(await screen.findByLabelText('Team server'), 'https://typo.example');
    await user.type(screen.getByLabelText('Access token'), 'sb_' + 'z'.repeat(43));
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not reach a team server at https:\/\/typo\.example/);
    expect(await everything(local)).toEqual(before);
  });

  it('Disconnect keeps local data', async () => {
    const team = await env.backend.team('Leaving');
    const local = db();
    await connect(local, { serverUrl: SERVER_URL, token: await team.member('sam', 'sales') }, env.backend.fetch);
    await logInteraction(local, { post: post('kept'), inference: purchase }, { me: 'sam' });
    const user = userEvent.setup();
    render(<ConnectForm db={local} fetch={env.backend.fetch} />);
    await screen.findByText(/Connected as/);
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await screen.findByText(/^Disconnected\. Everything you logged stays on this device/);
    expect(await readConnection(local)).toBeUndefined();
    expect(await local.interactions.count()).toBe(1);
    expect(await local.outbox.count()).toBe(1);
    expect(await screen.findByLabelText('Team server')).toBeTruthy();
    expect(screen.queryByText(/Connected as/)).toBeNull();
  });

  it('after a revocation: the reason, and the form to connect again', async () => {
    const team = await env.backend.team('Revoked form');
    const local = db();
    await connect(local, { serverUrl: SERVER_URL, token: await team.member('lee') }, env.backend.fetch);
    for (const id of await team.tokenIds('lee')) await team.api.delete(`/v1/tokens/${id}`);
    await createSyncEngine({ db: local, fetch: env.backend.fetch, channel: false }).syncNow();
    render(<ConnectForm db={local} fetch={env.backend.fetch} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Your access to Revoked form was revoked/);
    expect((screen.getByLabelText('Team server') as HTMLInputElement).value).toBe(SERVER_URL);
  });
});

describe('SyncStatus (side panel)', () => {
  it('shows offline with the reason and what waits, then the conflicts, which can be dismissed', async () => {
    const team = await env.backend.team('Status');
    const dana = db();
    const sam = db();
    await connect(dana, { serverUrl: SERVER_URL, token: await team.member('dana', 'sales') }, env.backend.fetch);
    await connect(sam, { serverUrl: SERVER_URL, token: await team.member('sam', 'sales') }, env.backend.fetch);
    const danaSync = createSyncEngine({ db: dana, fetch: env.backend.fetch, channel: false });
    const samSync = createSyncEngine({ db: sam, fetch: env.backend.fetch, channel: false });
    const { lead } = await flagLead(dana, { post: post('status_lead'), inference: purchase }, { me: 'dana' });
    await danaSync.syncNow();
    await samSync.syncNow();

    const user = userEvent.setup();
    const { container } = render(<SyncStatus db={sam} />);
    await waitFor(() => expect(container.querySelector('[data-sync-status="synced"]')).toBeTruthy());
    expect(screen.getByRole('status').textContent).toMatch(/^In sync with Status/);

    env.backend.down = true;
    await setLeadStatus(sam, lead.id, 'contacted', { me: 'sam' });
    await samSync.syncNow();
    await waitFor(() => expect(container.querySelector('[data-sync-status="offline"]')).toBeTruthy());
    expect(screen.getByRole('status').textContent).toMatch(
      /^Offline\. Can’t reach the team server at sb\.test.* 1 change waiting on this device\. Next try in \d+ s\.$/,
    );

    // Meanwhile Dana closed the lead.
    env.backend.down = false;
    for (const status of ['lost'] as const) await setLeadStatus(dana, lead.id, status, { me: 'dana' });
    await danaSync.syncNow();
    await samSync.syncNow({ force: true });
    const item = await screen.findByText(/A teammate already moved the lead on x:status_lead to “lost”/);
    expect(item.closest('li')!.getAttribute('data-conflict-kind')).toBe('lead');
    await user.click(within(item.closest('li')!).getByRole('button', { name: /^Dismiss/ }));
    await waitFor(() => expect(screen.queryByText(/already moved the lead/)).toBeNull());
    expect((await readSyncState(sam)).status).toBe('synced');
  });

  it('says what it waits for when the team server is slow to answer, rather than "Syncing…"', async () => {
    const team = await env.backend.team('Slow');
    const sam = db();
    await connect(sam, { serverUrl: SERVER_URL, token: await team.member('sam', 'sales') }, env.backend.fetch);
    await flagLead(sam, { post: post('slow_lead'), inference: purchase }, { me: 'sam' });
    // A server that accepts the request and never answers.
    const hanging = createSyncEngine({ db: sam, fetch: () => new Promise<Response>(() => {}), channel: false });
    void hanging.syncNow();
    // The engine's own "syncing" (connect() already left one, with nothing pending): its time is
    // when the request went out.
    await waitFor(async () => expect(await readSyncState(sam)).toMatchObject({ status: 'syncing', pending: 1 }));
    // The panel's clock stands 5 s after that, whatever time the test itself takes to get here
    // (seconds, on a busy machine).
    const sent = Date.parse((await readSyncState(sam)).updatedAt);
    const later = () => new Date(sent + 5_000);
    const { container } = render(<SyncStatus db={sam} now={later} />);
    await waitFor(() => expect(container.querySelector('[data-sync-status="syncing"]')).toBeTruthy());
    expect(screen.getByRole('status').textContent).toBe('Waiting for the team server at sb.test (5 s)… 1 change waiting on this device.');
  });

  it('lists a change the team server refused, to send again; Sync now asks the background', async () => {
    const team = await env.backend.team('Refused');
    const sam = db();
    await connect(sam, { serverUrl: SERVER_URL, token: await team.member('sam', 'sales') }, env.backend.fetch);
    await flagLead(sam, { post: post('refused_lead'), inference: purchase }, { me: 'sam' });
    await sam.outbox.toCollection().modify((e) => {
      if (e.mutation.type === 'lead.put') e.mutation = { ...e.mutation, record: { ...e.mutation.record, owner: 'nobody' } };
    });
    await createSyncEngine({ db: sam, fetch: env.backend.fetch, channel: false }).syncNow();

    const user = userEvent.setup();
    render(<SyncStatus db={sam} />);
    const item = await screen.findByText(/^Lead on x:refused_lead \(new\): lead owner nobody is not a member of the team/);
    await user.click(within(item.closest('li')!).getByRole('button', { name: /^Send again/ }));
    await waitFor(() => expect(screen.queryByText(/^Lead on x:refused_lead/)).toBeNull());
    expect(await sam.outbox.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(async () => expect(await sam.meta.get('sync.request')).toBeTruthy());
  });
});
