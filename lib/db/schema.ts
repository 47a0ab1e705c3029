/**
 * The shipped versions of the local database schema, oldest first.
 *
 * Rules (Dexie's own advice, and ours because the data is the user's):
 * - A shipped entry is never edited. A change is a new entry `{ version: n + 1, stores, upgrade }`.
 * - Each shipped version has a sample database in `tests/fixtures/db/v<n>.json`, and a test opens
 *   it with the current code and checks that nothing is lost (tests/unit/db/upgrade.test.ts).
 * - Index only what a `where()` or `orderBy()` queries. Post text, notes and names are never indexed.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  /** Dexie `stores()` spec: primary key first, then the indexes. */
  stores: Readonly<Record<string, string | null>>;
  /** Turns the data of version n - 1 into version n; runs inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/** Version 1, shipped with the first release. Frozen: see the rules above. */
export const SCHEMA_V1 = {
  // search by handle prefix; the search view lists recent customers first
  customers: 'key, handle, lastSeenAt',
  // one customer's timeline; "seen this post today?"; the retention purge
  observations: 'id, [customerKey+observedAt], [post.postKey+observedAt], observedAt',
  // one customer's timeline and summary; the one-minute duplicate check
  interactions: 'id, [customerKey+createdAt], [post.postKey+createdAt]',
  // open lead of a customer; the Leads view (newest first, by status, by owner)
  leads: 'id, customerKey, createdAt, status, owner',
  // one customer's timeline; My work (my open assignments)
  assignments: 'id, customerKey, [assignee+status]',
  // push order (auto-increment), idempotency, pending entries, undo and erase lookups
  outbox: '++seq, &mutationId, state, recordId, customerKey',
  // settings, the sync cursor and other small values, by name
  meta: 'key',
} as const;

/**
 * Version 2: assignments by post key, so that a badge finds its post's assignment whatever its id
 * (one made through the backend's REST routes carries an id of the maker's choosing, not the id
 * the extension derives from the post key). Only an index is added: no upgrade step.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  // one customer's timeline; My work (my open assignments); a post's assignment (the badges)
  assignments: 'id, customerKey, [assignee+status], post.postKey',
} as const;

/**
 * Version 3: interactions lose their `[post.postKey+createdAt]` index. Its one reader, the
 * one-minute duplicate check, now reads the customer's last minute (`[customerKey+createdAt]`; a
 * post has one author, so the same rows), and every interaction written (a bulk import is 100,000
 * of them) costs one index entry less. Dexie drops the index; the rows stay as they are.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  // one customer's timeline and summary; the one-minute duplicate check
  interactions: 'id, [customerKey+createdAt]',
} as const;

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: SCHEMA_V2 },
  { version: 3, stores: SCHEMA_V3 },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
