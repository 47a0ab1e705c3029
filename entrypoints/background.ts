import { browser } from 'wxt/browser';
import { applyRetention, openAppDB } from '../lib/db';
import { createHandlers, settingsIdentity } from '../lib/db/handlers';
import Dexie from 'dexie';
import { HISTORY_CHANGED, PRESENCE_CHANGED, TOGGLE_BADGES, type PageCommand } from '../lib/feed/page-commands';
import { dispatch } from '../lib/messaging';
import { createPresenceBoard, sendPresence, startSync, teamDirectory } from '../lib/sync';
import { openCustomerPanel, type PanelApis } from '../lib/sidepanel-link';

/** Chrome's side panel or Firefox's sidebar and windows, for openCustomerPanel. */
function panelApis(): PanelApis {
  const chromePanel = (globalThis as { chrome?: { sidePanel?: PanelApis['chromeSidePanel'] } }).chrome?.sidePanel;
  const firefox = browser as unknown as { sidebarAction?: PanelApis['firefoxSidebar'] };
  return {
    chromeSidePanel: chromePanel,
    firefoxSidebar: chromePanel ? undefined : firefox.sidebarAction,
    createWindow: (details) => browser.windows.create(details),
    getURL: (path) => browser.runtime.getURL(path as '/sidepanel.html'),
  };
}

const RETENTION_ALARM = 'retention';
/** Observability parts of the tables whose change a badge shows (`idb://<db>/<table>/…`). */
const HISTORY_TABLES = /\/(interactions|leads|assignments)\//;


/** Send a command to every tab; tabs without our content script just do not answer. */
async function broadcast(command: PageCommand) {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, command).catch(() => undefined))),
  );
}

interface ChromeSidePanelBehavior {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}

export default defineBackground(() => {
  const db = openAppDB();

  // Team sync: push the outbox, pull teammates' changes, keep the push channel open; all of its
  // state lives in IndexedDB, so the worker may be stopped at any moment.
  // Teammates at posts ("dana is on it"), from the push channel; kept in memory for a minute.
  const presence = createPresenceBoard();
  let presenceTimer: ReturnType<typeof setTimeout> | undefined;
  const presencePosts = new Set<string>();
  startSync({
    db,
    fetch: (input, init) => fetch(input, init),
    onPresence: (event) => {
      presence.record(event);
      // The feeds showing these posts ask `post.status` again (a page command, not a zod message).
      presencePosts.add(event.postKey);
      clearTimeout(presenceTimer);
      presenceTimer = setTimeout(() => {
        const postKeys = [...presencePosts].slice(0, 200);
        presencePosts.clear();
        void broadcast({ name: PRESENCE_CHANGED, postKeys });
      }, 50);
    },
    alarms: browser.alarms,
    action: browser.action ?? browser.browserAction,
    // An extension API call resets the worker's idle timer while the channel is open.
    keepAlive: () => void browser.runtime.getPlatformInfo(),
  });
  const handlers = createHandlers(db, settingsIdentity(db), {
    openSidePanel: (customer, sender) => openCustomerPanel(panelApis(), customer, sender.tabId),
    presence,
    // Only sent while connected; without a connection (or a reachable backend) it is a no-op.
    announce: (at) => sendPresence(db, (input, init) => fetch(input, init), at),
    // Who a badge can give a post to, and whether the team server can route it.
    team: () => teamDirectory(db),
  });

  // Old stage observations go after the retention period (interactions and leads never do).
  // The alarm survives the worker being stopped; the call at start-up covers a browser left closed.
  void applyRetention(db).catch((error: unknown) => console.warn('Switchboard: retention purge failed', error));
  void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETENTION_ALARM) void applyRetention(db).catch(() => undefined);
  });

  // The toolbar button opens the side panel (Chrome); Firefox has its own sidebar button.
  void (globalThis as { chrome?: { sidePanel?: ChromeSidePanelBehavior } }).chrome?.sidePanel
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch(() => undefined);

  browser.commands.onCommand.addListener((command) => {
    if (command !== 'toggle-badges') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) return browser.tabs.sendMessage(tab.id, { name: TOGGLE_BADGES }).catch(() => undefined);
    });
  });

  // The first-run page explains the badge, its buttons and how to connect to a team.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  // Tell the open feeds when someone's history changed, so every badge of that author shows it.
  let historyChangedTimer: ReturnType<typeof setTimeout> | undefined;
  Dexie.on('storagemutated', (parts) => {
    if (!Object.keys(parts).some((part) => HISTORY_TABLES.test(part))) return;
    clearTimeout(historyChangedTimer);
    historyChangedTimer = setTimeout(() => void broadcast({ name: HISTORY_CHANGED }), 150);
  });

  browser.runtime.onMessage.addListener((message, sender) => {
    // Only our own extension's pages and content scripts can reach this listener; the payload
    // is still validated, because a content script speaks for the page it runs in.
    if (sender.id !== browser.runtime.id) return undefined;
    return dispatch(handlers, message, { tabId: sender.tab?.id });
  });
});
