import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { AppDB, openAppDB } from '../../../lib/db';
import type { PostRef } from '../../../lib/model';
import type { SeenInference } from '../../../lib/db';

/** A fresh database per test: names never collide, so tests cannot see each other's data. */
export function freshDB(): AppDB {
  return openAppDB(`test-${uuidv7()}`);
}

export function post(overrides: Partial<PostRef> = {}): PostRef {
  return {
    site: 'x',
    postId: '1890000000000000001',
    permalink: 'https://x.com/dana_buys/status/1890000000000000001',
    author: 'dana_buys',
    authorName: 'Dana Ruiz',
    text: 'How much is the Barista Pro? Do you ship to Lyon?',
    postedAt: '2025-03-02T10:00:00.000Z',
    repostedBy: null,
    flags: {
      repost: false, pinned: false, promoted: false, suggested: false,
      reply: false, quote: false, mediaOnly: false, article: false,
    },
    ...overrides,
  };
}

export const purchase: SeenInference = { stage: 'purchase', department: 'sales', confidence: 0.9 };
export const none: SeenInference = { stage: 'none', department: 'none', confidence: 0.1 };

export const T0 = new Date('2025-03-02T10:30:00.000Z');
export function at(msAfterT0: number): Date {
  return new Date(T0.getTime() + msAfterT0);
}

/** Every table's rows, to compare before and after something that must change nothing. */
export async function snapshotAll(db: AppDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/**
 * Make the browser refuse writes to one table, as IndexedDB does when the quota is exceeded or a
 * request fails: each write request to `table` (counted from 1) fails with the error `fault`
 * returns for it, and goes through when it returns null.
 */
export function failWrites(db: AppDB, table: string, fault: (write: number) => Error | null): void {
  let writes = 0;
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'fail-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        if (name !== table) return t;
        return {
          ...t,
          mutate: (req: DBCoreMutateRequest) => {
            writes += 1;
            const error = fault(writes);
            return error ? Promise.reject(error) : t.mutate(req);
          },
        };
      },
    }),
  };
  db.use(middleware);
}

export const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
