import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema } from '../../lib/model';
import { revokeTokenById } from '../../server/db/global';
import { TeamScope } from '../../server/db/scope';
import { ChangeBatch } from '../../server/services/context';
import { PullCache, negotiateEncoding } from '../../server/services/pull-cache';
import { client, makeTeam, mutation, observation, onPostgres, openTestDatabase, testApp, type TestDatabase, type TestTeam } from './helpers';

/**
 * The pull cache (server/services/pull-cache.ts): full pages kept per process and sent compressed.
 * Every answer of the app with the cache is compared with the same pull through an app without it,
 * on the same database. Pages hold 5 changes here (about 2 KB of JSON, so they are compressed).
 */

const LIMIT = 5;
let test: TestDatabase;
let cache: PullCache;
let cached: Hono;
let uncached: Hono;
let teamA: TestTeam;
let teamB: TestTeam;

beforeAll(async () => {
  test = await openTestDatabase();
  cache = new PullCache(8 * 1024 * 1024);
  cached = testApp(test.database, { pullCache: cache });
  uncached = testApp(test.database, { config: { pullCacheBytes: 0 } });
  teamA = await makeTeam(test.database, 'Team A', 'ann');
  teamB = await makeTeam(test.database, 'Team B', 'bea');
  await pushObservations(teamA.token, 'x:alice', 2 * LIMIT + 2);
  await pushObservations(teamB.token, 'x:bruno', 2 * LIMIT + 2);
});

afterAll(async () => {
  await test.close();
});

async function pushObservations(token: string, customer: string, count: number): Promise<void> {
  const mutations = Array.from({ length: count }, () => mutation.observation(observation(customer)));
  const answer = await client(cached, token).post('/v1/sync/push', { mutations });
  expect(answer.status, answer.text).toBe(200);
  expect(PushResponseSchema.parse(answer.body).results.every((r) => r.status === 'applied')).toBe(true);
}

interface Raw {
  status: number;
  encoding: string | null;
  vary: string | null;
  body: Buffer;
}

async function pullRaw(app: Hono, token: string, since: number, acceptEncoding?: string): Promise<Raw> {
  const res = await app.request(`/v1/sync/changes?since=${since}&limit=${LIMIT}`, {
    headers: { Authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}) },
  });
  return { status: res.status, encoding: res.headers.get('content-encoding'), vary: res.headers.get('vary'), body: Buffer.from(await res.arrayBuffer()) };
}

/** The answer's JSON text, decompressed as its Content-Encoding says. */
function decoded(raw: Raw): string {
  if (raw.encoding === 'gzip') return gunzipSync(raw.body).toString();
  if (raw.encoding === 'br') return brotliDecompressSync(raw.body).toString();
  expect(raw.encoding).toBeNull();
  return raw.body.toString();
}

async function pullText(app: Hono, token: string, since: number, acceptEncoding?: string): Promise<string> {
  const raw = await pullRaw(app, token, since, acceptEncoding);
  expect(raw.status, raw.body.toString().slice(0, 300)).toBe(200);
  return decoded(raw);
}

const recordIds = (text: string) => PullResponseSchema.parse(JSON.parse(text)).changes.map((c) => ('record' in c ? c.record.id : c.customerKey));

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
  ])('%s gives %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('the pull cache', () => {
  it('serves a full page from the cache, identical to the page read from the database', async () => {
    const expected = await pullText(uncached, teamA.token, 0);
    expect(JSON.parse(expected)).toMatchObject({ hasMore: true });
    const before = cache.stats();
    const first = await pullText(cached, teamA.token, 0);
    const second = await pullText(cached, teamA.token, 0);
    expect(cache.stats().hits).toBe(before.hits + 1);
    expect(first).toBe(expected);
    expect(second).toBe(expected);
  });

  it('answers gzip or brotli as the client accepts, decoding to the same JSON, and says it varies', async () => {
    const expected = await pullText(uncached, teamA.token, LIMIT);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br', 'br'],
    ] as const) {
      for (const app of [cached, cached, uncached]) {
        const raw = await pullRaw(app, teamA.token, LIMIT, accept);
        expect(raw.encoding).toBe(encoding);
        expect(raw.vary).toMatch(/\bAccept-Encoding\b/);
        expect(raw.body.length).toBeLessThan(Buffer.byteLength(expected));
        expect(decoded(raw)).toBe(expected);
      }
    }
    // A client that takes no compression gets the page decompressed again from the kept body.
    const plain = await pullRaw(cached, teamA.token, LIMIT);
    expect(plain.encoding).toBeNull();
    expect(plain.body.toString()).toBe(expected);
  });

  it('keeps a partial (last) page only until the next change: a new change is in the next pull', async () => {
    const last = 2 * LIMIT;
    const before = cache.stats();
    const page = JSON.parse(await pullText(cached, teamA.token, last, 'gzip'));
    expect(page).toMatchObject({ hasMore: false });
    expect(page.changes).toHaveLength(2);
    // Nothing changed: the whole team pulling after one notification shares one read.
    expect(JSON.parse(await pullText(cached, teamA.token, last, 'gzip'))).toEqual(page);
    expect(cache.stats()).toMatchObject({ hits: before.hits + 1, misses: before.misses + 1 });

    await pushObservations(teamA.token, 'x:alice', 1);
    const after = JSON.parse(await pullText(cached, teamA.token, last, 'gzip'));
    expect(after.changes).toHaveLength(3);
    expect(await pullText(cached, teamA.token, last)).toBe(await pullText(uncached, teamA.token, last));
  });

  it("never gives one team another team's page for the same cursor", async () => {
    const a = await pullText(cached, teamA.token, 0, 'br');
    const b = await pullText(cached, teamB.token, 0, 'br');
    const bAgain = await pullText(cached, teamB.token, 0, 'br');
    expect(b).toBe(await pullText(uncached, teamB.token, 0));
    expect(bAgain).toBe(b);
    const aIds = new Set(recordIds(a));
    expect(recordIds(b).filter((id) => aIds.has(id))).toEqual([]);
    expect(JSON.parse(b).changes.every((c: { record: { customerKey: string } }) => c.record.customerKey === 'x:bruno')).toBe(true);
  });

  it('refuses a revoked token at once, though its page is cached', async () => {
    const samToken = await teamA.member('sam', 'sales');
    expect((await pullRaw(cached, samToken, 0, 'gzip')).status).toBe(200);
    const { tokens } = (await client(cached, teamA.token).get('/v1/tokens')).body as { tokens: Array<{ id: string; memberHandle: string }> };
    await revokeTokenById(test.database.db, tokens.find((t) => t.memberHandle === 'sam')!.id);
    const refused = await pullRaw(cached, samToken, 0, 'gzip');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ error: { code: 'token_revoked' } });
  });

  it('drops pages holding an erased customer, whichever process erased them', async () => {
    const team = await makeTeam(test.database, 'Erasing team', 'eve');
    await pushObservations(team.token, 'x:gone', 3);
    await pushObservations(team.token, 'x:stays', 2 * LIMIT);
    const withGone = await pullText(cached, team.token, 0, 'br');
    expect(await pullText(cached, team.token, 0, 'br')).toBe(withGone); // kept
    expect(withGone).toContain('x:gone');

    // Another backend process (its own cache) on the same database erases the customer.
    const other = testApp(test.database, { pullCache: new PullCache(1024 * 1024) });
    const erase = await client(other, team.token).post('/v1/sync/push', { mutations: [mutation.erase('x:gone')] });
    expect(PushResponseSchema.parse(erase.body).results[0]!.status).toBe('applied');

    const after = await pullText(cached, team.token, 0, 'br');
    expect(after).not.toContain('x:gone');
    expect(after).toBe(await pullText(uncached, team.token, 0));
    expect(await pullText(cached, team.token, 0)).toBe(after);
  });

  it('keeps to its byte cap, least recently used pages first, and still answers every page', async () => {
    const cap = 2 * 1024; // a page's JSON fits; two of its compressed bodies do, five do not
    const small = new PullCache(cap);
    const app = testApp(test.database, { pullCache: small });
    const team = await makeTeam(test.database, 'Many pages', 'mia');
    await pushObservations(team.token, 'x:many', 6 * LIMIT);
    for (let round = 0; round < 2; round += 1) {
      for (let since = 0; since < 5 * LIMIT; since += LIMIT) {
        expect(await pullText(app, team.token, since, 'gzip')).toBe(await pullText(uncached, team.token, since));
        // Compressed bodies are made off the event loop; their sizes count once made.
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(small.stats().bytes).toBeLessThanOrEqual(cap);
      }
    }
    expect(small.stats().pages).toBeGreaterThan(0);
    expect(small.stats().pages).toBeLessThan(5);
  });

  it('shares one database read among identical pulls arriving together', async () => {
    const team = await makeTeam(test.database, 'Crowd', 'cal');
    await pushObservations(team.token, 'x:crowd', 2 * LIMIT);
    const before = cache.stats();
    const texts = await Promise.all(Array.from({ length: 8 }, () => pullText(cached, team.token, 0, 'br')));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toBe(await pullText(uncached, team.token, 0));
    expect(cache.stats().pages).toBe(before.pages + 1);
  });
});

describe.skipIf(!onPostgres)('change numbers under concurrent transactions (PostgreSQL)', () => {
  it('never shows a later change while an earlier one is still in flight', async () => {
    const team = await makeTeam(test.database, 'In flight', 'ivy');
    await pushObservations(team.token, 'x:early', LIMIT);
    const other = await test.reopen(); // a second backend process's pool
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let numbered!: () => void;
    const hasNumbers = new Promise<void>((resolve) => (numbered = resolve));
    // Transaction 1 takes change number LIMIT + 1 and waits before committing.
    const slow = new TeamScope(other.db, team.teamId).transaction(async (tx) => {
      const batch = new ChangeBatch();
      const record = observation('x:slow');
      await tx.insertObservations([record]);
      batch.change({ kind: 'observation', recordId: record.id, customerKey: 'x:slow', payload: record });
      await batch.flush(tx);
      numbered();
      await committed;
    });
    await hasNumbers;
    // Transaction 2 (a push) starts after and must wait for the counter: it cannot take a number
    // below 1's, nor become visible before it.
    const fast = pushObservations(team.token, 'x:late', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = JSON.parse(await pullText(uncached, team.token, LIMIT));
    expect(during.changes).toEqual([]);
    commit();
    await slow;
    await fast;
    const after = PullResponseSchema.parse(JSON.parse(await pullText(cached, team.token, LIMIT)));
    expect(after.changes.map((c) => [c.seq, 'record' in c ? c.record.customerKey : null])).toEqual([
      [LIMIT + 1, 'x:slow'],
      [LIMIT + 2, 'x:late'],
    ]);
  });
});
