import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';

/**
 * One click in the feed lands in the customer's history (CONTRACT section 3), in the extension's
 * own IndexedDB, and survives a browser restart with the same profile.
 */

const profile = mkdtempSync(path.join(tmpdir(), 'switchboard-history-'));
afterAll(() => rmSync(profile, { recursive: true, force: true }));

type ExtensionGlobals = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

const COMPLAINT = DEMO_POSTS.x[1]!; // tomfixesthings: a cracked light, no answer from support
const PRICE = DEMO_POSTS.x[0]!; // maya_rides: how much, do you ship

describe('customer history from the badge', () => {
  it('shows a logged interaction and a flagged lead in the side panel within a second, and keeps them after a restart', async () => {
    let browser = await launchWithExtension({ userDataDir: profile });
    try {
      await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
      const { page, errors } = await browser.open('https://x.com/home');
      const complaint = page.locator(`switchboard-badge[data-post-id="${COMPLAINT.id}"]`);
      await complaint.waitFor();

      // Open the history first, then click: the panel must update live.
      const panel = await browser.context.newPage();
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:${COMPLAINT.handle}`);
      await complaint.getByRole('button', { name: 'Log interaction', exact: true }).click();
      const clicked = Date.now();
      await panel.locator(`[data-entry-kind="interaction"][data-post-id="${COMPLAINT.id}"]`).waitFor({ timeout: 1_000 });
      expect(Date.now() - clicked).toBeLessThan(1_000);
      await expect(complaint.getByRole('status').textContent()).resolves.toMatch(/Logged .* · you/);
      // X's header has little room once the name, handle and date are in: the notice is read whole all the same.
      await expect(complaint.evaluate((host) => {
        const status = host.shadowRoot!.querySelector<HTMLElement>('.status')!;
        const line = status.querySelector<HTMLElement>('.line')!;
        return status.scrollWidth <= status.clientWidth + 1 && line.scrollHeight <= line.clientHeight + 1;
      })).resolves.toBe(true);

      // The log button is marked, which a crowded header still shows when the line has no room.
      await complaint.locator('button.log[data-marked]').waitFor({ timeout: 5_000 });
      // A second click within a minute does not log twice.
      await complaint.getByRole('button', { name: 'Log interaction', exact: true }).click();
      await page.waitForTimeout(300);
      expect(await panel.locator('[data-entry-kind="interaction"]').count()).toBe(1);

      const price = page.locator(`switchboard-badge[data-post-id="${PRICE.id}"]`);
      const pillWidth = () => price.evaluate((host) => host.shadowRoot!.querySelector('.pill')!.getBoundingClientRect().width);
      const pillBefore = await pillWidth();
      await price.getByRole('button', { name: 'Flag lead', exact: true }).click();
      // The badge's line gives way in the post's header: the site's name, handle and date keep
      // their whole text (X truncates them with an ellipsis when its header runs out of room).
      await expect(price.getByRole('status').textContent()).resolves.toBe('Lead flagged · new');
      const truncated = await page.evaluate(`[...document.querySelector('switchboard-badge[data-post-id="${PRICE.id}"]')
        .closest('article').querySelectorAll('[data-testid="User-Name"] *')]
        .filter((el) => getComputedStyle(el).overflowX === 'hidden' && el.scrollWidth > el.clientWidth)
        .map((el) => el.textContent)`);
      expect(truncated).toEqual([]);
      // The line gave way, not the pill: not even a fraction of a pixel (that draws an ellipsis).
      expect(await pillWidth()).toBeCloseTo(pillBefore, 2);
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:${PRICE.handle}`);
      // A page load (the panel, its database, its first read), not the live update timed above.
      await panel.locator(`[data-entry-kind="lead"][data-post-id="${PRICE.id}"]`).waitFor({ timeout: 5_000 });
      expect(errors).toEqual([]);
    } finally {
      await browser.close({ keepProfile: true });
    }

    // Same profile, new browser: nothing lost.
    browser = await launchWithExtension({ userDataDir: profile });
    try {
      const panel = await browser.context.newPage();
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:${COMPLAINT.handle}`);
      await panel.locator(`[data-entry-kind="interaction"][data-post-id="${COMPLAINT.id}"]`).waitFor({ timeout: 5_000 });
      await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:${PRICE.handle}`);
      await panel.locator(`[data-entry-kind="lead"][data-post-id="${PRICE.id}"]`).waitFor({ timeout: 5_000 });
    } finally {
      await browser.close({ keepProfile: true });
    }
  });

  it('refuses a malformed message with a clear error and writes nothing', async () => {
    const browser = await launchWithExtension();
    try {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:mallory`);
      const answer = await page.evaluate(() =>
        (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({
          name: 'interaction.log',
          payload: { post: { site: 'x', postId: '1', author: '<img src=x>' }, inference: { stage: 'buying' } },
        }),
      );
      expect(answer).toMatchObject({ ok: false });
      expect((answer as { error: string }).error).toMatch(/Malformed interaction\.log/);
      const unknown = await page.evaluate(() =>
        (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ name: 'db.drop', payload: {} }),
      );
      expect(unknown).toMatchObject({ ok: false, error: 'Unknown message' });
      await page.reload();
      // The panel has read the database once it says what it holds about the customer.
      await page.getByText('Switchboard has nothing about x:mallory on this device.').waitFor({ timeout: 5_000 });
      expect(await page.locator('[data-entry-kind]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
