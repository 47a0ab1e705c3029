/**
 * Exponential backoff with jitter: after the n-th failure in a row, wait between half and all of
 * `base · 2^(n-1)` (capped), so that a team's extensions do not all knock at once when their
 * backend comes back ("equal jitter"). A `Retry-After` from the backend is a floor.
 */

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const SYNC_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };
export const CHANNEL_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/** `failures` ≥ 1; `random` in [0, 1). */
export function backoffDelay(failures: number, random: () => number, policy: BackoffPolicy = SYNC_BACKOFF, floorMs = 0): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, Math.min(floorMs, 3_600_000)));
}
