import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChrome } from './chrome-path.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');

/** Pages served under the sites' real host names, from files or strings the test gives. */
export type SitePages = Record<string, string | (() => string)>;

export interface ExtensionBrowser {
  context: BrowserContext;
  /** Empty when launched without the extension (a baseline). */
  extensionId: string;
  worker: Worker | null;
  userDataDir: string;
  /** The first-run page opened on install (and was closed so it does not hide the test's pages). */
  welcomeOpened: boolean;
  /** Serve `html` at `url` (https://x.com/..., https://www.facebook.com/..., ...). */
  serve(url: string, html: string): Promise<void>;
  /** Open a page and collect what its console says. */
  open(url: string): Promise<{ page: Page; errors: string[] }>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Chromium with the built extension loaded (or without it, for a baseline) (headless, Debian's build loads unpacked MV3
 * extensions). Requests to the three sites are answered from the test's own pages, so the
 * content script runs on https://x.com/... without any network.
 */
export async function launchWithExtension(
  options: { userDataDir?: string; extension?: boolean; headless?: boolean } = {},
): Promise<ExtensionBrowser> {
  const withExtension = options.extension ?? true;
  if (withExtension && !existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const executablePath = findChrome();
  if (!executablePath) throw new Error('No Chromium found: run `npm run setup` (or set CHROME_PATH).');
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'));
  const freshProfile = !existsSync(path.join(userDataDir, 'Default'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    args: [
      ...(withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
    // The caller decides what a signal means (npm start closes everything itself, then exits 0).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pages = new Map<string, string>();
  await context.route(/^https:\/\/(x\.com|twitter\.com|www\.facebook\.com|www\.instagram\.com)\//, (route) => {
    const url = route.request().url().split('#')[0]!;
    const body = pages.get(url);
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the test' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  const worker = withExtension
    ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 })))
    : null;
  const extensionId = worker ? new URL(worker.url()).host : '';
  const welcomeOpened = withExtension && freshProfile ? await closeWelcomePage(context) : false;

  return {
    context,
    welcomeOpened,
    extensionId,
    worker,
    userDataDir,
    async serve(url, html) {
      pages.set(url, html);
    },
    async open(url) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(url);
      await page.bringToFront();
      return { page, errors };
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The contract attributes of every badge on the page (CONTRACT section 2). */
export async function badgeAttributes(page: Page) {
  return page.$$eval('switchboard-badge', (badges) =>
    badges.map((badge) => ({
      site: badge.getAttribute('data-site'),
      postId: badge.getAttribute('data-post-id'),
      author: badge.getAttribute('data-author'),
      stage: badge.getAttribute('data-stage'),
      department: badge.getAttribute('data-department'),
      confidence: badge.getAttribute('data-confidence'),
      shadowOpen: badge.shadowRoot !== null,
    })),
  );
}

/**
 * A fresh install opens the first-run page in a new tab, which would leave the test's own page in
 * the background (where Chromium throttles animation frames). Wait for it briefly and close it.
 */
async function closeWelcomePage(context: BrowserContext): Promise<boolean> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const welcome = context.pages().find((page) => page.url().endsWith('/welcome.html'));
    if (welcome) {
      await welcome.close();
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** The extension's toolbar button (its badge text and tooltip), asked in its service worker. */
export function toolbarButton(worker: Worker): Promise<{ text: string; title: string }> {
  return worker.evaluate(async () => {
    type Action = { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
    const { action } = (globalThis as unknown as { chrome: { action: Action } }).chrome;
    return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
  });
}
