/**
 * The team backend's benchmark (issue 5): sustained push throughput in batches of 100 mutations,
 * and pull latency for pages of 1,000 changes, each with 50 concurrent requests on loopback for a
 * bounded time, against PGlite and, when DATABASE_URL is set, PostgreSQL (in a throwaway schema).
 *
 * The backend runs as its own process (`node --import tsx server/main.ts`), as in production; this
 * process is the load generator: a bounded loop of 50 workers, each sending its next request when
 * the previous answer is read. A pull page is also timed for one client alone, which is the
 * latency of the pull itself rather than of a queue of 50. Run alone:
 * `node --import tsx scripts/bench-server.ts` (BENCH_SERVER_PUSH_SECONDS, BENCH_SERVER_PULL_SECONDS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import type { Mutation, PostSnapshot } from '../lib/model';
import { openDatabase, type DatabaseOptions } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { createTeam } from '../server/services/team';
import type { BenchRow } from './bench-types';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONCURRENCY = 50;
const BATCH = 100;
const PUSH_SECONDS = Number(process.env.BENCH_SERVER_PUSH_SECONDS ?? 8);
const PULL_SECONDS = Number(process.env.BENCH_SERVER_PULL_SECONDS ?? 6);
const PULL_PAGE = 1000;

interface Target {
  label: string;
  env: Record<string, string>;
  options: DatabaseOptions;
  cleanup: () => Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
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
  const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
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
async function load(seconds: number, request: () => Promise<number>, concurrency = CONCURRENCY): Promise<{ latencies: number[]; units: number; errors: number; elapsed: number }> {
  const latencies: number[] = [];
  let units = 0;
  let errors = 0;
  let firstError = '';
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const done = await request(); // not `units += await ...`: that reads units before waiting
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

async function benchTarget(target: Target): Promise<BenchRow[]> {
  const token = await prepare(target);
  const { url, child } = await startServer(target);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const rows: BenchRow[] = [];
  try {
    const push = await load(PUSH_SECONDS, async () => {
      const res = await fetch(`${url}/v1/sync/push`, { method: 'POST', headers, body: JSON.stringify({ mutations: batch() }) });
      const body = (await res.json()) as { results?: Array<{ status: string }> };
      if (res.status !== 200) throw new Error(`push ${res.status}`);
      const applied = body.results!.filter((r) => r.status === "applied").length;
      if (applied !== BATCH) throw new Error(`only ${applied} applied`);
      return applied;
    });
    const perSecond = push.units / push.elapsed;
    const pushTarget = target.label === 'PostgreSQL' ? 5000 : 0;
    rows.push({
      name: `${target.label}: push, mutations/s (batches of ${BATCH}, ${CONCURRENCY} concurrent, ${PUSH_SECONDS} s)`,
      value: `${Math.round(perSecond)} (p99 ${percentile(push.latencies, 99).toFixed(0)} ms/batch, ${push.errors} errors)`,
      target: pushTarget ? `>= ${pushTarget}, no errors` : 'reported (target is for PostgreSQL), no errors',
      ok: push.errors === 0 && perSecond >= pushTarget,
    });

    const total = push.units;
    if (total < PULL_PAGE + 1) throw new Error(`only ${total} changes to pull from`);
    const pullPage = async () => {
      const since = Math.floor(Math.random() * (total - PULL_PAGE));
      const res = await fetch(`${url}/v1/sync/changes?since=${since}&limit=${PULL_PAGE}`, { headers });
      // Timed to the last byte received, as a load generator does; the page is checked without
      // parsing half a megabyte of JSON on the generator's share of the CPU.
      const text = await res.text();
      const last = `"seq":${since + PULL_PAGE},`;
      if (res.status !== 200 || !text.includes(last) || text.includes(`"seq":${since + PULL_PAGE + 1},`)) {
        throw new Error(`pull ${res.status}: not the page asked for`);
      }
      return 1;
    };
    const pullTarget = target.label === 'PostgreSQL' ? '< 50 ms, no errors' : 'reported (target is for PostgreSQL), no errors';
    const pull = await load(PULL_SECONDS, pullPage);
    rows.push({
      name: `${target.label}: pull of ${PULL_PAGE} changes, p99 (${CONCURRENCY} concurrent, ${PULL_SECONDS} s)`,
      value: `${percentile(pull.latencies, 99).toFixed(1)} ms (p50 ${percentile(pull.latencies, 50).toFixed(1)} ms, ${Math.round(pull.units / pull.elapsed)} pulls/s, ${pull.errors} errors)`,
      target: pullTarget,
      ok: pull.errors === 0 && (target.label !== 'PostgreSQL' || percentile(pull.latencies, 99) < 50),
    });
    // The same page for one client alone: the latency of a pull itself, without 49 others queued ahead.
    const single = await load(2, pullPage, 1);
    rows.push({
      name: `${target.label}: pull of ${PULL_PAGE} changes, p99 (1 client, 2 s)`,
      value: `${percentile(single.latencies, 99).toFixed(1)} ms (p50 ${percentile(single.latencies, 50).toFixed(1)} ms, ${single.errors} errors)`,
      target: pullTarget,
      ok: single.errors === 0 && (target.label !== 'PostgreSQL' || percentile(single.latencies, 99) < 50),
    });
  } finally {
    await stopServer(child);
    await target.cleanup();
  }
  return rows;
}

export async function benchServer(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const targets: Array<() => Promise<Target>> = [pglite];
  const url = process.env.DATABASE_URL;
  if (url) targets.push(() => postgresql(url));
  for (const make of targets) {
    const target = await make();
    try {
      rows.push(...(await benchTarget(target)));
    } catch (error) {
      rows.push({ name: `${target.label}: run`, value: `failed: ${(error as Error).message}`, target: 'runs', ok: false });
    }
  }
  if (!url) rows.push({ name: 'PostgreSQL', value: 'skipped (set DATABASE_URL)', target: 'reported', ok: true });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchServer();
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => [r.name, r.value, r.target][i]!.length)));
  for (const row of rows) {
    console.log(`| ${row.name.padEnd(widths[0]!)} | ${row.value.padEnd(widths[1]!)} | ${row.target.padEnd(widths[2]!)} | ${row.ok ? 'yes' : 'NO'} |`);
  }
}
