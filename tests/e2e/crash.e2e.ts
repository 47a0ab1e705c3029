import { describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage, type DemoPost } from '../../scripts/demo/markup';
import { startBackendProxy } from './backend-proxy';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * Crash: Chrome stops the extension's service worker while it pushes a large outbox; the push
 * had reached the backend, which applied it, but its answer never came back. The worker is woken
 * again (the member reloads the feed): every change is at the backend exactly once, nothing
 * waits on the device, and what the team's presence said before the crash is on the board again.
 */

const complaints: DemoPost[] = Array.from({ length: 40 }, (_, i) => ({
  id: String(1864000000000000000n + BigInt(i)),
  handle: `rider_${i % 8}`,
  name: `Rider ${i % 8}`,
  text: `My order #${5000 + i} arrived with a broken light and nobody answers`,
}));
/** The post Sam is looking at (Dana does not touch it). */
const samsPost: DemoPost = { id: '1864000000000001000', handle: 'maya_rides', name: 'Maya Okafor', text: 'Does the Lumen Glide come in a bigger frame?' };

async function interactionsAtBackend(team: TeamBackend): Promise<string[]> {
  return (await team.changes()).flatMap((c) => (c.kind === 'interaction' ? [c.record.id] : []));
}

/** What the DevTools protocol offers to stop a worker (chrome://serviceworker-internals' "Stop"). */
async function stopServiceWorkers(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

describe('the service worker stopped in the middle of a push', () => {
  it('loses nothing, duplicates nothing, and gets the team presence back', { timeout: 90_000 }, async () => {
    const team = await startTeamBackend();
    const proxy = await startBackendProxy(team.url);
    const dana = await launchWithExtension();
    try {
      await team.connect(dana, 'dana', { serverUrl: proxy.url });
      await dana.serve('https://x.com/home', feedPage('x', [samsPost, ...complaints]));
      const { page: feed } = await dana.open('https://x.com/home');
      const panel = await dana.context.newPage();
      await panel.goto(`chrome-extension://${dana.extensionId}/sidepanel.html?customer=x:${complaints[0]!.handle}`);

      // Sam opens a post's card (his announcement, straight to the backend): Dana's badge says so.
      const announced = await team.call('/v1/presence', { as: 'sam', method: 'POST', body: { postKey: `x:${samsPost.id}`, activity: 'viewing' } });
      expect(announced.status).toBe(204);
      const samsBadge = () => feed.locator(`switchboard-badge[data-post-id="${samsPost.id}"]`);
      await feed.bringToFront();
      await samsBadge().getByText('Sam is on it').waitFor({ timeout: 5_000 });

      // A large outbox: the team server turns pushes away while Dana logs 40 interactions.
      proxy.set('refuse');
      for (const post of complaints) {
        await feed.locator(`switchboard-badge[data-post-id="${post.id}"]`).getByRole('button', { name: 'Log interaction', exact: true }).dispatchEvent('click');
      }
      // 40 interactions, and the stage seen on each post of the feed.
      await panel.getByText(/Sync error: .* (8[01]) changes waiting on this device/).waitFor({ timeout: 15_000 });
      expect(proxy.pushes).toHaveLength(0);

      // The push goes out, the backend applies it, and the worker is stopped before the answer arrives.
      proxy.set('hold-answer');
      await dana.worker!.evaluate(() => Object.assign(globalThis, { beforeTheCrash: true }));
      await panel.getByRole('button', { name: 'Sync now' }).click();
      await proxy.backendAnswered(1);
      const inFlight = proxy.pushes[0]!;
      expect(inFlight.mutationIds.length).toBeGreaterThanOrEqual(80);
      expect(new Set(inFlight.results!.map((r) => r.status))).toEqual(new Set(['applied']));
      await stopServiceWorkers(dana);
      expect(new Set(await interactionsAtBackend(team)).size).toBe(40);

      // Dana goes on (the feed's badges message the background, which wakes it).
      proxy.set('pass');
      await feed.reload();
      await panel.getByText(/In sync with Lumen Bikes/).waitFor({ timeout: 20_000 });
      const restarted = dana.context.serviceWorkers();
      expect(restarted).toHaveLength(1);
      expect(await restarted[0]!.evaluate(() => 'beforeTheCrash' in globalThis)).toBe(false);

      // The same mutation ids went again, and the backend knew them all.
      const retried = new Map(proxy.pushes.slice(1).flatMap((push) => push.results!.map((r) => [r.mutationId, r.status])));
      expect(inFlight.mutationIds.map((id) => retried.get(id))).toEqual(inFlight.mutationIds.map(() => 'duplicate'));
      const delivered = await interactionsAtBackend(team);
      expect(delivered).toHaveLength(40);
      expect(new Set(delivered).size).toBe(40);
      await panel.getByText(/waiting on this device/).waitFor({ state: 'detached', timeout: 5_000 });

      // The new worker knows again who is on which post: the backend's channel replays the last minute.
      await feed.bringToFront();
      await samsBadge().getByText('Sam is on it').waitFor({ timeout: 5_000 });
    } finally {
      await dana.close();
      await proxy.close();
      await team.stop();
    }
  });
});
