import { describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';
import { startBackendProxy } from './backend-proxy';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * A misbehaving team backend, in front of the real one: the sync routes answer 500 or malformed
 * JSON for a while. The extension keeps the change, says what is wrong in the side panel, and
 * delivers it once the backend behaves again.
 */

async function interactionsAtBackend(team: TeamBackend): Promise<string[]> {
  return (await team.changes()).flatMap((c) => (c.kind === 'interaction' ? [c.record.id] : []));
}

describe('a misbehaving backend', () => {
  it('shows the problem, keeps the change, and delivers it exactly once when the backend recovers', { timeout: 150_000 }, async () => {
    const team = await startTeamBackend();
    const proxy = await startBackendProxy(team.url);
    const browser = await launchWithExtension();
    try {
      // Connect through the proxy, as a member whose team server is the proxy's address.
      await team.connect(browser, 'dana', { serverUrl: proxy.url });

      await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
      const { page } = await browser.open('https://x.com/home');
      const panel = await browser.context.newPage();
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:${DEMO_POSTS.x[1]!.handle}`);

      const faults = [['error-500', DEMO_POSTS.x[1]!, '1 change'], ['malformed', DEMO_POSTS.x[7]!, '2 changes']] as const;
      for (const [mode, post, waiting] of faults) {
        proxy.set(mode);
        await page.bringToFront();
        await page.locator(`switchboard-badge[data-post-id="${post.id}"]`).getByRole('button', { name: 'Log interaction', exact: true }).click();
        // The member is told, in words, what is wrong and that the change waits on this device.
        await panel.getByText(new RegExp(`(Sync error|Offline).*${waiting} waiting on this device`)).waitFor({ timeout: 30_000 });
      }
      expect(await interactionsAtBackend(team)).toHaveLength(0);

      proxy.set('pass');
      await panel.getByRole('button', { name: 'Sync now' }).click().catch(() => undefined);
      const deadline = Date.now() + 90_000;
      let delivered: string[] = [];
      while ((delivered = await interactionsAtBackend(team)).length < 2) {
        if (Date.now() > deadline) throw new Error(`only ${delivered.length} of 2 interactions arrived`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      delivered = await interactionsAtBackend(team);
      expect(delivered).toHaveLength(2);
      expect(new Set(delivered).size).toBe(2);
      await panel.getByText(/In sync with/).waitFor({ timeout: 20_000 });
    } finally {
      await browser.close();
      await proxy.close();
      await team.stop();
    }
  });
});
