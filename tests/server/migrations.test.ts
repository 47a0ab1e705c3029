import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { isTable, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client';
import { MIGRATIONS_DIR, MigrationError, loadMigrations, migrate } from '../../server/db/migrate';
import * as schema from '../../server/db/schema';
import { onPostgres, openTestDatabase, type TestDatabase } from './helpers';

/**
 * Migrations: to an empty database, idempotent, and from every earlier version to the latest with
 * data kept. To add migration N: add a seed for version N-1 to SEEDS (rows valid at that version,
 * in plain SQL) and what must hold after the upgrade to CHECKS.
 */

let test: TestDatabase;
const migrations = loadMigrations();
const latest = migrations.length - 1;

beforeAll(async () => {
  test = await openTestDatabase();
});

afterAll(async () => {
  await test.close();
});

type Rows = Array<Record<string, unknown>>;
const rows = (result: unknown): Rows => (Array.isArray(result) ? (result as Rows) : ((result as { rows: Rows }).rows ?? []));

/** Runs `work` against a brand-new, empty schema (on the file's one PGlite, or a new pool on PostgreSQL). */
async function inFreshSchema<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const name = `mig_${randomBytes(5).toString('hex')}`;
  if (!onPostgres) {
    const db = test.database.db;
    await db.execute(sql.raw(`create schema "${name}"`));
    await db.execute(sql.raw(`set search_path to "${name}"`));
    try {
      return await work(db);
    } finally {
      await db.execute(sql.raw('set search_path to public'));
      await db.execute(sql.raw(`drop schema "${name}" cascade`));
    }
  }
  const url = process.env.DATABASE_URL!;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create schema "${name}"`);
  const database = await openDatabase({ kind: 'postgres', url, searchPath: name, maxConnections: 1 });
  try {
    return await work(database.db);
  } finally {
    await database.close();
    await admin.unsafe(`drop schema "${name}" cascade`);
    await admin.end();
  }
}

/** Tables, columns, indexes and constraints of the current schema, comparable across schemas. */
async function describeSchema(db: Db): Promise<Record<string, unknown>> {
  const columns = rows(
    await db.execute(sql`select table_name, column_name, data_type, is_nullable, column_default
      from information_schema.columns where table_schema = current_schema() order by 1, 2`),
  );
  const indexes = rows(
    await db.execute(sql`select indexname, indexdef as def from pg_indexes where schemaname = current_schema() order by 1`),
  ).map((row) => ({ ...row, def: String(row.def).replace(/ ON \S+\./, ' ON ') }));
  const constraints = rows(
    await db.execute(sql`select conname, pg_get_constraintdef(oid) as def
      from pg_constraint where connamespace = current_schema()::regnamespace order by 1`),
  );
  return { columns, indexes, constraints };
}

const TEAM = '00000000-0000-4000-8000-000000000001';

/** Rows valid at each version, written before upgrading from it. */
const SEEDS: Record<number, (db: Db) => Promise<void>> = {
  0: async (db) => {
    await db.execute(sql`insert into teams (id, name, seq) values (${TEAM}, 'Seeded', 1)`);
    await db.execute(sql`insert into members (team_id, handle, display_name, department, role) values (${TEAM}, 'ann', 'Ann', 'sales', 'admin')`);
    await db.execute(sql`insert into leads (team_id, id, customer_key, source, status, owner, note, created_at, updated_at, version)
      values (${TEAM}, '01890000-0000-7000-8000-000000000001', 'x:bob', '{"site":"x"}'::jsonb, 'new', 'ann', 'kept', now(), now(), 3)`);
    await db.execute(sql`insert into interactions (team_id, id, customer_key, post_key, post, kind, note, stage, department, member_handle, created_at)
      values (${TEAM}, '01890000-0000-7000-8000-000000000002', 'x:bob', 'x:1', '{"site":"x"}'::jsonb, 'reply', 'kept too', 'purchase', 'sales', 'ann', now())`);
  },
  1: async (db) => {
    await SEEDS[0]!(db);
    await db.execute(sql`insert into interaction_retractions (team_id, interaction_id, retracted_by)
      values (${TEAM}, '01890000-0000-7000-8000-000000000002', 'ann')`);
  },
  2: async (db) => {
    await SEEDS[1]!(db);
    await db.execute(sql`update teams set erasures = 2 where id = ${TEAM}`);
  },
  3: async (db) => {
    await SEEDS[2]!(db);
    await db.execute(sql`insert into change_log (team_id, seq, kind, record_id, customer_key, payload)
      values (${TEAM}, 1, 'lead', '01890000-0000-7000-8000-000000000001', 'x:bob', '{"note":"kept"}'::jsonb)`);
  },
};

/** What must hold after upgrading from each version. */
const CHECKS: Record<number, (db: Db) => Promise<void>> = {
  0: async (db) => {
    const [lead] = rows(await db.execute(sql`select note, version from leads where team_id = ${TEAM}`));
    expect(lead).toEqual({ note: 'kept', version: 3 });
    // 0001: interactions written before retractions existed can be retracted, and stay when they are.
    await db.execute(sql`insert into interaction_retractions (team_id, interaction_id, retracted_by)
      values (${TEAM}, '01890000-0000-7000-8000-000000000002', 'ann')`);
    const [interaction] = rows(await db.execute(sql`select note from interactions where team_id = ${TEAM}`));
    expect(interaction).toEqual({ note: 'kept too' });
    // 0002: the team's erasure count starts at zero (its change counter is kept).
    const [team] = rows(await db.execute(sql`select seq::int as seq, erasures::int as erasures from teams where id = ${TEAM}`));
    expect(team).toEqual({ seq: 1, erasures: 0 });
  },
  1: async (db) => {
    // 0002: the erasure count starts at zero; the retraction made at version 1 stays.
    const [team] = rows(await db.execute(sql`select seq::int as seq, erasures::int as erasures from teams where id = ${TEAM}`));
    expect(team).toEqual({ seq: 1, erasures: 0 });
    const [retraction] = rows(await db.execute(sql`select retracted_by from interaction_retractions where team_id = ${TEAM}`));
    expect(retraction).toEqual({ retracted_by: 'ann' });
  },
  2: async (db) => {
    // 0003: a post's records are found by its key through an index; the erasure count stays.
    const [team] = rows(await db.execute(sql`select erasures::int as erasures from teams where id = ${TEAM}`));
    expect(team).toEqual({ erasures: 2 });
    const indexes = rows(await db.execute(sql`select indexname from pg_indexes where schemaname = current_schema() and indexname in ('interactions_post_idx', 'assignments_post_idx') order by indexname`));
    expect(indexes).toEqual([{ indexname: 'assignments_post_idx' }, { indexname: 'interactions_post_idx' }]);
    const [interaction] = rows(await db.execute(sql`select note from interactions where team_id = ${TEAM} and post_key = 'x:1'`));
    expect(interaction).toEqual({ note: 'kept too' });
  },
  3: async (db) => {
    // 0004: the tables a push writes keep their rows and lose their foreign key to teams; the others keep theirs.
    const [change] = rows(await db.execute(sql`select payload->>'note' as note from change_log where team_id = ${TEAM} and seq = 1`));
    expect(change).toEqual({ note: 'kept' });
    const toTeams = rows(
      await db.execute(sql`select conrelid::regclass::text as owner from pg_constraint
        where connamespace = current_schema()::regnamespace and contype = 'f' and confrelid = 'teams'::regclass order by 1`),
    ).map((row) => row.owner);
    expect(toTeams).toEqual(['api_tokens', 'interaction_retractions', 'members', 'presence_events', 'routing_state', 'settings']);
  },
};

describe('migrations', () => {
  it('are numbered files that name no schema', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBe(migrations.length);
    for (const file of files) {
      expect(readFileSync(`${MIGRATIONS_DIR}/${file}`, 'utf8'), file).not.toMatch(/"public"\./);
    }
  });

  it('apply to an empty database, and a second run changes nothing', async () => {
    await inFreshSchema(async (db) => {
      const first = await migrate(db);
      expect(first.applied).toHaveLength(migrations.length);
      expect(first.version).toBe(latest);
      const shape = await describeSchema(db);
      const again = await migrate(db);
      expect(again).toEqual({ applied: [], version: latest });
      expect(await describeSchema(db)).toEqual(shape);
    });
  });

  it('create every table and column of schema.ts', async () => {
    const shape = (await describeSchema(test.database.db)) as { columns: Array<{ table_name: string; column_name: string }> };
    const inDatabase = new Set(shape.columns.map((c) => `${c.table_name}.${c.column_name}`));
    const inCode = (Object.values(schema) as unknown[])
      .filter((value) => isTable(value))
      .flatMap((table) => {
        const config = getTableConfig(table as PgTable);
        return config.columns.map((column) => `${config.name}.${column.name}`);
      });
    expect(inCode.length).toBeGreaterThan(50);
    expect(inCode.filter((column) => !inDatabase.has(column))).toEqual([]);
  });

  for (let from = -1; from < latest; from += 1) {
    it(`upgrade a database at version ${from} to the latest, keeping its data`, async () => {
      const fresh = await inFreshSchema(async (db) => {
        await migrate(db);
        return describeSchema(db);
      });
      await inFreshSchema(async (db) => {
        const partial = await migrate(db, { upTo: from });
        expect(partial.version).toBe(from);
        await SEEDS[from]?.(db);
        const upgraded = await migrate(db);
        expect(upgraded.applied).toHaveLength(latest - from);
        expect(await describeSchema(db)).toEqual(fresh);
        await CHECKS[from]?.(db);
      });
    });
  }

  it('keeps the seeds and checks in step with the migrations', () => {
    for (let version = 0; version < latest; version += 1) {
      expect(SEEDS[version], `a seed for version ${version}`).toBeDefined();
    }
  });

  it('refuses an edited migration and a database newer than the code', async () => {
    await inFreshSchema(async (db) => {
      await migrate(db);
      const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await expect(migrate(db, { migrations: edited })).rejects.toThrow(MigrationError);
      await expect(migrate(db, { migrations: edited })).rejects.toThrow(/changed after it was applied/);
      if (latest >= 0) {
        await expect(migrate(db, { migrations: migrations.slice(0, latest) })).rejects.toThrow(/newer than this code/);
      }
    });
  });
});
