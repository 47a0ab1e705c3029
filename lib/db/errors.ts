import Dexie from 'dexie';

/**
 * The local database could not do what was asked (storage full, transaction aborted, database
 * blocked or failed to open). The message is written for the person using the extension and says
 * that nothing was changed: every write is one transaction, so a failure leaves the database as it
 * was. `cause` keeps the original error for the console.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  /** True when the browser refused the write because the disk or the origin's quota is full. */
  readonly quotaExceeded: boolean;

  constructor(message: string, options: { cause?: unknown; quotaExceeded?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.quotaExceeded = options.quotaExceeded ?? false;
  }
}

/**
 * A write the rules do not allow (undo too late, a lead status that does not follow, a record that
 * no longer exists). Nothing was changed; the message says why, in words the person understands.
 */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return '';
}

function isQuotaExceeded(error: unknown): boolean {
  let current: unknown = error;
  // Dexie wraps the DOMException in its own error and keeps the original as `inner`.
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (errorName(current) === 'QuotaExceededError') return true;
    current = (current as { inner?: unknown; cause?: unknown }).inner ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

function isStorageFailure(error: unknown): boolean {
  if (error instanceof Dexie.DexieError) return true;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return true;
  return isQuotaExceeded(error);
}

/**
 * Turn whatever a Dexie transaction threw into an error a person can read. Errors of our own rules
 * pass through unchanged; programming errors (a bug) are rethrown as they are, never disguised.
 * `what` names the change in a few words, e.g. "the interaction".
 */
export function toStorageError(error: unknown, what: string): unknown {
  if (error instanceof StorageError || error instanceof RefusedError) return error;
  if (!isStorageFailure(error)) return error;
  if (isQuotaExceeded(error)) {
    return new StorageError(
      `The browser's storage for Switchboard is full, so ${what} was not saved and nothing was changed. ` +
        'Free some disk space, or shorten how long seen posts are kept in Options.',
      { cause: error, quotaExceeded: true },
    );
  }
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new StorageError(
    `Switchboard could not save ${what} to its local database, and nothing was changed (${errorName(error) || 'error'}${detail}).`,
    { cause: error },
  );
}
