import { describe, expect, it } from 'vitest';
import { DEMO_POSTS } from '../../scripts/demo/posts';
import type { ExtensionBrowser } from '../../scripts/browser';
import { twoMembersOnX } from './team-backend';

/**
 * Assignments in the feed, in two browser profiles through one team backend (embedded PGlite) on
 * loopback: Sam (sales) asks the team server to route a post to Service from his badge; the
 * router gives it to Dana, the only member of Service, and she sees it in My work and on her
 * badge, while Sam's badge says who has it.
 */

const members = twoMembersOnX();

describe('assignments in the feed', () => {
  it('Sam lets the team server route a post to Service; Dana gets it in My work and on her badge', async () => {
    const refund = DEMO_POSTS.x[7]!;
    const badgeOf = (page: Awaited<ReturnType<ExtensionBrowser['open']>>['page']) => page.locator(`switchboard-badge[data-post-id="${refund.id}"]`);

    const danaPanel = await members.dana.context.newPage();
    await danaPanel.goto(`chrome-extension://${members.dana.extensionId}/sidepanel.html`);
    await danaPanel.getByRole('heading', { name: 'My work' }).waitFor();
    expect(await danaPanel.getByText(`@${refund.handle}`).count()).toBe(0);

    const samFeed = (await members.sam.open('https://x.com/home')).page;
    const samBadge = badgeOf(samFeed);
    await samBadge.getByRole('button', { name: /^Switchboard:/ }).click();
    await samBadge.getByRole('combobox', { name: 'Department' }).selectOption('service');
    // Offered once the badge knows the extension is connected to a team server.
    await samBadge.getByRole('combobox', { name: 'Who' }).selectOption({ label: 'Let the team server route it' });
    await samBadge.getByRole('button', { name: 'Assign', exact: true }).click();
    const clicked = Date.now();

    // Dana's My work lists it, from Sam, with the time left against the post-purchase target.
    const item = danaPanel.getByRole('listitem').filter({ hasText: `@${refund.handle}` });
    await item.waitFor({ timeout: 5_000 });
    const workMs = Date.now() - clicked;
    expect(await item.textContent()).toMatch(/Assignment · Post-purchase · from @sam.*Waiting .* · target 1 h/);

    // Her badge says it is hers; Sam's says who has it.
    const danaFeed = (await members.dana.open('https://x.com/home')).page;
    await badgeOf(danaFeed).getByText('Assigned to you').waitFor({ timeout: 5_000 });
    await samFeed.bringToFront();
    await samBadge.getByText('Assigned to dana').waitFor({ timeout: 5_000 });

    // The backend routed it: one assignment, created by Sam, given to Dana by the router.
    const stored = (await members.team.assignmentsOn(`x:${refund.handle}`)).filter((a) => a.post.postId === refund.id);
    expect(stored).toMatchObject([{ department: 'service', assignee: 'dana', createdBy: 'sam', status: 'open', version: 2 }]);
    expect(workMs).toBeLessThan(3_000);
  });
});
