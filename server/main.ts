import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { CliError, USAGE, executeCommand, parseCommand, sendToServer, serveAdminSocket } from './cli';
import { databaseOptionsFromEnv, openDatabase, type Database } from './db/client';
import { DataDirBusy, lockDataDir, lockHolder } from './db/lock';
import { migrate } from './db/migrate';
import { EnvError, appConfigFromEnv, loadEnv, type Env } from './env';
import { describeError, stderrLogger } from './http/log';
import { ChannelHub } from './services/channel';

/**
 * `npm run server`: the team backend. `npm run --silent server -- <command>`: the admin command
 * line (cli.ts). Both parse the environment first and refuse to go on with a bad one. Only the
 * answer of an admin command goes to stdout; everything else goes to stderr.
 */

const log = stderrLogger;

function fail(message: string, code: number): never {
  process.stderr.write(`switchboard: ${message}\n`);
  process.exit(code);
}

/** Opens (and migrates) the database the environment names; on PGlite, takes the data directory's lock. */
async function open(env: Env): Promise<{ database: Database; release: () => void; socketPath: string | null }> {
  const options = databaseOptionsFromEnv(env);
  let release = () => {};
  let socketPath: string | null = null;
  if (options.kind === 'pglite') {
    release = lockDataDir(options.dataDir!);
    socketPath = path.join(path.resolve(env.DATA_DIR), 'admin.sock');
  }
  try {
    const database = await openDatabase(options);
    const { applied } = await migrate(database.db);
    if (applied.length > 0) log.info('migrations applied', { applied });
    return { database, release, socketPath };
  } catch (error) {
    release();
    throw error;
  }
}

async function runServer(env: Env): Promise<void> {
  const { database, release, socketPath } = await open(env);
  const config = appConfigFromEnv(env);
  const channel = new ChannelHub(database.db, config.channelPollMs, (error) => log.error('push channel poll failed', describeError(error)));
  const app = createApp({ database, config, log, channel });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const closeAdmin = socketPath ? await serveAdminSocket(database.db, socketPath, (e) => log.error('admin command failed', describeError(e))) : null;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  log.info('listening', { url: `http://${env.HOST ?? 'localhost'}:${port}`, database: database.kind });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    channel.stop();
    server.close();
    // Push-channel streams never end by themselves.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await closeAdmin?.();
    await database.close().catch((error) => log.error('closing the database failed', describeError(error)));
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function runCommand(env: Env, argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = databaseOptionsFromEnv(env);
  if (options.kind === 'pglite' && lockHolder(options.dataDir!) !== null) {
    // A server has the embedded database open: ask it to run the command.
    const answer = await sendToServer(path.join(path.resolve(env.DATA_DIR), 'admin.sock'), argv);
    if (!answer) throw new CliError(`a Switchboard process holds ${env.DATA_DIR} but does not take admin commands; stop it and retry`);
    if (!answer.ok) throw new CliError(answer.error ?? 'failed', answer.exitCode === 2 ? 2 : 1);
    process.stdout.write(`${JSON.stringify(answer.result)}\n`);
    return;
  }
  const { database, release } = await open(env);
  try {
    const result = await executeCommand(database.db, command);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.close();
    release();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(`${error.message}\nrefusing to start`, 2);
    throw error;
  }
  if (argv.length === 0 || (argv.length === 1 && argv[0] === 'serve')) {
    await runServer(env);
    return;
  }
  try {
    await runCommand(env, argv);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.exitCode === 2) fail(`${error.message}\n\n${USAGE}`, 2);
      fail(error.message, 1);
    }
    throw error;
  }
}

main().catch((error) => {
  if (error instanceof DataDirBusy) fail(`${error.message}; stop it first (or use DATABASE_URL for several processes)`, 1);
  log.error('fatal', describeError(error));
  fail(error instanceof Error ? error.message : String(error), 1);
});
