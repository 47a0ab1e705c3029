import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { OutboxEntry } from '../../../lib/db';
import type { Lead, Mutation } from '../../../lib/model';
import {
  backoffDelay,
  badgeFor,
  ConnectError,
  disconnectedState,
  normalizeServerUrl,
  reachableStatuses,
  selectBatch,
  SYNC_BACKOFF,
  type SyncState,
} from '../../../lib/sync';

describe('backoff', () => {
  it('doubles per failure between half and all of the ceiling, capped, with a Retry-After floor', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 0.999999)).toBe(2_000);
    expect(backoffDelay(2, () => 0)).toBe(2_000);
    expect(backoffDelay(4, () => 0.5)).toBe(12_000);
    expect(backoffDelay(40, () => 0.999999)).toBe(SYNC_BACKOFF.maxMs);
    expect(backoffDelay(1, () => 0, SYNC_BACKOFF, 30_000)).toBe(30_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(3, Math.random)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(4_000);
  });
});

describe('team server address', () => {
  it('is normalised: scheme added, host lower case, no trailing slash, no /v1, no query', () => {
    expect(normalizeServerUrl(' https://SB.Example.com/ ')).toBe('https://sb.example.com');
    expect(normalizeServerUrl('sb.example.com')).toBe('https://sb.example.com');
    expect(normalizeServerUrl('localhost:8787')).toBe('http://localhost:8787');
    expect(normalizeServerUrl('http://127.0.0.1:8787/v1/')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('https://corp.example/switchboard/?x=1#y')).toBe('https://corp.example/switchboard');
  });

  it('refuses what is not a web address, with a message that says so', () => {
    expect(() => normalizeServerUrl('')).toThrow(ConnectError);
    expect(() => normalizeServerUrl('ftp://sb.example.com')).toThrow(/https:\/\//);
    expect(() => normalizeServerUrl('https://user:pw@sb.example.com')).toThrow(/access token in its own field/);
    expect(() => normalizeServerUrl('http://exa mple.com')).toThrow(/not a web address/);
  });
});

describe('toolbar badge', () => {
  const base = (over: Partial<SyncState>): SyncState => ({ ...disconnectedState(new Date()), connectedAt: new Date().toISOString(), ...over });

  it('is quiet when in sync, counts waiting changes offline, and says ! on errors', () => {
    expect(badgeFor(base({ status: 'synced' }), 'Acme')).toMatchObject({ text: '', title: 'Switchboard: in sync with Acme' });
    expect(badgeFor(base({ status: 'offline', pending: 12, reason: 'Can’t reach the team server at sb.test.' })).text).toBe('12');
    expect(badgeFor(base({ status: 'offline', pending: 5000 })).text).toBe('999+');
    expect(badgeFor(base({ status: 'offline', pending: 0 })).text).toBe('off');
    const revoked = badgeFor(base({ status: 'error', problem: 'revoked', reason: 'Your access to Acme was revoked (x).' }));
    expect(revoked).toMatchObject({ text: '!', color: '#b91c1c' });
    expect(revoked.title).toContain('Your access to Acme was revoked');
    expect(badgeFor(disconnectedState(new Date())).text).toBe('');
  });
});

describe('lead intents', () => {
  it('knows which statuses a lead can still reach', () => {
    expect([...reachableStatuses('new')].sort()).toEqual(['contacted', 'lost', 'qualified', 'won']);
    expect([...reachableStatuses('qualified')].sort()).toEqual(['lost', 'won']);
    expect(reachableStatuses('won').size).toBe(0);
  });
});

describe('push batches', () => {
  const lead: Lead = {
    id: uuidv7(),
    customerKey: 'x:bob',
    source: { site: 'x', postId: '1', postKey: 'x:1', permalink: null, text: 'hi', postedAt: null },
    status: 'new',
    owner: 'me',
    note: '',
    createdAt: '2025-03-02T10:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
    version: 1,
  };
  let seq = 0;
  const entry = (mutation: Mutation): OutboxEntry => ({
    seq: ++seq,
    mutationId: mutation.mutationId,
    customerKey: 'x:bob',
    recordId: 'record' in mutation ? mutation.record.id : undefined,
    state: 'pushing',
    mutation,
  } as OutboxEntry);
  const put = (status: Lead['status'], baseVersion: number | null): Mutation => ({
    mutationId: uuidv7(),
    createdAt: '2025-03-02T10:00:00.000Z',
    type: 'lead.put',
    record: { ...lead, status, version: (baseVersion ?? 0) + 1 },
    baseVersion,
  });
  const erase = (): Mutation => ({ mutationId: uuidv7(), createdAt: '2025-03-02T10:00:00.000Z', type: 'customer.erase', customerKey: 'x:bob' });

  it('stop before a second change of the same lead, so a conflict on the first is settled first', () => {
    const entries = [entry(erase()), entry(put('new', null)), entry(erase()), entry(put('contacted', 1)), entry(erase())];
    expect(selectBatch(entries, 1_000_000).map((e) => e.seq)).toEqual(entries.slice(0, 3).map((e) => e.seq));
  });

  it('fit the byte budget, but always carry at least one entry', () => {
    const entries = Array.from({ length: 10 }, () => entry(erase()));
    const one = JSON.stringify(entries[0]!.mutation).length + 1;
    expect(selectBatch(entries, 16 + one * 3)).toHaveLength(3);
    expect(selectBatch(entries, 1)).toHaveLength(1);
  });
});
