import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DepartmentSchema, HandleSchema } from '../lib/model';
import type { Db } from './db/client';
import { revokeTokenById, teamExists } from './db/global';
import { TeamScope } from './db/scope';
import { HttpError } from './http/errors';
import { silentNotifier, type ServiceContext } from './services/context';
import { addMember, createTeam, updateMember } from './services/team';
import { createToken } from './services/tokens';

/**
 * The admin command line. Each command prints exactly one JSON line on stdout and exits 0; errors
 * go to stderr with exit status 1 (2 for bad options). On the embedded store, while a server holds
 * the data directory, the command is sent to that server over a Unix socket in the data directory
 * (reachable only by the same user) instead of opening the database a second time.
 */

export const USAGE = `Switchboard team backend

  npm run server                                   start the backend (PORT, DATABASE_URL, DATA_DIR, ...)
  npm run --silent server -- <command> [options]   an admin command; prints one JSON line

commands:
  team create --name NAME --admin HANDLE [--display-name NAME] [--department DEPT]
      a team with its first admin; prints {"teamId": "...", "token": "..."} (the admin's API token)
  member add --team ID --handle HANDLE --department DEPT [--admin] [--display-name NAME]
      prints {"teamId", "handle", "department", "role"}
  member deactivate --team ID --handle HANDLE
      the member's tokens are refused from then on; prints {"teamId", "handle", "active": false}
  token create --team ID --handle HANDLE [--label TEXT]
      a new API token for a member (shown once); prints {"tokenId", "token", "handle"}
  token revoke --token-id ID
      prints {"tokenId", "revoked": true}

DEPT is one of marketing, pr, sales, service, none.
Logs go to stderr; stdout carries only the answer.`;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const TeamId = z.string().uuid('--team is a team id (a UUID)');
const Name = z.string().trim().min(1, '--name must not be empty').max(200);
const Department = DepartmentSchema;

export type Command =
  | { kind: 'help' }
  | { kind: 'team create'; name: string; admin: string; displayName?: string; department?: z.infer<typeof Department> }
  | { kind: 'member add'; team: string; handle: string; department: z.infer<typeof Department>; admin: boolean; displayName?: string }
  | { kind: 'member deactivate'; team: string; handle: string }
  | { kind: 'token create'; team: string; handle: string; label: string }
  | { kind: 'token revoke'; tokenId: string };

function field<T>(schema: z.ZodType<T>, value: unknown, option: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = value === undefined ? `${option} is required` : `${option}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  throw new CliError(message, 2);
}

/** Parses the command line; throws CliError (exit 2) on anything unexpected. */
export function parseCommand(argv: string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { kind: 'help' };
  const [noun, verb, ...rest] = argv;
  const name = `${noun} ${verb ?? ''}`.trim();
  const options = {
    'team create': { name: { type: 'string' }, admin: { type: 'string' }, 'display-name': { type: 'string' }, department: { type: 'string' } },
    'member add': {
      team: { type: 'string' },
      handle: { type: 'string' },
      department: { type: 'string' },
      admin: { type: 'boolean' },
      'display-name': { type: 'string' },
    },
    'member deactivate': { team: { type: 'string' }, handle: { type: 'string' } },
    'token create': { team: { type: 'string' }, handle: { type: 'string' }, label: { type: 'string' } },
    'token revoke': { 'token-id': { type: 'string' } },
  } as const;
  if (!(name in options)) throw new CliError(`unknown command "${name}" (see --help)`, 2);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: options[name as keyof typeof options], strict: true, allowPositionals: false }).values as unknown as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
  switch (name) {
    case 'team create':
      return {
        kind: 'team create',
        name: field(Name, values.name, '--name'),
        admin: field(HandleSchema, values.admin, '--admin'),
        displayName: values['display-name'] === undefined ? undefined : field(Name, values['display-name'], '--display-name'),
        department: values.department === undefined ? undefined : field(Department, values.department, '--department'),
      };
    case 'member add':
      return {
        kind: 'member add',
        team: field(TeamId, values.team, '--team'),
        handle: field(HandleSchema, values.handle, '--handle'),
        department: field(Department, values.department, '--department'),
        admin: values.admin === true,
        displayName: values['display-name'] === undefined ? undefined : field(Name, values['display-name'], '--display-name'),
      };
    case 'member deactivate':
      return { kind: 'member deactivate', team: field(TeamId, values.team, '--team'), handle: field(HandleSchema, values.handle, '--handle') };
    case 'token create':
      return {
        kind: 'token create',
        team: field(TeamId, values.team, '--team'),
        handle: field(HandleSchema, values.handle, '--handle'),
        label: values.label === undefined ? 'admin command line' : field(z.string().max(100), values.label, '--label'),
      };
    default:
      return { kind: 'token revoke', tokenId: field(z.string().uuid('--token-id is a token id (a UUID)'), values['token-id'], '--token-id') };
  }
}

async function teamContext(db: Db, teamId: string): Promise<ServiceContext> {
  if (!(await teamExists(db, teamId))) throw new CliError(`no team ${teamId}`);
  return { scope: new TeamScope(db, teamId), actor: { handle: 'cli', role: 'admin' }, notifier: silentNotifier };
}

/** Runs a parsed command against the database; returns the JSON answer. */
export async function executeCommand(db: Db, command: Exclude<Command, { kind: 'help' }>): Promise<Record<string, unknown>> {
  try {
    switch (command.kind) {
      case 'team create': {
        const { teamId, token } = await createTeam(db, {
          name: command.name,
          adminHandle: command.admin,
          displayName: command.displayName,
          department: command.department,
        });
        return { teamId, token };
      }
      case 'member add': {
        const member = await addMember(await teamContext(db, command.team), {
          handle: command.handle,
          displayName: command.displayName,
          department: command.department,
          role: command.admin ? 'admin' : 'member',
        });
        return { teamId: command.team, handle: member.handle, department: member.department, role: member.role };
      }
      case 'member deactivate': {
        const member = await updateMember(await teamContext(db, command.team), command.handle, { active: false });
        return { teamId: command.team, handle: member.handle, active: member.active };
      }
      case 'token create': {
        const created = await createToken(await teamContext(db, command.team), { handle: command.handle, label: command.label });
        return { tokenId: created.id, token: created.token, handle: created.memberHandle };
      }
      case 'token revoke': {
        const revoked = await revokeTokenById(db, command.tokenId);
        if (!revoked) throw new CliError(`no token ${command.tokenId}`);
        await new TeamScope(db, revoked.teamId).appendAudit([
          { actor: 'cli', action: 'token.revoke', targetType: 'token', targetId: command.tokenId, detail: { memberHandle: revoked.memberHandle } },
        ]);
        return { tokenId: command.tokenId, revoked: true };
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw new CliError(error.message);
    throw error;
  }
}

// ── the admin socket: the running server executes commands for the command line ───────────────

export interface AdminAnswer {
  ok: boolean;
  result?: Record<string, unknown>;
  error?: string;
  exitCode?: number;
}

/** Serves admin commands on a Unix socket (PGlite mode, where only the server may open the data). */
export async function serveAdminSocket(db: Db, socketPath: string, onError: (error: unknown) => void): Promise<() => Promise<void>> {
  if (existsSync(socketPath)) rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 64 * 1024) socket.destroy();
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      const line = buffer.slice(0, newline);
      void (async () => {
        let answer: AdminAnswer;
        try {
          const { argv } = z.object({ argv: z.array(z.string()).max(50) }).parse(JSON.parse(line));
          const command = parseCommand(argv);
          if (command.kind === 'help') throw new CliError('help is answered locally', 2);
          answer = { ok: true, result: await executeCommand(db, command) };
        } catch (error) {
          if (error instanceof CliError) answer = { ok: false, error: error.message, exitCode: error.exitCode };
          else {
            onError(error);
            answer = { ok: false, error: 'the server could not run this command (see its log)', exitCode: 1 };
          }
        }
        socket.end(`${JSON.stringify(answer)}\n`);
      })();
    });
    socket.on('error', () => {});
  });
  const previousUmask = process.umask(0o177); // the socket file is created 0600: this user only
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previousUmask);
  }
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(socketPath, { force: true });
    });
}

/** Sends a command to the running server; null when no server listens there. */
export async function sendToServer(socketPath: string, argv: string[]): Promise<AdminAnswer | null> {
  if (!existsSync(socketPath)) return null;
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv })}\n`));
    socket.on('data', (chunk: string) => (buffer += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(buffer) as AdminAnswer);
      } catch {
        reject(new CliError('the running server gave no answer'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(null);
      else reject(error);
    });
  });
}
