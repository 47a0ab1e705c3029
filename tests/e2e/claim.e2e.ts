import { describe, expect, it } from 'vitest';
import { DEMO_POSTS } from '../../scripts/demo/posts';
import type { Assignment } from '../../lib/model';
import { twoMembersOnX } from './team-backend';

/**
 * Collisions between two members, in two browser profiles with the extension, through one team
 * backend (embedded PGlite) on loopback: both claim the same post at once and exactly one owns it,
 * the other told who; opening a post's card shows "Dana is on it" on the teammate's badge.
 */

const members = twoMembersOnX();

describe('collisions between two members', () => {
  it('two members claim the same post at once: exactly one owns it, the other sees who', async () => {
    const post = DEMO_POSTS.x[1]!;
    const feeds = { dana: (await members.dana.open('https://x.com/home')).page, sam: (await members.sam.open('https://x.com/home')).page };
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
      stored = (await members.team.assignmentsOn(`x:${post.handle}`)).filter((a) => a.post.postId === post.id);
      if (stored.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // let the second push land, then check again
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    stored = (await members.team.assignmentsOn(`x:${post.handle}`)).filter((a) => a.post.postId === post.id);
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
    expect((await members.team.assignmentsOn(`x:${post.handle}`)).filter((a) => a.post.postId === post.id)).toMatchObject([{ assignee: winner, version: 1 }]);
  });

  it("opening a post's card shows \"Dana is on it\" on Sam's badge within two seconds", async () => {
    const post = DEMO_POSTS.x[7]!;
    const samFeed = members.sam.context.pages().find((p) => p.url().startsWith('https://x.com')) ?? (await members.sam.open('https://x.com/home')).page;
    const danaFeed = members.dana.context.pages().find((p) => p.url().startsWith('https://x.com')) ?? (await members.dana.open('https://x.com/home')).page;
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
