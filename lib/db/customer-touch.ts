/**
 * The customer row that records imply. A customer is created or brought up to date by what is
 * written about them (a pulled change, an imported record): the earliest and latest times seen,
 * and the stage of the latest record that names one. Shared by the sync's apply and the import.
 */
import type { Customer, CustomerKey, Site, Stage } from '../model';

export interface CustomerTouch {
  first: string;
  last: string;
  /** The stage at `last` (null: no record so far said anything about the stage). */
  stage: Stage | null;
}

/** Note that a record about `key` was made at `at`, with `stage` (null or `none`: says nothing). */
export function addTouch(touches: Map<CustomerKey, CustomerTouch>, key: CustomerKey, at: string, stage: Stage | null): void {
  const known = touches.get(key);
  const usable = stage === 'none' ? null : stage;
  if (!known) {
    touches.set(key, { first: at, last: at, stage: usable });
    return;
  }
  if (at < known.first) known.first = at;
  if (at >= known.last) {
    known.last = at;
    if (usable) known.stage = usable;
  }
}

/** The customer row after `touch`: a new row (handle from the key, no name yet) or `existing` moved on. */
export function touchedCustomer(key: CustomerKey, touch: CustomerTouch, existing: Customer | undefined): Customer {
  if (!existing) {
    const colon = key.indexOf(':');
    return {
      key,
      site: key.slice(0, colon) as Site,
      handle: key.slice(colon + 1),
      displayName: '',
      firstSeenAt: touch.first,
      lastSeenAt: touch.last,
      lastStage: touch.stage ?? 'none',
    };
  }
  const next: Customer = { ...existing };
  if (touch.first < existing.firstSeenAt) next.firstSeenAt = touch.first;
  if (touch.last >= existing.lastSeenAt) {
    next.lastSeenAt = touch.last;
    if (touch.stage) next.lastStage = touch.stage;
  }
  return next;
}
