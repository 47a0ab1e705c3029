import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';
import type { Assignment } from '../../lib/model';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * Collisions between two members, in two browser profiles with the extension, through one team
 * backend (embedded PGlite) on loopback: both claim the same post at once and exactly one owns it,
 * the other told who; opening a post's card shows "Dana is on it" on the teammate's badge.
 */

let team: TeamBackend;
let dana: ExtensionBrowser;
let sam: ExtensionBrowser;

beforeAll(async () => {
  team = await startTeamBackend();
  dana = await launchWithExtension();
  sam = await launchWithExtension();
  await team.connect(dana, 'dana');
  await team.connect(sam, 'sam');
  for (const browser of [dana, sam]) await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
});

afterAll(async () => {
  await dana?.close();
  await sam?.close();
  await team?.stop();
});

async function assignmentsOn(customerKey: string): Promise<Assignment[]> {
  const response = await fetch(`${team.url}/v1/assignments?customerKey=${encodeURIComponent(customerKey)}`, {
    headers: { authorization: `Bearer ${team.tokens.dana}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { assignments: Assignment[] }).assignments;
}

describe('collisions between two members', () => {
  it('two members claim the same post at once: exactly one owns it, the other sees who', async () => {
    const post = DEMO_POSTS.x[1]!;
    const feeds = { dana: (await dana.open('https://x.com/home')).page, sam: (await sam.open('https://x.com/home')).page };
    const badges = {
      dana: feeds.dana.locator(`switchboard-badge[data-post-id="${post.id}"]`),
      sam: feeds.sam.locator(`switchboard-badge[data-post-id="${post.id}"]`),
    };
    for (const badge of Object.values(badges)) {
      await badge.getByRole('button', { name: /^Switchboard:/ }).click();
      await badge.getByRole('button', { name: 'Claim', exact: true }).waitFor();
    }
    await Promise.all(Object.values(badges).map((badge) => badge.getByRole('button', { name: 'Claim', exact: true }).click()));

    // The backend holds one assignment for the post, open, owned by one of them.
    let stored: Assignment[] = [];
    for (let i = 0; i < 40; i++) {
      stored = (await assignmentsOn(`x:${post.handle}`)).filter((a) => a.post.postId === post.id);
      if (stored.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // let the second push land, then check again
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    stored = (await assignmentsOn(`x:${post.handle}`)).filter((a) => a.post.postId === post.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'open' });
    const winner = stored[0]!.assignee as 'dana' | 'sam';
    expect(['dana', 'sam']).toContain(winner);
    const loser = winner === 'dana' ? 'sam' : 'dana';

    await feeds[loser].bringToFront();
    await badges[loser].getByText(new RegExp(`Assigned to ${winner}|${winner} already (took|has) this post`)).waitFor({ timeout: 5_000 });
    await feeds[winner].bringToFront();
    await badges[winner].getByText(/Assigned to you/).waitFor({ timeout: 5_000 });
    // The loser can no longer claim it: the badge says who has it.
    await feeds[loser].bringToFront();
    await badges[loser].getByRole('button', { name: /^Switchboard:/ }).click();
    await badges[loser].getByRole('button', { name: /^Switchboard:/ }).click();
    await badges[loser].getByRole('button', { name: 'Claim', exact: true }).click();
    await badges[loser].getByText(`${winner} already has this post`, { exact: true }).waitFor({ timeout: 5_000 });
    expect((await assignmentsOn(`x:${post.handle}`)).filter((a) => a.post.postId === post.id)).toMatchObject([{ assignee: winner, version: 1 }]);
  });

  it("opening a post's card shows \"Dana is on it\" on Sam's badge within two seconds", async () => {
    const post = DEMO_POSTS.x[7]!;
    const samFeed = sam.context.pages().find((p) => p.url().startsWith('https://x.com')) ?? (await sam.open('https://x.com/home')).page;
    const danaFeed = dana.context.pages().find((p) => p.url().startsWith('https://x.com')) ?? (await dana.open('https://x.com/home')).page;
    const samBadge = samFeed.locator(`switchboard-badge[data-post-id="${post.id}"]`);
    await samBadge.waitFor();
    await danaFeed.bringToFront();
    const danaBadge = danaFeed.locator(`switchboard-badge[data-post-id="${post.id}"]`);
    await danaBadge.waitFor();
    expect(await samBadge.getByText(/is on it/).count()).toBe(0);
    const opened = Date.now();
    await danaBadge.getByRole('button', { name: /^Switchboard:/ }).hover();
    await danaBadge.getByRole('button', { name: 'Claim', exact: true }).waitFor();
    await samFeed.bringToFront();
    await samBadge.getByText(/Dana is on it/).waitFor({ timeout: 5_000 });
    expect(Date.now() - opened).toBeLessThan(2_000);
    // never for myself
    expect(await danaBadge.getByText(/is on it/).count()).toBe(0);
  });
});
