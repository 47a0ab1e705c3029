import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, toolbarButton } from '../../scripts/browser';
import { feedPage, type DemoPost } from '../../scripts/demo/markup';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * Access taken away by an admin, through the backend's command line: a member removed from the
 * team, or one access token revoked. The member's next change is refused: sync stops with a
 * message that says why, the change stays on the device, and everything logged stays readable.
 */

let team: TeamBackend;

beforeAll(async () => {
  team = await startTeamBackend();
});

afterAll(async () => {
  await team?.stop();
});

/** Two posts by one customer (each case has its own, so the team's history of one does not show in the other). */
function twoPosts(customer: number): DemoPost[] {
  return [0, 1].map((i) => ({
    id: String(1865000000000000000n + BigInt(customer * 10 + i)),
    handle: `rider_${customer}`,
    name: `Rider ${customer}`,
    text: `My order #${7000 + customer * 10 + i} still has not arrived and nobody answers`,
  }));
}

async function interactionsAtBackend(customerKey: string): Promise<string[]> {
  return (await team.changes()).flatMap((c) => (c.kind === 'interaction' && c.record.customerKey === customerKey ? [c.record.id] : []));
}

/** `handle`, connected with `token`, logs one interaction, loses access through `revoke`, and logs another. */
async function losesAccess(handle: 'dana' | 'sam', token: string, revoke: () => void, why: string) {
  const posts = twoPosts(handle === 'sam' ? 1 : 2);
  const customerKey = `x:${posts[0]!.handle}`;
  const browser = await launchWithExtension();
  try {
    await team.connect(browser, handle, { token });
    await browser.serve('https://x.com/home', feedPage('x', posts));
    const { page: feed } = await browser.open('https://x.com/home');
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=${customerKey}`);
    const logOn = async (post: DemoPost) => {
      await feed.bringToFront();
      await feed.locator(`switchboard-badge[data-post-id="${post.id}"]`).getByRole('button', { name: 'Log interaction', exact: true }).click();
    };

    await logOn(posts[0]!);
    const deadline = Date.now() + 10_000;
    while ((await interactionsAtBackend(customerKey)).length === 0) {
      if (Date.now() > deadline) throw new Error('the first interaction never reached the team');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    revoke();
    await logOn(posts[1]!);
    await panel.getByText(`Your access to Lumen Bikes was revoked (${why}). Sync has stopped; everything on this device stays readable.`, { exact: false }).waitFor({ timeout: 10_000 });
    // Nothing more is tried until the member connects again; the team has only the first interaction.
    expect(await panel.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Connect again' }).waitFor();
    expect(await interactionsAtBackend(customerKey)).toHaveLength(1);
    // Both interactions stay readable in the member's history.
    for (const post of posts) await panel.locator(`[data-entry-kind="interaction"][data-post-id="${post.id}"]`).waitFor();
    // The background sets the toolbar button from its own live query of the state, not when the
    // panel shows it: asked until then.
    const worker = browser.context.serviceWorkers()[0]!;
    await expect.poll(() => toolbarButton(worker), { timeout: 5_000 }).toMatchObject({ text: '!', title: expect.stringContaining(`(${why})`) });
  } finally {
    await browser.close();
  }
}

describe('access taken away by an admin', () => {
  it('a member removed from the team: sync stops with a clear message, local data stays readable', async () => {
    await losesAccess('sam', team.tokens.sam, () => team.admin(['member', 'deactivate', '--team', team.teamId, '--handle', 'sam']), 'you were removed from the team');
  });

  it('a revoked access token: sync stops with a clear message, local data stays readable', async () => {
    const { tokenId, token } = team.admin(['token', 'create', '--team', team.teamId, '--handle', 'dana', '--label', 'laptop']);
    await losesAccess('dana', token!, () => team.admin(['token', 'revoke', '--token-id', tokenId!]), 'this access token was revoked');
  });
});
