/**
 * `npm start`: the whole system on embedded defaults. The team backend on PGlite under ./.data/
 * (with a seeded demo team), the built extension, and a Chromium with it loaded on demo feeds of
 * X, Facebook and Instagram served under their real host names. With no display (or
 * `--headless`) it walks the main flows and writes screenshots to ./demo-output/.
 * Ctrl-C stops everything it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, ROOT, type ExtensionBrowser } from './browser';
import { feedPage } from './demo/markup';
import { DEMO_POSTS, DEMO_TERMS } from './demo/posts';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || !process.env.DISPLAY;
const DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
const OUTPUT_DIR = path.resolve(ROOT, process.env.DEMO_OUTPUT_DIR ?? 'demo-output');
const DEMO_URLS = {
  x: 'https://x.com/home',
  facebook: 'https://www.facebook.com/',
  instagram: 'https://www.instagram.com/',
} as const;

const children: ChildProcess[] = [];
let browser: ExtensionBrowser | null = null;
let stopping = false;

function say(line: string) {
  console.log(`switchboard: ${line}`);
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await browser?.close({ keepProfile: true }).catch(() => undefined);
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)),
  );
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await portIsFree(port)) {
      if (port !== preferred) say(`port ${preferred} is in use: using ${port} instead`);
      return port;
    }
  }
  throw new Error(`no free port between ${preferred} and ${preferred + 49}`);
}

async function waitForHealth(url: string, child: ChildProcess, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the team backend exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the team backend did not answer ${url}/healthz within ${seconds} s`);
}

interface DemoTeam {
  teamId: string;
  token: string;
  members: Record<string, string>;
}

/** Run the backend's admin command line and return its one JSON line. */
function admin(cliArgs: string[]): Record<string, string> {
  const result = spawnSync('node', ['--import', 'tsx', 'server/main.ts', ...cliArgs], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`server ${cliArgs.slice(0, 2).join(' ')} failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, string>;
}

/** The demo team: one member per department among sales, service and marketing. */
function seedDemoTeam(): DemoTeam {
  const file = path.join(DATA_DIR, 'demo-team.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoTeam;
  say('seeding the demo team "Lumen Bikes" (dana: service, sam: sales, mia: marketing)');
  const team = admin(['team', 'create', '--name', 'Lumen Bikes', '--admin', 'dana', '--display-name', 'Dana Ruiz', '--department', 'service']);
  const members: Record<string, string> = { dana: team.token! };
  for (const [handle, department] of [['sam', 'sales'], ['mia', 'marketing']] as const) {
    admin(['member', 'add', '--team', team.teamId!, '--handle', handle, '--department', department, '--display-name', handle === 'sam' ? 'Sam Okoye' : 'Mia Laurent']);
    members[handle] = admin(['token', 'create', '--team', team.teamId!, '--handle', handle]).token!;
  }
  const demo: DemoTeam = { teamId: team.teamId!, token: team.token!, members };
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}

/** Connect the demo browser's extension to the demo team as Dana (CONTRACT section 6). */
async function connectToTeam(target: ExtensionBrowser, serverUrl: string, team: DemoTeam) {
  const page = await target.context.newPage();
  try {
    await page.goto(`chrome-extension://${target.extensionId}/options.html`);
    if ((await page.getByText(/Connected as dana/).count()) === 0) {
      await page.getByLabel('Team server').fill(serverUrl);
      await page.getByLabel('Access token').fill(team.members.dana ?? team.token);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(/Connected as dana/).waitFor({ timeout: 15_000 });
    }
    say('extension connected to the demo team as dana (service)');
  } finally {
    await page.close();
  }
}

async function startBackend(): Promise<{ url: string; team: DemoTeam } | null> {
  if (!existsSync(path.join(ROOT, 'server/main.ts'))) {
    say('no team backend in this checkout yet: everything runs locally in the extension');
    return null;
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const port = await freePort(Number(process.env.PORT ?? 8787));
  say(`starting the team backend on http://127.0.0.1:${port} (PGlite in ${path.relative(ROOT, DATA_DIR) || '.'}/)`);
  const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { LOG_REQUESTS: '0', ...process.env, PORT: String(port), DATA_DIR },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  const team = seedDemoTeam();
  await shareDemoTerms(url, team);
  say(`team backend ready: demo team ${team.teamId}`);
  return { url, team };
}

/**
 * The team's words (Lumen, @lumenbikes, its products, Voltra) in the team's settings, which the
 * extension takes from the server: without them "The brake on my Lumen failed" names no brand and
 * reads as no stage. Set once; terms the team has since written are kept.
 */
async function shareDemoTerms(url: string, team: DemoTeam) {
  const headers = { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' };
  const current = await fetch(`${url}/v1/settings`, { headers });
  if (!current.ok) throw new Error(`reading the demo team's settings failed: HTTP ${current.status}`);
  const settings = (await current.json()) as { terms?: { brands?: string[] } };
  if ((settings.terms?.brands?.length ?? 0) > 0) return;
  const saved = await fetch(`${url}/v1/settings`, { method: 'PUT', headers, body: JSON.stringify({ ...settings, terms: DEMO_TERMS }) });
  if (!saved.ok) throw new Error(`sharing the demo team's terms failed: HTTP ${saved.status} ${await saved.text()}`);
  say(`shared the demo team's terms: ${DEMO_TERMS.brands.join(', ')}, @${DEMO_TERMS.handles.join(', @')}`);
}

function buildExtension() {
  say('building the extension (.output/chrome-mv3)');
  // The build's own spinner would garble these progress lines: its output is shown only on failure.
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error('the extension build failed (its output is above)');
  }
}

async function serveDemoFeeds(target: ExtensionBrowser) {
  await target.serve(DEMO_URLS.x, feedPage('x', DEMO_POSTS.x, { title: 'Home / X (Switchboard demo)' }));
  await target.serve(DEMO_URLS.facebook, feedPage('facebook', DEMO_POSTS.facebook, { title: 'Facebook (Switchboard demo)' }));
  await target.serve(DEMO_URLS.instagram, feedPage('instagram', DEMO_POSTS.instagram, { title: 'Instagram (Switchboard demo)' }));
}

async function waitForBadges(page: Page) {
  await page.waitForSelector('switchboard-badge', { timeout: 15_000 });
  await page.waitForTimeout(300);
  return page.locator('switchboard-badge').count();
}

/** Headless: walk the main flows and keep a screenshot of each. */
async function walkFlows(target: ExtensionBrowser): Promise<string[]> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const shots: string[] = [];
  const shoot = async (page: Page, name: string) => {
    const file = path.join(OUTPUT_DIR, name);
    await page.screenshot({ path: file });
    shots.push(file);
  };
  for (const site of ['x', 'facebook', 'instagram'] as const) {
    const { page } = await target.open(DEMO_URLS[site]);
    const count = await waitForBadges(page);
    say(`${site}: ${count} posts badged`);
    if (site === 'x') {
      const purchase = page.locator('switchboard-badge[data-stage="purchase"]').first();
      const complaint = page.locator('switchboard-badge[data-stage="post-purchase"][data-department="service"]').first();
      await complaint.getByRole('button', { name: 'Log interaction', exact: true }).click();
      await purchase.getByRole('button', { name: 'Flag lead', exact: true }).click();
      await page.waitForTimeout(400);
      await purchase.getByRole('button', { name: /Switchboard:/ }).focus();
      await page.waitForTimeout(200);
      say('x: logged an interaction on a complaint and flagged a purchase-stage lead');
    }
    await shoot(page, `${site}-feed.png`);
    await page.close();
  }
  const panel = await target.context.newPage();
  await panel.setViewportSize({ width: 400, height: 800 });
  await panel.goto(`chrome-extension://${target.extensionId}/sidepanel.html?customer=x:tomfixesthings`);
  await panel.waitForTimeout(800);
  await shoot(panel, 'sidepanel-customer.png');
  await panel.close();
  return shots;
}

async function main() {
  const started = Date.now();
  const backend = await startBackend();
  buildExtension();
  say(`launching Chromium${headless ? ' (headless: no display)' : ''}`);
  browser = await launchWithExtension({ headless, userDataDir: path.join(DATA_DIR, 'demo-browser-profile') });
  await serveDemoFeeds(browser);
  if (backend) await connectToTeam(browser, backend.url, backend.team);
  if (headless) {
    const shots = await walkFlows(browser);
    say(`screenshots in ${path.relative(ROOT, OUTPUT_DIR)}/: ${shots.map((s) => path.basename(s)).join(', ')}`);
  } else {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(DEMO_URLS.x);
    say(`demo feeds: ${Object.values(DEMO_URLS).join(' · ')}`);
  }
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s${backend ? ` · team backend ${backend.url}` : ''} · Ctrl-C stops everything`);
}

main().catch(async (error: unknown) => {
  console.error(`switchboard: ${(error as Error).message}`);
  await stop(1);
});
