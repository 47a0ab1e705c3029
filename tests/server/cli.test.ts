import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponseSchema } from '../../lib/model';
import { openDatabase, type Database } from '../../server/db/client';
import { client, openEmptyDatabase, testApp, type TestDatabase } from './helpers';

/**
 * The admin command line, spawned as `npm run server -- ...` runs it: one JSON line on stdout, logs
 * on stderr. On PGlite it works in a temporary DATA_DIR; with DATABASE_URL set, in this file's own
 * schema. The tokens it prints are then used against the app.
 */

let dataDir: string;
let pg: TestDatabase | null = null;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? '', LOG_REQUESTS: '0', ...extra };
}

function cli(args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync('node', ['--import', 'tsx', 'server/main.ts', ...args], { env: env(extra), encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function oneJsonLine(stdout: string): Record<string, string> {
  const lines = stdout.split('\n').filter((line) => line.length > 0);
  expect(lines, `stdout: ${stdout}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, string>;
}

/** The database the commands wrote, opened in process once no command runs any more. */
async function openWritten(): Promise<{ database: Database; close: () => Promise<void> }> {
  if (pg) return { database: pg.database, close: async () => {} };
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  return { database, close: () => database.close() };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-cli-'));
  if (process.env.DATABASE_URL) pg = await openEmptyDatabase();
});

afterAll(async () => {
  await pg?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const created: { teamId: string; token: string; samToken: string; samTokenId: string } = { teamId: '', token: '', samToken: '', samTokenId: '' };

describe('admin command line', () => {
  it('team create prints exactly one JSON line with the team id and the admin token', () => {
    const result = cli(['team', 'create', '--name', 'Lumen Bikes', '--admin', 'dana']);
    expect(result.status, result.stderr).toBe(0);
    const answer = oneJsonLine(result.stdout);
    expect(Object.keys(answer).sort()).toEqual(['teamId', 'token']);
    expect(answer.teamId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).not.toContain(answer.token);
    created.teamId = answer.teamId!;
    created.token = answer.token!;
  }, 60_000);

  it('member add, token create and token revoke print one JSON line each', () => {
    const added = cli(['member', 'add', '--team', created.teamId, '--handle', 'sam', '--department', 'sales']);
    expect(added.status, added.stderr).toBe(0);
    expect(oneJsonLine(added.stdout)).toEqual({ teamId: created.teamId, handle: 'sam', department: 'sales', role: 'member' });

    const token = cli(['token', 'create', '--team', created.teamId, '--handle', 'sam']);
    expect(token.status, token.stderr).toBe(0);
    const made = oneJsonLine(token.stdout);
    created.samToken = made.token!;
    created.samTokenId = made.tokenId!;
    expect(made.handle).toBe('sam');

    const again = cli(['token', 'create', '--team', created.teamId, '--handle', 'sam']);
    const revoked = cli(['token', 'revoke', '--token-id', oneJsonLine(again.stdout).tokenId!]);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(oneJsonLine(revoked.stdout)).toMatchObject({ revoked: true });
  }, 60_000);

  it('fails with a message on stderr and nothing on stdout', () => {
    const duplicate = cli(['member', 'add', '--team', created.teamId, '--handle', 'sam', '--department', 'sales']);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stdout).toBe('');
    expect(duplicate.stderr).toContain('already has a member sam');

    const badOption = cli(['team', 'create', '--name', 'X', '--admin', 'Not A Handle']);
    expect(badOption.status).toBe(2);
    expect(badOption.stdout).toBe('');
    expect(badOption.stderr).toContain('--admin');

    const unknown = cli(['team', 'explode']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command');

    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('team create --name NAME --admin HANDLE');
  }, 60_000);

  it('refuses to start with a bad environment, naming the variable', () => {
    const port = cli([], { PORT: 'eighty' });
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/PORT/);
    expect(port.stderr).toContain('refusing to start');
    const url = cli(['team', 'create', '--name', 'X', '--admin', 'x'], { DATABASE_URL: 'mysql://somewhere/db' });
    expect(url.status).toBe(2);
    expect(url.stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(url.stderr).not.toContain('somewhere');
  }, 60_000);

  it('the printed tokens work against the app; the revoked one does not', async () => {
    const { database, close } = await openWritten();
    try {
      const app = testApp(database);
      const me = await client(app, created.token).get('/v1/me');
      expect(me.status).toBe(200);
      expect(MeResponseSchema.parse(me.body)).toMatchObject({ member: { handle: 'dana', role: 'admin' }, team: { name: 'Lumen Bikes' } });
      expect((await client(app, created.samToken).get('/v1/me')).body).toMatchObject({ member: { handle: 'sam', department: 'sales' } });
      const tokens = (await client(app, created.token).get('/v1/tokens')).body as { tokens: Array<{ revokedAt: string | null }> };
      expect(tokens.tokens.filter((t) => t.revokedAt !== null)).toHaveLength(1);
    } finally {
      await close();
    }
  }, 60_000);

  it('while a server runs on the same data, commands go through it', async () => {
    const server = spawn('node', ['--import', 'tsx', 'server/main.ts'], { env: env({ PORT: '0', HOST: '127.0.0.1' }) });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        const timer = setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 30_000);
        server.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)"/.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
      });
      const result = cli(['member', 'add', '--team', created.teamId, '--handle', 'mia', '--department', 'marketing']);
      expect(result.status, result.stderr).toBe(0);
      expect(oneJsonLine(result.stdout)).toMatchObject({ handle: 'mia' });
      const duplicate = cli(['member', 'add', '--team', created.teamId, '--handle', 'mia', '--department', 'marketing']);
      expect(duplicate.status).toBe(1);
      expect(duplicate.stderr).toContain('already has a member mia');
      const members = await fetch(`${url}/v1/members`, { headers: { Authorization: `Bearer ${created.token}` } });
      expect(((await members.json()) as { members: Array<{ handle: string }> }).members.map((m) => m.handle)).toContain('mia');
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
