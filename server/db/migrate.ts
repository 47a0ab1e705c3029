import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asc, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/**
 * The migrator: applies `server/db/migrations/NNNN_name.sql` in order, each once, at start-up, on
 * PGlite and PostgreSQL alike. Statements are separated by `--> statement-breakpoint` (what
 * drizzle-kit writes) because both drivers run one statement per query.
 *
 * Migration SQL names no schema (`"teams"`, not `"public"."teams"`): the tables land in the
 * connection's search_path, which is how tests give each file a schema of its own. drizzle-kit
 * writes `"public".` in foreign keys; remove it after generating (a test checks).
 *
 * All pending migrations run in one transaction under an advisory lock, so several processes
 * starting together on one PostgreSQL apply them once, and a failure leaves the database as it was
 * (the process then refuses to start). A shipped migration is never edited: its checksum is kept
 * and a changed file stops the start-up.
 */

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Kept out of schema.ts so that drizzle-kit never puts it into a migration. */
export const schemaMigrations = pgTable('schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  checksum: text('checksum').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

const FILE_NAME = /^(\d{4})_([a-z0-9_-]+)\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const [, number, name] = FILE_NAME.exec(file)!;
      const text = readFileSync(new URL(file, `file://${dir.endsWith('/') ? dir : `${dir}/`}`), 'utf8');
      return {
        version: Number(number),
        name: name!,
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((statement) => statement.trim())
          .filter((statement) => statement.length > 0),
      };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index) {
      throw new Error(`migrations must be numbered 0000, 0001, ... without gaps; found ${migration.version} at position ${index}`);
    }
  });
  return migrations;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateResult {
  /** Names of the migrations applied by this call (empty when the database was up to date). */
  applied: string[];
  /** The database's version afterwards (-1: nothing applied at all). */
  version: number;
}

export async function migrate(
  db: Db,
  options: { upTo?: number; migrations?: Migration[] } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? loadMigrations();
  const target = options.upTo ?? migrations.length - 1;
  return db.transaction(async (tx) => {
    // One migrator at a time per schema, across processes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('switchboard-migrate:' || current_schema()))`);
    await tx.execute(
      sql.raw(`create table if not exists "schema_migrations" (
        "version" integer primary key,
        "name" text not null,
        "checksum" text not null,
        "applied_at" timestamp with time zone not null default now()
      )`),
    );
    const done = await tx.select().from(schemaMigrations).orderBy(asc(schemaMigrations.version));
    for (const row of done) {
      const known = migrations[row.version];
      if (!known) {
        throw new MigrationError(
          `the database is at migration ${row.version} (${row.name}), newer than this code knows (${migrations.length - 1}); upgrade the server`,
        );
      }
      if (known.checksum !== row.checksum) {
        throw new MigrationError(
          `migration ${row.version} (${row.name}) was changed after it was applied; shipped migrations are never edited, add a new one`,
        );
      }
    }
    const applied: string[] = [];
    for (const migration of migrations.slice(done.length, target + 1)) {
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.insert(schemaMigrations).values({
        version: migration.version,
        name: migration.name,
        checksum: migration.checksum,
      });
      applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
    }
    return { applied, version: Math.max(done.length - 1, Math.min(target, migrations.length - 1)) };
  });
}
