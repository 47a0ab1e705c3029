import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';

/**
 * The side panel as a rep meets it (issue 4): at the side panel's narrowest width, in the light and
 * the dark scheme, and with the keyboard alone. Chrome's side panel starts at 320 px.
 */

const NARROW = { width: 320, height: 720 };
const COMPLAINT = DEMO_POSTS.x[1]!; // tomfixesthings
const PRICE = DEMO_POSTS.x[0]!; // maya_rides

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension();
  // Some history to show: an interaction and a lead, made from the badges.
  await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
  const { page } = await browser.open('https://x.com/home');
  const complaint = page.locator(`switchboard-badge[data-post-id="${COMPLAINT.id}"]`);
  await complaint.getByRole('button', { name: 'Log interaction', exact: true }).click();
  await complaint.getByRole('status').getByText(/Logged/).waitFor();
  const price = page.locator(`switchboard-badge[data-post-id="${PRICE.id}"]`);
  await price.getByRole('button', { name: 'Flag lead', exact: true }).click();
  await price.getByRole('status').getByText(/Lead flagged/).waitFor();
  await page.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function openPanel(scheme: 'light' | 'dark'): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize(NARROW);
  await panel.emulateMedia({ colorScheme: scheme });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?customer=x:${COMPLAINT.handle}`);
  await panel.locator('[data-entry-kind="interaction"]').first().waitFor();
  return panel;
}

/** Elements whose box runs past the panel's right edge (a horizontal scroll, or text cut off). */
const OVERFLOWING = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.body.querySelectorAll('*')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
    .map((el) => el.localName + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return { scroll: document.documentElement.scrollWidth - width, out };
})()`;

/** WCAG contrast ratio of an element's text against the panel's background. */
const CONTRAST = `((selector) => {
  const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const el = document.querySelector(selector);
  const fg = lum(rgb(getComputedStyle(el).color));
  const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
  return { ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), background: getComputedStyle(document.body).backgroundColor };
})`;

describe("the badge's Customer history", () => {
  /** The side panels open now, by their address (Chrome's runtime.getContexts, from the worker). */
  const openPanels = () =>
    browser.worker!.evaluate(`chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] }).then((found) => found.map((c) => c.documentUrl))`) as Promise<string[]>;

  it("opens Chrome's side panel on the post's author, and Flag lead on an open lead opens it too", async () => {
    await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
    const { page, errors } = await browser.open('https://x.com/home');
    await page.locator(`switchboard-badge[data-post-id="${COMPLAINT.id}"]`).getByRole('button', { name: 'Customer history', exact: true }).click();
    await expect.poll(openPanels, { timeout: 5_000 }).toEqual([expect.stringMatching(new RegExp(`/sidepanel\\.html\\?customer=x%3A${COMPLAINT.handle}$`))]);
    // Maya already has an open lead (flagged above): the click opens the panel on her.
    await page.locator(`switchboard-badge[data-post-id="${PRICE.id}"]`).getByRole('button', { name: 'Flag lead', exact: true }).click();
    await expect.poll(openPanels, { timeout: 5_000 }).toEqual([expect.stringMatching(new RegExp(`customer=x%3A${PRICE.handle}$`))]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the side panel at 320 px, light and dark, by keyboard', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`fits 320 px with readable text in the ${scheme} scheme, in every view`, async () => {
      const panel = await openPanel(scheme);
      const contrast = (await panel.evaluate(`${CONTRAST}('[data-entry-kind="interaction"]')`)) as { ratio: number; background: string };
      expect(contrast.ratio).toBeGreaterThanOrEqual(4.5);
      // The scheme is followed: a light background in light, a dark one in dark.
      const [r, g, b] = contrast.background.match(/\d+/g)!.map(Number) as [number, number, number];
      expect((r + g + b) / 3 > 128).toBe(scheme === 'light');
      for (const view of ['Customer', 'My work', 'Leads', 'Search']) {
        const views = panel.getByRole('navigation', { name: 'Views' });
        await views.getByRole('button', { name: view, exact: true }).click();
        // The view shown, and its data read (IndexedDB): measured before, it would be "Loading…".
        await views.locator('button[aria-current="page"]', { hasText: view }).waitFor();
        await panel.getByText('Loading…').waitFor({ state: 'detached' });
        const overflow = (await panel.evaluate(OVERFLOWING)) as { scroll: number; out: string[] };
        expect({ view, ...overflow }).toEqual({ view, scroll: 0, out: [] });
      }
      await panel.close();
    });
  }

  it('is usable with the keyboard alone: every view reachable, focus always visible', async () => {
    const panel = await openPanel('light');
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await panel.keyboard.press('Tab');
      const focused = (await panel.evaluate(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30), visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none' };
      })()`)) as { name: string; visible: boolean } | null;
      if (!focused) continue;
      expect(focused, `focus on "${focused.name}" is not visible`).toMatchObject({ visible: true });
      reached.add(focused.name);
    }
    for (const view of ['Customer', 'My work', 'Leads', 'Search']) expect(reached).toContain(view);
    // Enter on a view's button shows it.
    await panel.getByRole('button', { name: 'Leads', exact: true }).focus();
    await panel.keyboard.press('Enter');
    await expect(panel.getByRole('button', { name: 'Leads', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    await panel.close();
  });
});
