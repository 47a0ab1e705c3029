/**
 * The team backend's benchmark (issue 5): sustained push throughput in batches of 100 mutations,
 * and pull latency for pages of 1,000 changes, each with 50 concurrent requests on loopback for a
 * bounded time (20 s, as the issue says), against PGlite and PostgreSQL (in a throwaway schema): the
 * server DATABASE_URL names, else a throwaway cluster started here (scripts/ci-postgres.sh) when
 * PostgreSQL is installed.
 *
 * The backend runs as its own process (`node --import tsx server/main.ts`), as in production; this
 * process is the load generator: a bounded loop of 50 workers, each sending its next request when
 * the previous answer is read. Pulls are timed as members make them: catching up from the start by
 * cursor (full pages then come from the backend's cache), and from arbitrary cursors (cache
 * misses), also for one client alone, which is the latency of the pull itself rather than of a
 * queue of 50. Pulls send Accept-Encoding as browsers do (see Puller). Run alone:
 * `node --import tsx scripts/bench-server.ts` (BENCH_SERVER_PUSH_SECONDS, BENCH_SERVER_PULL_SECONDS,
 * BENCH_SERVER_TARGETS=postgres|pglite).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import type { Mutation, PostSnapshot } from '../lib/model';
import { openDatabase, type DatabaseOptions } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { createTeam } from '../server/services/team';
import { percentile } from './bench-stats';
import type { BenchRow } from './bench-types';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONCURRENCY = 50;
const BATCH = 100;
const PUSH_SECONDS = Number(process.env.BENCH_SERVER_PUSH_SECONDS ?? 20);
const PULL_SECONDS = Number(process.env.BENCH_SERVER_PULL_SECONDS ?? 20);
const PULL_PAGE = 1000;
const gunzipAsync = promisify(gunzip);
const brotliDecompressAsync = promisify(brotliDecompress);

interface Target {
  label: string;
  env: Record<string, string>;
  options: DatabaseOptions;
  cleanup: () => Promise<void>;
}


async function pglite(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-bench-'));
  return {
    label: 'PGlite',
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    options: { kind: 'pglite', dataDir: path.join(dir, 'pglite') },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresql(url: string): Promise<Target> {
  const schema = `sbbench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create schema "${schema}"`);
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}search_path=${schema}` },
    options: { kind: 'postgres', url, searchPath: schema, maxConnections: 2 },
    cleanup: async () => {
      await admin.unsafe(`drop schema "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** A team and its admin token, made before the server starts (PGlite is one process's). */
async function prepare(target: Target): Promise<string> {
  const database = await openDatabase(target.options);
  try {
    await migrate(database.db);
    return (await createTeam(database.db, { name: 'Bench team', adminHandle: 'bench' })).token;
  } finally {
    await database.close();
  }
}

async function startServer(target: Target): Promise<{ url: string; child: ChildProcess }> {
  // BENCH_SERVER_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the backend (Node refuses --cpu-prof in NODE_OPTIONS).
  const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn('node', [...flags, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...target.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_REQUESTS: '0',
      // One token drives the whole load: the per-token limit would measure itself otherwise.
      RATE_LIMIT_RPS: '1000000',
      RATE_LIMIT_BURST: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`the backend did not start: ${stderr.slice(-500)}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the backend exited (${code}): ${stderr.slice(-500)}`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** 50 workers, each sending its next request as soon as its previous answer is read, for `seconds`. */
interface LoadResult {
  /** Milliseconds per request, sorted. */
  latencies: number[];
  units: number;
  errors: number;
  elapsed: number;
}

async function load(seconds: number, request: (worker: number) => Promise<number>, concurrency = CONCURRENCY): Promise<LoadResult> {
  const latencies: number[] = [];
  let units = 0;
  let errors = 0;
  let firstError = '';
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const done = await request(worker); // not `units += await ...`: that reads units before waiting
          units += done;
          latencies.push(performance.now() - t0);
        } catch (error) {
          if (errors === 0) firstError = (error as Error).message;
          errors += 1;
        }
      }
    }),
  );
  if (firstError) process.stderr.write(`bench-server: ${errors} failed requests, the first: ${firstError}\n`);
  return { latencies: latencies.sort((a, b) => a - b), units, errors, elapsed: (performance.now() - started) / 1000 };
}

/**
 * CPU time a process has used, in ms (Linux /proc; null elsewhere): the backend's CPU per pull is
 * a figure the other work on a shared machine does not move much, unlike latency.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 10 ms
  } catch {
    return null;
  }
}

/** CPU time of every PostgreSQL server process on this machine, in ms (Linux /proc; null elsewhere). */
function postgresCpuMs(): number | null {
  try {
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.split(') ')[1]!.split(' ');
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        // The process ended meanwhile.
      }
    }
    return total;
  } catch {
    return null;
  }
}

let counter = 0;
function batch(): Mutation[] {
  const now = new Date().toISOString();
  return Array.from({ length: BATCH }, (_, i): Mutation => {
    counter += 1;
    const customerKey = `x:customer_${counter % 5000}`;
    const post: PostSnapshot = {
      site: 'x',
      postId: String(counter),
      postKey: `x:${counter}`,
      permalink: `https://x.com/customer/status/${counter}`,
      text: 'Is the blue one in stock in size M? Need it before Friday, thinking about the red one too.',
      postedAt: now,
    };
    const base = { mutationId: uuidv7(), createdAt: now };
    if (i < 55) {
      return {
        ...base,
        type: 'observation.add',
        record: { id: uuidv7(), customerKey, post, stage: 'purchase', department: 'sales', confidence: 0.82, observedAt: now, observedBy: 'bench' },
      };
    }
    if (i < 95) {
      return {
        ...base,
        type: 'interaction.add',
        record: { id: uuidv7(), customerKey, post, kind: 'reply', note: 'Sent sizes and stock.', stage: 'purchase', department: 'sales', memberHandle: 'bench', createdAt: now },
      };
    }
    return {
      ...base,
      type: 'lead.put',
      baseVersion: null,
      record: { id: uuidv7(), customerKey, source: post, status: 'new', owner: 'bench', note: '', createdAt: now, updatedAt: now, version: 1 },
    };
  });
}

/** What a browser's fetch sends on every request (so do the extension's pulls). */
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

interface PullAnswer {
  status: number;
  encoding: string;
  body: Buffer;
}

/**
 * The pull side of the load generator, on node:http with a keep-alive pool (as autocannon is). It
 * sends `Accept-Encoding` as a browser's fetch always does (so do the extension's pulls), so the
 * server may answer compressed. Every answer is checked: its body is decompressed and checked to
 * be the page asked for (first and last change numbers, cursor, hasMore), unless it is byte for
 * byte a body already checked (or being checked) for the same cursor. The time of a pull runs to the end of that
 * check: past the last byte, as a client has to read the page too.
 */
class Puller {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  private readonly checked = new Map<number, { body: Buffer; page: Promise<{ cursor: number; hasMore: boolean }> }>();
  /** Each catch-up worker's cursor. */
  private readonly cursors: number[] = [];
  /** Latencies of catch-up pulls of the last page. */
  private lastPages: number[] = [];
  /** Answers and bytes received since the last `traffic()`. */
  private answers = 0;
  private bytes = 0;
  private readonly encodings = new Set<string>();

  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly total: number,
  ) {}

  /** One page after `since`, checked; gives the page's cursor and whether more follow. */
  async pull(since: number): Promise<{ cursor: number; hasMore: boolean }> {
    const answer = await this.get(since);
    this.answers += 1;
    this.bytes += answer.body.length;
    this.encodings.add(answer.encoding);
    if (answer.status !== 200) throw new Error(`pull ${answer.status}: ${answer.body.toString().slice(0, 200)}`);
    // A check under way counts: 50 workers catching up together get each page at the same moment.
    const known = this.checked.get(since);
    if (known?.body.equals(answer.body)) return known.page;
    const page = this.check(since, answer);
    this.checked.set(since, { body: answer.body, page });
    return page;
  }

  /** One walk through the history from the start, alone: the backend has then served every page once. */
  async walkOnce(): Promise<void> {
    for (let since = 0, more = true; more; ) ({ cursor: since, hasMore: more } = await this.pull(since));
  }

  /** The next page of this worker's walk through the history from the start. */
  async catchUp(worker: number): Promise<number> {
    const t0 = performance.now();
    const page = await this.pull(this.cursors[worker] ?? 0);
    if (!page.hasMore) this.lastPages.push(performance.now() - t0);
    this.cursors[worker] = page.hasMore ? page.cursor : 0;
    return 1;
  }

  /** How the walks' last pages (partial: cached only until the team's next change) fared; then forgets them. */
  lastPageLatency(total: number): string {
    const sorted = this.lastPages.sort((a, b) => a - b);
    const text = `last (partial) page: ${((100 * sorted.length) / Math.max(1, total)).toFixed(1)}% of pulls, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
    this.lastPages = [];
    return text;
  }

  /** Mean answer size and the encodings seen since the last call. */
  traffic(): string {
    const kb = this.answers ? this.bytes / this.answers / 1024 : 0;
    const text = `${kb.toFixed(0)} KB/answer ${[...this.encodings].join('/')}`;
    this.answers = 0;
    this.bytes = 0;
    this.encodings.clear();
    return text;
  }

  close(): void {
    this.agent.destroy();
  }

  private get(since: number): Promise<PullAnswer> {
    return new Promise((resolve, reject) => {
      const request = http.get(
        `${this.base}/v1/sync/changes?since=${since}&limit=${PULL_PAGE}`,
        { agent: this.agent, headers: { Authorization: `Bearer ${this.token}`, 'Accept-Encoding': ACCEPT_ENCODING } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              encoding: String(res.headers['content-encoding'] ?? 'identity'),
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.on('error', reject);
    });
  }

  /** Decompresses the answer and checks that it is the page after `since` (change numbers have no gaps here). */
  private async check(since: number, answer: PullAnswer): Promise<{ cursor: number; hasMore: boolean }> {
    const decoders: Record<string, (body: Buffer) => Promise<Buffer>> = {
      identity: async (body) => body,
      gzip: gunzipAsync,
      br: brotliDecompressAsync,
    };
    const decode = decoders[answer.encoding];
    if (!decode) throw new Error(`pull answered in an unexpected encoding: ${answer.encoding}`);
    const text = (await decode(answer.body)).toString();
    const tail = /"cursor":"(\d+)","hasMore":(true|false)\}$/.exec(text);
    const last = Math.min(since + PULL_PAGE, this.total);
    const hasMore = last < this.total;
    if (
      !tail ||
      Number(tail[1]) !== last ||
      (tail[2] === 'true') !== hasMore ||
      !text.startsWith(`{"changes":[{"seq":${since + 1},`) ||
      !text.includes(`{"seq":${last},`) ||
      text.includes(`{"seq":${last + 1},`)
    ) {
      throw new Error(`pull after ${since}: not the page asked for`);
    }
    return { cursor: last, hasMore };
  }
}

async function benchTarget(target: Target): Promise<BenchRow[]> {
  const token = await prepare(target);
  const { url, child } = await startServer(target);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const rows: BenchRow[] = [];
  try {
    const pushCpu = { backend: cpuMs(child.pid), generator: process.cpuUsage(), postgres: postgresCpuMs() };
    const push = await load(PUSH_SECONDS, async () => {
      const res = await fetch(`${url}/v1/sync/push`, { method: 'POST', headers, body: JSON.stringify({ mutations: batch() }) });
      const body = (await res.json()) as { results?: Array<{ status: string }> };
      if (res.status !== 200) throw new Error(`push ${res.status}`);
      const applied = body.results!.filter((r) => r.status === "applied").length;
      if (applied !== BATCH) throw new Error(`only ${applied} applied`);
      return applied;
    });
    const perSecond = push.units / push.elapsed;
    // CPU per 1,000 mutations: where the two cores went (the three share them).
    const per1000 = (before: number | null, after: number | null) =>
      before !== null && after !== null ? ((1000 * (after - before)) / Math.max(1, push.units)).toFixed(0) : '?';
    const generatorCpu = process.cpuUsage(pushCpu.generator);
    const pushCpuNote =
      `CPU/1000: backend ${per1000(pushCpu.backend, cpuMs(child.pid))} ms, generator ${per1000(0, (generatorCpu.user + generatorCpu.system) / 1000)} ms` +
      (target.label === 'PostgreSQL' ? `, PostgreSQL ${per1000(pushCpu.postgres, postgresCpuMs())} ms` : '');
    const pushTarget = target.label === 'PostgreSQL' ? 5000 : 0;
    rows.push({
      name: `${target.label}: push, mutations/s (batches of ${BATCH}, ${CONCURRENCY} concurrent, ${PUSH_SECONDS} s)`,
      value: `${Math.round(perSecond)} (p99 ${percentile(push.latencies, 99).toFixed(0)} ms/batch, ${pushCpuNote}, ${push.errors} errors)`,
      target: pushTarget ? `>= ${pushTarget}, no errors` : 'reported (target is for PostgreSQL), no errors',
      ok: push.errors === 0 && perSecond >= pushTarget,
    });

    const total = push.units;
    if (total < 2 * PULL_PAGE + 1) throw new Error(`only ${total} changes to pull from`);
    const puller = new Puller(url, token, total);
    const pullTarget = target.label === 'PostgreSQL' ? '< 50 ms, no errors' : 'reported (target is for PostgreSQL), no errors';
    let cpuBefore = cpuMs(child.pid);
    let generatorBefore = process.cpuUsage();
    let postgresBefore = postgresCpuMs();
    const pullRow = (what: string, clients: number, seconds: number, result: LoadResult, goal: string, ok: boolean, note = ''): BenchRow => {
      const cpuAfter = cpuMs(child.pid);
      const postgresAfter = postgresCpuMs();
      const generator = process.cpuUsage(generatorBefore);
      const perPull = (ms: number) => (ms / Math.max(1, result.units)).toFixed(2);
      const cpu =
        (cpuBefore !== null && cpuAfter !== null ? `, CPU/pull: backend ${perPull(cpuAfter - cpuBefore)} ms` : ', CPU/pull:') +
        ` generator ${perPull((generator.user + generator.system) / 1000)} ms` +
        (target.label === 'PostgreSQL' && postgresBefore !== null && postgresAfter !== null ? ` PostgreSQL ${perPull(postgresAfter - postgresBefore)} ms` : '');
      cpuBefore = cpuAfter;
      generatorBefore = process.cpuUsage();
      postgresBefore = postgresCpuMs();
      return {
        name: `${target.label}: pull of ${PULL_PAGE} changes, ${what}, p99 (${clients === 1 ? '1 client' : `${clients} concurrent`}, ${seconds} s)`,
        value:
          `${percentile(result.latencies, 99).toFixed(1)} ms (p50 ${percentile(result.latencies, 50).toFixed(1)} ms, ` +
          `${Math.round(result.units / result.elapsed)} pulls/s, ${puller.traffic()}${cpu}${note}, ${result.errors} errors)`,
        target: goal,
        ok: result.errors === 0 && ok,
      };
    };
    const p99Ok = (result: LoadResult) => target.label !== 'PostgreSQL' || percentile(result.latencies, 99) < 50;
    try {
      // Catch-up: each worker pulls the team's history from the start, page after page by the cursor
      // of each answer, and starts over after the last page (partial: kept only until the team's next
      // change, and nothing changes here): a new member
      // or a reinstalled extension. One walk first, alone and not counted, as a backend that has
      // served the history once: full pages then come from its cache (a cold start is what the
      // arbitrary-cursor rows below measure, every pull a miss).
      await puller.walkOnce();
      cpuBefore = cpuMs(child.pid);
      generatorBefore = process.cpuUsage();
      postgresBefore = postgresCpuMs();
      const walk = await load(PULL_SECONDS, (worker) => puller.catchUp(worker));
      rows.push(
        pullRow('catch-up from cursor 0', CONCURRENCY, PULL_SECONDS, walk, pullTarget, p99Ok(walk), `; ${puller.lastPageLatency(walk.units)}`),
      );
      // Arbitrary cursors: a page after a random change number, as a member back after a while pulls;
      // each misses the cache. Reported: it is the database's and the page's own cost.
      const arbitrary = () => puller.pull(Math.floor(Math.random() * (total - PULL_PAGE))).then(() => 1);
      const cold = await load(PULL_SECONDS, arbitrary);
      rows.push(pullRow('arbitrary cursors (cache misses)', CONCURRENCY, PULL_SECONDS, cold, 'reported, no errors', true));
      // The same for one client alone: the latency of a pull itself, without 49 others queued ahead.
      const single = await load(2, arbitrary, 1);
      rows.push(pullRow('arbitrary cursors (cache misses)', 1, 2, single, pullTarget, p99Ok(single)));
    } finally {
      puller.close();
    }
  } finally {
    await stopServer(child);
    await target.cleanup();
  }
  return rows;
}

async function benchTargets(targets: Array<() => Promise<Target>>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const make of targets) {
    const target = await make();
    try {
      rows.push(...(await benchTarget(target)));
    } catch (error) {
      rows.push({ name: `${target.label}: run`, value: `failed: ${(error as Error).message}`, target: 'runs', ok: false });
    }
  }
  return rows;
}

/** Its own state file, so that a cluster the tests started is neither reused nor stopped here. */
const BENCH_PG_STATE = path.join(tmpdir(), 'switchboard-bench-postgres.env');

/**
 * A throwaway PostgreSQL cluster for the bench when none is named and PostgreSQL is installed
 * (nothing is installed from here): its URL and how to stop it, or null.
 */
function throwawayPostgres(): { url: string; stop: () => void } | null {
  const script = path.join(ROOT, 'scripts/ci-postgres.sh');
  const env = { ...process.env, SWITCHBOARD_PG_STATE: BENCH_PG_STATE };
  const installed = spawnSync('bash', ['-c', 'command -v pg_config >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1']);
  if (installed.status !== 0) return null;
  const started = spawnSync('bash', [script, 'start'], { env, encoding: 'utf8' });
  const url = /DATABASE_URL=['"]?([^'"\s]+)/.exec(started.stdout ?? '')?.[1];
  if (started.status !== 0 || !url) throw new Error(`could not start a throwaway PostgreSQL: ${(started.stderr ?? '').trim().split('\n').at(-1)}`);
  return { url, stop: () => void spawnSync('bash', [script, 'stop'], { env }) };
}

export async function benchServer(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // BENCH_SERVER_TARGETS=postgres (or pglite) runs one of the two.
  const only = process.env.BENCH_SERVER_TARGETS;
  const targets: Array<() => Promise<Target>> = only === 'postgres' ? [] : [pglite];
  const throwaway = process.env.DATABASE_URL || only === 'pglite' ? null : throwawayPostgres();
  const url = only === 'pglite' ? undefined : process.env.DATABASE_URL || throwaway?.url;
  if (url) targets.push(() => postgresql(url));
  try {
    rows.push(...(await benchTargets(targets)));
  } finally {
    throwaway?.stop();
  }
  if (!url && only !== 'pglite') rows.push({ name: 'PostgreSQL', value: 'skipped (not installed: apt-get install postgresql, or set DATABASE_URL)', target: 'reported', ok: true });
  rows.push({
    name: 'notes on the pull rows',
    value:
      'pulls send Accept-Encoding as browsers do (answers br, ~20 KB instead of ~500 KB); catch-up counts after one ' +
      'uncounted walk and is the only case the cache serves; the partial last page is kept until the team changes (nothing changes here); the load generator ' +
      'shares the cores with the backend and PostgreSQL, and latency moves with other work on the machine: CPU/pull does much less',
    target: 'read with the figures',
    ok: true,
  });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchServer();
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => [r.name, r.value, r.target][i]!.length)));
  for (const row of rows) {
    console.log(`| ${row.name.padEnd(widths[0]!)} | ${row.value.padEnd(widths[1]!)} | ${row.target.padEnd(widths[2]!)} | ${row.ok ? 'yes' : 'NO'} |`);
  }
}
