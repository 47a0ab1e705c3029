import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/browser';
import { DEMO_POSTS, DEMO_TERMS } from '../../scripts/demo/posts';

/** `npm start -- --headless`: up, walked, screenshots written, and Ctrl-C leaves nothing behind. */

const work = mkdtempSync(path.join(tmpdir(), 'switchboard-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function processesWithEnvironment(fragment: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(fragment)) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found.filter((pid) => pid !== process.pid);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start -- --headless', () => {
  it('starts everything, walks the flows with screenshots, and stops cleanly on SIGINT', async () => {
    const dataDir = path.join(work, 'data');
    const outputDir = path.join(work, 'shots');
    const child = spawn('node', ['--import', 'tsx', 'scripts/start.ts', '--headless'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DEMO_OUTPUT_DIR: outputDir, PORT: '18787' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 120_000;
    while (!/switchboard: ready in/.test(output)) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start was not ready in 120 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const port = Number(/team backend http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await portOpen(port)).toBe(true);

    for (const site of ['x', 'facebook', 'instagram'] as const) {
      expect(output).toContain(`${site}: ${DEMO_POSTS[site].length} posts badged`);
      const shot = path.join(outputDir, `${site}-feed.png`);
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(statSync(path.join(outputDir, 'sidepanel-customer.png')).size).toBeGreaterThan(5_000);
    expect(output).toContain('logged an interaction on a complaint and flagged a purchase-stage lead');
    expect(output).toContain('extension connected to the demo team as dana');
    // The team's words are the team's settings on its server, where the extension takes them from.
    const { token } = JSON.parse(readFileSync(path.join(dataDir, 'demo-team.json'), 'utf8')) as { token: string };
    const settings = await fetch(`http://127.0.0.1:${port}/v1/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect((await settings.json()).terms).toEqual(DEMO_TERMS);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await portOpen(port)).toBe(false);
    // Nothing started for this run is left: no process names its folder in its command line
    // (Chromium's profile) or in its environment (the backend's DATA_DIR).
    const left = spawnSync('pgrep', ['-f', work], { encoding: 'utf8' }).stdout.trim();
    expect(left).toBe('');
    expect(processesWithEnvironment(work)).toEqual([]);
  }, 180_000);
});
