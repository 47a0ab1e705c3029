/** Test fixtures that need no backend: local databases, posts, clocks and timers. */
import { uuidv7 } from 'uuidv7';
import { AppDB, openAppDB } from '../../../lib/db';
import type { PostRef } from '../../../lib/model';

/** Where the in-process backend answers (any other origin is unreachable). */
export const SERVER_URL = 'http://sb.test';

/** A fresh local database per test. */
export function freshDB(): AppDB {
  return openAppDB(`sync-test-${uuidv7()}`);
}

let postCounter = 1_890_000_000_000_000_000n;

/** A post as the badge saw it; each call a new post id unless given. */
export function post(author = 'bob_buys', overrides: Partial<PostRef> = {}): PostRef {
  postCounter += 1n;
  const postId = overrides.postId ?? String(postCounter);
  return {
    site: 'x',
    postId,
    permalink: `https://x.com/${author}/status/${postId}`,
    author,
    authorName: author,
    text: 'My order still has not arrived, where is it?',
    postedAt: '2025-03-02T10:00:00.000Z',
    repostedBy: null,
    flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
    ...overrides,
  };
}

/** A controllable clock. */
export function clock(start = Date.parse('2025-03-02T10:30:00.000Z')) {
  let t = start;
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (ms: number) => {
      t = ms;
    },
    ms: () => t,
  };
}

/** Timers that fire only when told (tests of the backoff), with the delays they were asked for. */
export function manualTimers() {
  const pending = new Map<number, { at: number; fn: () => void; ms: number }>();
  let id = 0;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const key = ++id;
      pending.set(key, { at: key, fn, ms });
      return () => void pending.delete(key);
    },
    delays: () => [...pending.values()].map((t) => t.ms),
    fireAll: () => {
      const all = [...pending.values()];
      pending.clear();
      for (const t of all) t.fn();
    },
    size: () => pending.size,
  };
}

export async function until(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
