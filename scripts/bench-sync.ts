/**
 * The sync benchmark (issue 7): the real backend (server/app.ts, embedded PGlite in memory, the
 * default configuration) served on loopback with @hono/node-server, and extension databases on
 * fake-indexeddb driven by lib/sync exactly as the background drives them (startSync).
 *
 * - drain: 10,000 mutations waiting in one device's outbox, pushed until it is empty (≤ 10 s);
 * - pull: a second device connecting to that team pulls the 10,000 changes (our own target, ≤ 10 s);
 * - click to teammate: an interaction logged on device A (the outbox write a click makes) until
 *   it is in device B's database, through A's push, the backend's push channel and B's pull
 *   (p50 < 500 ms, p95 < 2 s). B's badge reads that database, so this is the click-to-badge path
 *   minus the badge's own render.
 */
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { uuidv7 } from 'uuidv7';
import { logInteraction, openAppDB, type AppDB, type OutboxEntry } from '../lib/db';
import type { Interaction, Lead, Mutation, PostSnapshot, StageObservation } from '../lib/model';
import { connect, pullAll, pushAll, readConnection, startSync, type AlarmsLike, type SyncHandle } from '../lib/sync';
import { createApp } from '../server/app';
import { openDatabase } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { createTeam } from '../server/services/team';
import { percentile } from './bench-stats';
import type { BenchRow } from './bench-types';

const DRAIN_COUNT = 10_000;
const CLICKS = 40;

const nodeFetch = (input: string, init?: RequestInit) => fetch(input, init);


const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function snapshot(i: number): PostSnapshot {
  const postId = String(1_900_000_000_000_000_000n + BigInt(i));
  return {
    site: 'x',
    postId,
    postKey: `x:${postId}`,
    permalink: `https://x.com/customer_${i % 500}/status/${postId}`,
    text: 'My order #4411 still has not arrived and the tracking page says nothing since Monday. Anyone else?',
    postedAt: '2025-03-02T09:00:00.000Z',
  };
}

/**
 * 10,000 writes as the extension makes them (record and outbox entry together): 8,000
 * interactions, 1,500 stage observations and 500 new leads, across 500 customers.
 */
async function fillOutbox(db: AppDB): Promise<void> {
  const start = Date.parse('2025-03-02T10:00:00.000Z');
  const interactions: Interaction[] = [];
  const observations: StageObservation[] = [];
  const leads: Lead[] = [];
  const entries: Omit<OutboxEntry, 'seq'>[] = [];
  for (let i = 0; i < DRAIN_COUNT; i += 1) {
    const at = new Date(start + i * 1000).toISOString();
    const customerKey = `x:customer_${i % 500}`;
    const post = snapshot(i);
    let mutation: Mutation;
    if (i % 20 === 19) {
      const lead: Lead = { id: uuidv7(), customerKey, source: post, status: 'new', owner: 'me', note: '', createdAt: at, updatedAt: at, version: 1 };
      leads.push(lead);
      mutation = { mutationId: uuidv7(), createdAt: at, type: 'lead.put', record: lead, baseVersion: null };
    } else if (i % 20 < 3) {
      const observation: StageObservation = {
        id: uuidv7(),
        customerKey,
        post,
        stage: 'post-purchase',
        department: 'service',
        confidence: 0.8,
        observedAt: at,
        observedBy: 'me',
      };
      observations.push(observation);
      mutation = { mutationId: uuidv7(), createdAt: at, type: 'observation.add', record: observation };
    } else {
      const interaction: Interaction = {
        id: uuidv7(),
        customerKey,
        post,
        kind: 'reply',
        note: 'Answered with the tracking link and an apology.',
        stage: 'post-purchase',
        department: 'service',
        memberHandle: 'me',
        createdAt: at,
      };
      interactions.push(interaction);
      mutation = { mutationId: uuidv7(), createdAt: at, type: 'interaction.add', record: interaction };
    }
    entries.push({ mutationId: mutation.mutationId, customerKey, recordId: 'record' in mutation ? mutation.record.id : undefined, state: 'pending', mutation } as Omit<OutboxEntry, 'seq'>);
  }
  await db.transaction('rw', [db.interactions, db.observations, db.leads, db.outbox], async () => {
    await db.interactions.bulkAdd(interactions);
    await db.observations.bulkAdd(observations);
    await db.leads.bulkAdd(leads);
    await db.outbox.bulkAdd(entries);
  });
}

function fakeAlarms(): AlarmsLike {
  return { create: () => undefined, onAlarm: { addListener: () => undefined, removeListener: () => undefined } };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

export async function benchSync(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const database = await openDatabase({ kind: 'pglite' });
  await migrate(database.db);
  const app = createApp({ database, config: { logRequests: false } });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dbs: AppDB[] = [];
  const handles: SyncHandle[] = [];
  const device = () => {
    const db = openAppDB(`bench-sync-${uuidv7()}`);
    dbs.push(db);
    return db;
  };

  try {
    const team = await createTeam(database.db, { name: 'Bench', adminHandle: 'ann', department: 'service' });

    // ── drain ──────────────────────────────────────────────────────────────────────────────
    const a = device();
    await connect(a, { serverUrl, token: team.token }, nodeFetch);
    await fillOutbox(a);
    const connection = (await readConnection(a))!;
    const drainStart = performance.now();
    const pushed = await pushAll({ db: a, fetch: nodeFetch, connection, now: () => new Date() });
    const drainMs = performance.now() - drainStart;
    const left = await a.outbox.count();
    rows.push({
      name: `drain an outbox of ${DRAIN_COUNT.toLocaleString('en')} mutations (${pushed.requests} pushes)`,
      value: left === 0 && pushed.applied === DRAIN_COUNT ? seconds(drainMs) : `${seconds(drainMs)}, ${left} left, ${pushed.applied} applied`,
      target: '≤ 10 s',
      ok: left === 0 && pushed.applied === DRAIN_COUNT && drainMs <= 10_000,
    });

    // ── pull on a second device ──────────────────────────────────────────────────────────────
    const b = device();
    await connect(b, { serverUrl, token: team.token }, nodeFetch);
    const pullStart = performance.now();
    const pulled = await pullAll({ db: b, fetch: nodeFetch, connection: (await readConnection(b))!, now: () => new Date() });
    const pullMs = performance.now() - pullStart;
    rows.push({
      name: `pull ${pulled.changes.toLocaleString('en')} changes onto a new device (${pulled.pages} pages)`,
      value: seconds(pullMs),
      target: '≤ 10 s',
      ok: pulled.changes === DRAIN_COUNT && pullMs <= 10_000,
    });

    // ── click to teammate, through the push channel ──────────────────────────────────────────
    const [danaToken, samToken] = await Promise.all(
      ['dana', 'sam'].map(async (handle) => {
        const admin = (path: string, body: unknown) =>
          nodeFetch(`${serverUrl}${path}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${team.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
        await admin('/v1/members', { handle, department: 'service' });
        const res = await admin('/v1/tokens', { handle, label: 'bench' });
        return ((await res.json()) as { token: string }).token;
      }),
    );
    const dana = device();
    const sam = device();
    await connect(dana, { serverUrl, token: danaToken! }, nodeFetch);
    await connect(sam, { serverUrl, token: samToken! }, nodeFetch);
    const danaSync = startSync({ db: dana, fetch: nodeFetch, alarms: fakeAlarms() });
    const samSync = startSync({ db: sam, fetch: nodeFetch, alarms: fakeAlarms() });
    handles.push(danaSync, samSync);
    // both caught up (Sam's first pull brings the 10,000 above) and listening
    const ready = await waitFor(
      async () =>
        danaSync.engine.channelStatus() === 'open' &&
        samSync.engine.channelStatus() === 'open' &&
        (await sam.interactions.count()) >= 8_000 &&
        (await dana.interactions.count()) >= 8_000,
      30_000,
    );
    const latencies: number[] = [];
    let missed = 0;
    if (ready) {
      for (let i = 0; i < CLICKS; i += 1) {
        const postId = String(2_000_000_000_000_000_000n + BigInt(i));
        const clicked = performance.now();
        const { interaction } = await logInteraction(
          dana,
          {
            post: {
              site: 'x', postId, permalink: null, author: `live_${i % 7}`, authorName: '', text: 'Where is my parcel?', postedAt: null, repostedBy: null,
              flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
            },
            inference: { stage: 'post-purchase', department: 'service', confidence: 0.9 },
          },
          { me: 'dana' },
        );
        const arrived = await waitFor(async () => (await sam.interactions.get(interaction.id)) !== undefined, 5_000);
        if (arrived) latencies.push(performance.now() - clicked);
        else missed += 1;
        await new Promise((resolve) => setTimeout(resolve, 50 + (i % 5) * 20));
      }
    }
    latencies.sort((x, y) => x - y);
    const p50 = latencies.length ? percentile(latencies, 50) : NaN;
    const p95 = latencies.length ? percentile(latencies, 95) : NaN;
    const note = ready ? (missed ? `, ${missed} of ${CLICKS} never arrived` : '') : ' (devices never got ready)';
    rows.push({
      name: `click to teammate’s database via the push channel, p50 (${latencies.length} clicks)`,
      value: `${Math.round(p50)} ms${note}`,
      target: '< 500 ms',
      ok: ready && missed === 0 && p50 < 500,
    });
    rows.push({
      name: 'click to teammate’s database via the push channel, p95',
      value: `${Math.round(p95)} ms${note}`,
      target: '< 2 s',
      ok: ready && missed === 0 && p95 < 2_000,
    });
  } finally {
    for (const handle of handles) handle.stop();
    for (const db of dbs) db.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await closed;
    await database.close();
  }
  return rows;
}

// `node --import tsx scripts/bench-sync.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchSync();
  for (const row of rows) console.log(`${row.ok ? 'ok  ' : 'NO  '} ${row.name}: ${row.value} (target ${row.target})`);
  process.exit(0);
}
