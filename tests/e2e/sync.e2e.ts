import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, ROOT, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';

/**
 * Two members, two browser profiles with the extension, one team backend (embedded PGlite) on
 * loopback: what Dana logs, Sam sees in his side panel and on his badge within two seconds.
 */

const work = mkdtempSync(path.join(tmpdir(), 'switchboard-sync-'));
const PORT = 18_000 + Math.floor(Math.random() * 1000);
const SERVER = `http://127.0.0.1:${PORT}`;
let backend: ChildProcess;
const tokens: Record<string, string> = {};

function admin(args: string[]): Record<string, string> {
  const result = spawnSync('node', ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: work, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`server ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim()) as Record<string, string>;
}

beforeAll(async () => {
  backend = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), DATA_DIR: work, DATABASE_URL: '', LOG_REQUESTS: '0' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${SERVER}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const team = admin(['team', 'create', '--name', 'Lumen Bikes', '--admin', 'dana', '--department', 'service']);
  tokens.dana = team.token!;
  admin(['member', 'add', '--team', team.teamId!, '--handle', 'sam', '--department', 'sales']);
  tokens.sam = admin(['token', 'create', '--team', team.teamId!, '--handle', 'sam']).token!;
});

afterAll(async () => {
  backend?.kill('SIGTERM');
  await new Promise((resolve) => (backend?.exitCode === null ? backend.once('exit', resolve) : resolve(null)));
  rmSync(work, { recursive: true, force: true });
});

async function connect(browser: ExtensionBrowser, handle: string) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByLabel('Team server').fill(SERVER);
  await page.getByLabel('Access token').fill(tokens[handle]!);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText(`Connected as ${handle}`).waitFor({ timeout: 10_000 });
  await page.close();
}

describe('team sync between two members', () => {
  it('refuses a wrong token with a clear message and stays disconnected', async () => {
    const browser = await launchWithExtension();
    try {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await page.getByLabel('Team server').fill(SERVER);
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
      await connect(dana, 'dana');
      await connect(sam, 'sam');
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
