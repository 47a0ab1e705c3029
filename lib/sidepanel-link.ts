import type { CustomerKey } from './model/ids';

/** The side panel page, opened straight on one customer (CONTRACT section 3). */
export function sidePanelPath(customer?: CustomerKey): `sidepanel.html${string}` {
  return customer ? `sidepanel.html?customer=${encodeURIComponent(customer)}` : 'sidepanel.html';
}

/** The browser APIs the opener uses: Chrome's side panel, or Firefox's sidebar and windows. */
export interface PanelApis {
  chromeSidePanel?: {
    setOptions(options: { tabId: number; path: string; enabled: boolean }): Promise<void>;
    open(options: { tabId: number }): Promise<void>;
  };
  firefoxSidebar?: {
    open(): Promise<void>;
    setPanel(details: { panel: string }): Promise<void>;
  };
  createWindow?(details: { url: string; type: 'popup'; width: number; height: number }): Promise<unknown>;
  getURL(path: string): string;
}

/**
 * Open the side panel on one customer. Chrome and Firefox allow it only during the user's click,
 * so nothing is awaited before the call that opens it. Firefox counts only its own user actions
 * (the toolbar button, a shortcut, a click in an extension page), never a click in a web page
 * passed on by a content script: there the sidebar is pointed at the customer (the shortcut
 * shows it) and the customer's history opens in a small window of its own now.
 */
export function openCustomerPanel(apis: PanelApis, customer: CustomerKey, tabId: number | undefined): Promise<void> {
  const path = sidePanelPath(customer);
  const chromePanel = apis.chromeSidePanel;
  if (chromePanel) {
    if (tabId === undefined) return Promise.reject(new Error('No tab to open the side panel in'));
    const configured = chromePanel.setOptions({ tabId, path, enabled: true });
    const opened = chromePanel.open({ tabId });
    return Promise.all([configured, opened]).then(() => undefined);
  }
  const sidebar = apis.firefoxSidebar;
  if (sidebar) {
    const opened = sidebar.open();
    const url = apis.getURL(`/${path}`);
    const pointed = sidebar.setPanel({ panel: url });
    return Promise.all([pointed, opened]).then(
      () => undefined,
      async (refused: unknown) => {
        await pointed;
        if (!apis.createWindow) throw refused;
        await apis.createWindow({ url, type: 'popup', width: 420, height: 760 });
      },
    );
  }
  return Promise.reject(new Error('This browser has no side panel'));
}
