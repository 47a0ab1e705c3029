import { describe, expect, it } from 'vitest';
import { launchWithExtension, toolbarButton } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';
import { startBackendProxy } from './backend-proxy';
import { startTeamBackend, type TeamBackend } from './team-backend';

/**
 * A team server that takes the connection and never answers: the extension gives up after its
 * request timeout (15 s, the real one: no knob a page or a build could turn), says so in the
 * side panel and on the toolbar button, backs off, and delivers the change once the server
 * answers again.
 */

async function interactionsAtBackend(team: TeamBackend): Promise<string[]> {
  return (await team.changes()).flatMap((c) => (c.kind === 'interaction' ? [c.record.id] : []));
}

describe('a team server that does not answer', () => {
  it('gives up after 15 s, says so, backs off, and recovers when the server answers', { timeout: 90_000 }, async () => {
    const started = Date.now();
    const team = await startTeamBackend();
    const proxy = await startBackendProxy(team.url);
    const dana = await launchWithExtension();
    try {
      await team.connect(dana, 'dana', { serverUrl: proxy.url });
      await dana.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
      const { page: feed } = await dana.open('https://x.com/home');
      const panel = await dana.context.newPage();
      await panel.goto(`chrome-extension://${dana.extensionId}/sidepanel.html?customer=x:${DEMO_POSTS.x[1]!.handle}`);
      await panel.getByText(/In sync with Lumen Bikes/).waitFor({ timeout: 10_000 });

      proxy.set('hang');
      const hung = Date.now();
      const setUp = hung - started;
      await feed.bringToFront();
      const post = DEMO_POSTS.x[1]!;
      await feed.locator(`switchboard-badge[data-post-id="${post.id}"]`).getByRole('button', { name: 'Log interaction', exact: true }).click();
      // The interaction, and the stages seen on the feed since it came to the front.
      const offline = panel.getByText(/^Offline\. The team server at 127\.0\.0\.1:\d+ did not answer within 15 s\. (\d+) changes? waiting on this device\. Next try in \d+ s\.$/);
      await offline.waitFor({ timeout: 25_000 });
      const waited = Date.now() - hung;
      expect(waited).toBeGreaterThanOrEqual(14_500);
      expect(proxy.hung()).toBeGreaterThan(0);
      const waiting = /(\d+) changes? wait/.exec(await offline.innerText())![1]!;

      // The toolbar button says it too: the change waiting, and why in its tooltip. The background
      // sets it from its own live query of the state, not when the panel shows it: asked until then.
      const worker = dana.context.serviceWorkers()[0]!;
      await expect.poll(() => toolbarButton(worker), { timeout: 5_000 }).toMatchObject({
        text: waiting,
        title: expect.stringMatching(/^Switchboard: offline\. The team server at .* did not answer within 15 s\. \d+ changes? waiting, kept on this device\.$/),
      });

      // The server answers again (whatever was still waiting goes through late): the change arrives once.
      proxy.set('pass');
      await panel.getByText(/In sync with Lumen Bikes/).waitFor({ timeout: 20_000 });
      const delivered = await interactionsAtBackend(team);
      expect(delivered).toHaveLength(1);
      await expect.poll(() => toolbarButton(worker), { timeout: 5_000 }).toMatchObject({ text: '', title: 'Switchboard: in sync with Lumen Bikes' });
      console.log(`set up in ${setUp} ms; timed out after ${waited} ms; in sync again ${Date.now() - hung - waited} ms later`);
    } finally {
      await dana.close();
      await proxy.close();
      await team.stop();
    }
  });
});
