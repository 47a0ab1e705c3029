import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * Two members, two browser profiles with the extension, one team backend (embedded PGlite) on
 * loopback: what Dana logs, Sam sees in his side panel and on his badge within two seconds.
 */

let team: TeamBackend;

beforeAll(async () => {
  team = await startTeamBackend();
});

afterAll(async () => {
  await team?.stop();
});

describe('team sync between two members', () => {
  it('refuses a wrong token with a clear message and stays disconnected', async () => {
    const browser = await launchWithExtension();
    try {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await page.getByLabel('Team server').fill(team.url);
      await page.getByLabel('Access token').fill('sb_not-a-real-token');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('alert').waitFor({ timeout: 10_000 });
      expect(await page.getByText(/Connected as/).count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it("shows Dana's interaction in Sam's side panel and on Sam's badge within two seconds", async () => {
    const dana = await launchWithExtension();
    const sam = await launchWithExtension();
    try {
      await team.connect(dana, 'dana');
      await team.connect(sam, 'sam');
      const complaint = DEMO_POSTS.x[1]!;
      for (const browser of [dana, sam]) await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));

      const samFeed = (await sam.open('https://x.com/home')).page;
      const samBadge = samFeed.locator(`switchboard-badge[data-post-id="${complaint.id}"]`);
      await samBadge.waitFor();
      const samPanel = await sam.context.newPage();
      await samPanel.goto(`chrome-extension://${sam.extensionId}/sidepanel.html?customer=x:${complaint.handle}`);

      const danaFeed = (await dana.open('https://x.com/home')).page;
      const danaBadge = danaFeed.locator(`switchboard-badge[data-post-id="${complaint.id}"]`);
      await danaBadge.getByRole('button', { name: 'Log interaction', exact: true }).click();
      const clicked = Date.now();

      await samPanel.locator(`[data-entry-kind="interaction"][data-post-id="${complaint.id}"]`).waitFor({ timeout: 5_000 });
      const panelMs = Date.now() - clicked;
      await samFeed.bringToFront();
      await samBadge.getByText(/Handled by dana/).waitFor({ timeout: 5_000 });
      const badgeMs = Date.now() - clicked;
      expect(panelMs).toBeLessThan(2_000);
      expect(badgeMs).toBeLessThan(2_500);
    } finally {
      await dana.close();
      await sam.close();
    }
  });
});
