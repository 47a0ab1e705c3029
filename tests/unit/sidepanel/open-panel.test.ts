import { describe, expect, it } from 'vitest';
import { openCustomerPanel, type PanelApis } from '../../../lib/sidepanel-link';

/**
 * Opening the side panel on a customer from a badge's click. The browsers' own rules are played
 * here by stand-ins (a real Chromium run is in tests/e2e/sidepanel.e2e.ts; no Firefox is at hand):
 * the open call must come before anything is awaited, and Firefox refuses it for a click in a web
 * page, where the customer's history opens in a window of its own instead.
 */

const BASE = 'moz-extension://abc';

function firefox(refuseOpen: boolean) {
  const calls: string[] = [];
  const apis: PanelApis = {
    firefoxSidebar: {
      open: () => {
        calls.push('open');
        return refuseOpen ? Promise.reject(new Error('sidebarAction.open may only be called from a user input handler')) : Promise.resolve();
      },
      setPanel: async ({ panel }) => void calls.push(`setPanel ${panel}`),
    },
    createWindow: async ({ url, type }) => void calls.push(`window ${type} ${url}`),
    getURL: (path) => `${BASE}${path}`,
  };
  return { apis, calls };
}

describe('opening the side panel on a customer', () => {
  it("Chrome: points the tab's side panel at the customer and opens it within the click", async () => {
    const calls: string[] = [];
    const apis: PanelApis = {
      chromeSidePanel: {
        setOptions: async ({ tabId, path }) => void calls.push(`setOptions ${tabId} ${path}`),
        open: async ({ tabId }) => void calls.push(`open ${tabId}`),
      },
      getURL: (path) => path,
    };
    const opening = openCustomerPanel(apis, 'x:dana_k', 7);
    expect(calls).toEqual(['setOptions 7 sidepanel.html?customer=x%3Adana_k', 'open 7']); // before any await
    await opening;
    await expect(openCustomerPanel(apis, 'x:dana_k', undefined)).rejects.toThrow('No tab');
  });

  it('Firefox: opens the sidebar on the customer when the browser lets it', async () => {
    const { apis, calls } = firefox(false);
    const opening = openCustomerPanel(apis, 'instagram:mia.b', 3);
    expect(calls[0]).toBe('open'); // first, within the click
    await opening;
    expect(calls).toEqual(['open', `setPanel ${BASE}/sidepanel.html?customer=instagram%3Amia.b`]);
  });

  it("Firefox refusing (a click in a web page): the sidebar still follows, and the history opens in a window", async () => {
    const { apis, calls } = firefox(true);
    await openCustomerPanel(apis, 'x:dana_k', 3);
    const url = `${BASE}/sidepanel.html?customer=x%3Adana_k`;
    expect(calls).toEqual(['open', `setPanel ${url}`, `window popup ${url}`]);
  });

  it('says so when the browser has no side panel at all', async () => {
    await expect(openCustomerPanel({ getURL: (p) => p }, 'x:dana_k', 1)).rejects.toThrow('no side panel');
  });
});
