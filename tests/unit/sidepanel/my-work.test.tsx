// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSettings, DEFAULT_SETTINGS, type AppDB } from '../../../lib/db';
import type { Assignment } from '../../../lib/model';
import { at, freshDB, T0 } from '../db/helpers';
import { renderPanel } from './helpers';
import '../testing-library';

/**
 * "My work" lists the assignments that reach me from the team: routed by the team server at a
 * teammate's request, or given to me by name; each with the time left against the response target
 * for its stage, counting down while the panel is open.
 */

let db: AppDB;
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  db?.close();
});

function assignment(id: string, overrides: Partial<Assignment>): Assignment {
  return {
    id,
    customerKey: 'x:maya',
    post: { site: 'x', postId: '1861', postKey: 'x:1861', permalink: null, text: 'my order is broken', postedAt: at(-20 * 60_000).toISOString() },
    stage: 'post-purchase',
    department: 'service',
    assignee: 'dana',
    status: 'open',
    createdBy: 'sam',
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    version: 2,
    ...overrides,
  };
}

/** Teammates' records, as a pull leaves them in the table (tests/unit/sync/assignments.test.ts pulls for real). */
async function pulled(records: Assignment[]) {
  await db.assignments.bulkPut(records);
}

describe('side panel: My work', () => {
  it('lists what the router or a teammate gave me, with a countdown against the response target', async () => {
    db = freshDB();
    await saveSettings(db, { ...DEFAULT_SETTINGS, me: { handle: 'dana', displayName: 'Dana', department: 'service' } });
    await pulled([
      assignment('0190b6a0-0000-7000-8000-000000000001', {}),
      assignment('0190b6a0-0000-7000-8000-000000000002', {
        customerKey: 'x:noor',
        stage: 'pre-purchase',
        department: 'marketing',
        createdBy: 'lee',
        post: { site: 'x', postId: '1862', postKey: 'x:1862', permalink: null, text: '', postedAt: at(-30 * 60_000).toISOString() },
      }),
      // Not mine, or finished: not listed.
      assignment('0190b6a0-0000-7000-8000-000000000003', { assignee: 'lee' }),
      assignment('0190b6a0-0000-7000-8000-000000000004', { status: 'done' }),
      assignment('0190b6a0-0000-7000-8000-000000000005', { assignee: null }),
    ]);
    // The panel's clock ticks on an interval: those are the only timers taken over.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = T0;
    renderPanel(db, { now: () => now });
    await screen.findByRole('heading', { name: 'My work' });
    const items = () => screen.getAllByRole('listitem').map((li) => li.textContent);
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(items()).toEqual([
      '@noor Assignment · Pre-purchase · from @leeWaiting 30 min · target 1 d · 23 h 30 min left',
      '@maya Assignment · Post-purchase · from @samWaiting 20 min · target 1 h · 40 min left',
    ]);

    // Three quarters of an hour later, without anything else happening: maya's post is overdue and first.
    now = at(45 * 60_000);
    act(() => vi.advanceTimersByTime(30_000));
    await waitFor(() => expect(items()[0]).toBe('@maya Assignment · Post-purchase · from @samWaiting 1 h 5 min · target 1 h · overdue by 5 min'));
    expect(screen.getAllByRole('listitem')[0]!.dataset.overdue).toBe('true');
    expect(items()[1]).toMatch(/@noor.*Waiting 1 h 15 min · target 1 d · 22 h 45 min left/);
  });
});
