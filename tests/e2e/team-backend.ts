import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Assignment, Change } from '../../lib/model';
import { launchWithExtension, ROOT, type ExtensionBrowser } from '../../scripts/browser';
import { feedPage } from '../../scripts/demo/markup';
import { DEMO_POSTS } from '../../scripts/demo/posts';

/** A real team backend (embedded PGlite) on loopback with a team of two: dana (service, admin) and sam (sales). */
export interface TeamBackend {
  url: string;
  teamId: string;
  tokens: { dana: string; sam: string };
  /** A request to the backend as `as` (default dana), straight, not through any browser. */
  call(path: string, init?: { as?: 'dana' | 'sam'; method?: 'GET' | 'POST'; body?: unknown }): Promise<Response>;
  /** Every change the team's backend holds (what a member pulling from the start gets). */
  changes(): Promise<Change[]>;
  /** The team's assignments of one customer, as the backend holds them. */
  assignmentsOn(customerKey: string): Promise<Assignment[]>;
  /** An admin command against this backend's data (`member deactivate ...`): its JSON answer. */
  admin(args: string[]): Record<string, string>;
  /** Stop the server process only (the data stays): the team goes offline. */
  pause(): Promise<void>;
  /** Start it again on the same port and data. */
  resume(): Promise<void>;
  /**
   * Connect a browser's extension as `handle` through the options page (CONTRACT section 6), to
   * `serverUrl` (default: this backend; a test's proxy in front of it) with `token` (default: the member's).
   */
  connect(browser: ExtensionBrowser, handle: 'dana' | 'sam', via?: { serverUrl?: string; token?: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function startTeamBackend(): Promise<TeamBackend> {
  const work = mkdtempSync(path.join(tmpdir(), 'switchboard-team-'));
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: work, DATABASE_URL: '', LOG_REQUESTS: '0' };
  let backend = launch();
  function launch() {
    return spawn('node', ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      stdio: 'ignore',
    });
  }
  const halt = async () => {
    if (backend.exitCode === null) {
      backend.kill('SIGTERM');
      await new Promise((resolve) => backend.once('exit', resolve));
    }
  };
  const stop = async () => {
    await halt();
    rmSync(work, { recursive: true, force: true });
  };
  const healthy = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (attempt > 120 || backend.exitCode !== null) {
        await stop();
        throw new Error(`the team backend did not start on ${url}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await healthy();

  const admin = (args: string[]): Record<string, string> => {
    const result = spawnSync('node', ['--import', 'tsx', 'server/main.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`server ${args.join(' ')}: ${result.stderr}`);
    return JSON.parse(result.stdout.trim()) as Record<string, string>;
  };
  const team = admin(['team', 'create', '--name', 'Lumen Bikes', '--admin', 'dana', '--department', 'service']);
  admin(['member', 'add', '--team', team.teamId!, '--handle', 'sam', '--department', 'sales']);
  const tokens = { dana: team.token!, sam: admin(['token', 'create', '--team', team.teamId!, '--handle', 'sam']).token! };

  const call: TeamBackend['call'] = async (route, init = {}) => {
    const request = () =>
      fetch(`${url}${route}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${tokens[init.as ?? 'dana']}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    try {
      return await request();
    } catch (error) {
      // Once more: the backend closes an idle keep-alive connection just as fetch may reuse it (ECONNRESET).
      if (!(error instanceof TypeError)) throw error;
      return request();
    }
  };

  return {
    url,
    teamId: team.teamId!,
    tokens,
    admin,
    call,
    async assignmentsOn(customerKey) {
      const response = await call(`/v1/assignments?customerKey=${encodeURIComponent(customerKey)}`);
      if (!response.ok) throw new Error(`the backend answered ${response.status} for the assignments of ${customerKey}`);
      return ((await response.json()) as { assignments: Assignment[] }).assignments;
    },
    async changes() {
      const response = await call('/v1/sync/changes?since=0&limit=1000');
      if (!response.ok) throw new Error(`the backend answered ${response.status} for its changes`);
      return ((await response.json()) as { changes: Change[] }).changes;
    },
    stop,
    pause: halt,
    async resume() {
      backend = launch();
      await healthy();
    },
    async connect(browser, handle, via = {}) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await page.getByLabel('Team server').fill(via.serverUrl ?? url);
      await page.getByLabel('Access token').fill(via.token ?? tokens[handle]);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(`Connected as ${handle}`).waitFor({ timeout: 10_000 });
      await page.close();
    },
  };
}

/**
 * For a test file: one team backend, and Dana and Sam each in a browser with the extension,
 * connected, with the demo X timeline served to both; everything stopped after the file.
 */
export function twoMembersOnX(): { readonly team: TeamBackend; readonly dana: ExtensionBrowser; readonly sam: ExtensionBrowser } {
  let team: TeamBackend | undefined;
  let dana: ExtensionBrowser | undefined;
  let sam: ExtensionBrowser | undefined;
  beforeAll(async () => {
    team = await startTeamBackend();
    dana = await launchWithExtension();
    sam = await launchWithExtension();
    await team.connect(dana, 'dana');
    await team.connect(sam, 'sam');
    for (const browser of [dana, sam]) await browser.serve('https://x.com/home', feedPage('x', DEMO_POSTS.x));
  });
  afterAll(async () => {
    await dana?.close();
    await sam?.close();
    await team?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('twoMembersOnX: used before its beforeAll ran');
    return value;
  };
  return {
    get team() {
      return started(team);
    },
    get dana() {
      return started(dana);
    },
    get sam() {
      return started(sam);
    },
  };
}
