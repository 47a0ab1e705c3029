import { describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage, type DemoPost } from '../../scripts/demo/markup';
import type { Change } from '../../lib/model';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * Offline: the team backend goes away, Dana logs 50 interactions and flags 5 leads, the backend
 * comes back: everything arrives exactly once, in order per customer, without anyone pressing a
 * button.
 */


const complaints: DemoPost[] = Array.from({ length: 50 }, (_, i) => ({
  id: String(1863000000000000000n + BigInt(i)),
  handle: `rider_${i % 10}`,
  name: `Rider ${i % 10}`,
  text: `My order #${4000 + i} has still not arrived and support is not answering`,
}));
const buyers: DemoPost[] = Array.from({ length: 5 }, (_, i) => ({
  id: String(1863000000000001000n + BigInt(i)),
  handle: `buyer_${i}`,
  name: `Buyer ${i}`,
  text: `How much is the Lumen Glide ${i + 2}? Do you ship to Lyon?`,
}));

describe('offline, then back', () => {
  // Self-contained (its own backend and browser), so that a retry starts clean.
  it('delivers 50 interactions and 5 leads logged while the backend was down, exactly once and in order', { retry: 1, timeout: 150_000 }, async () => {
    const team = await startTeamBackend();
    const dana = await launchWithExtension();
    try {
      await team.connect(dana, 'dana');
      await dana.serve('https://x.com/home', feedPage('x', [...complaints, ...buyers]));
      await deliversWhatWasLoggedOffline(team, dana);
    } finally {
      await dana.close();
      await team.stop();
    }
  });
});

/** Dana works while the team is unreachable; the backend comes back; all of it arrives once, in order. */
async function deliversWhatWasLoggedOffline(team: TeamBackend, dana: ExtensionBrowser) {
  await team.pause();
  const { page, errors } = await dana.open('https://x.com/home');
  for (const post of [...complaints, ...buyers]) await page.locator(`switchboard-badge[data-post-id="${post.id}"]`).waitFor();
  for (const post of complaints) {
    // A DOM click on the badge's button: what this test checks is delivery, not pointer
    // actionability (the other suites click like a person), and 55 pointer clicks in a row now
    // and then waited out Playwright's stability check on this machine.
    await page.locator(`switchboard-badge[data-post-id="${post.id}"]`).getByRole('button', { name: 'Log interaction', exact: true }).dispatchEvent('click');
  }
  for (const post of buyers) {
    await page.locator(`switchboard-badge[data-post-id="${post.id}"]`).getByRole('button', { name: 'Flag lead', exact: true }).dispatchEvent('click');
  }
  // Every click was kept locally while the team was unreachable.
  await page.locator(`switchboard-badge[data-post-id="${buyers[4]!.id}"]`).getByText(/Lead flagged/).waitFor();

  await team.resume();
  const deadline = Date.now() + 60_000;
  let changes: Change[] = [];
  for (;;) {
    changes = await team.changes();
    const interactions = changes.filter((c) => c.kind === 'interaction').length;
    const leads = changes.filter((c) => c.kind === 'lead').length;
    if (interactions >= 50 && leads >= 5) break;
    if (Date.now() > deadline) throw new Error(`only ${interactions} interactions and ${leads} leads arrived`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const interactions = changes.flatMap((c) => (c.kind === 'interaction' ? [c.record] : []));
  expect(interactions).toHaveLength(50);
  expect(new Set(interactions.map((i) => i.id)).size).toBe(50);
  expect(new Set(interactions.map((i) => i.post.postId))).toEqual(new Set(complaints.map((p) => p.id)));
  // In the order Dana logged them, per customer.
  for (let rider = 0; rider < 10; rider++) {
    const mine = interactions.filter((i) => i.customerKey === `x:rider_${rider}`);
    const expected = complaints.filter((p) => p.handle === `rider_${rider}`).map((p) => p.id);
    expect(mine.map((i) => i.post.postId)).toEqual(expected);
  }
  const leads = changes.flatMap((c) => (c.kind === 'lead' ? [c.record] : []));
  expect(leads).toHaveLength(5);
  expect(leads.map((l) => l.customerKey).sort()).toEqual(buyers.map((b) => `x:${b.handle}`).sort());
  expect(errors).toEqual([]);
}
