/**
 * Team sync as the member sees it (side panel, options page): synced, syncing, offline or error
 * with the reason, what waits on this device, "Sync now", the conflicts a teammate's change caused
 * ("@dana already took this post"), and the changes the team server refused, to send again or drop.
 * Everything is read live from the database the background writes (lib/sync).
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDB } from '../../lib/db';
import type { Mutation } from '../../lib/model';
import { formatClock } from '../sidepanel/format';
import {
  discardRejected,
  dismissConflict,
  readSyncView,
  requestSync,
  retryRejected,
  type SyncState,
  type SyncView,
} from '../../lib/sync';

export interface SyncStatusProps {
  db: AppDB;
  now?: () => Date;
  /** Open the options page (to connect, or to connect again after a revocation). */
  openOptions?: () => void;
}

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

function inSeconds(iso: string | null, now: Date): string | null {
  if (!iso) return null;
  const s = Math.max(0, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.ceil(s / 60)} min`;
}

/** One refused mutation, in the member's words. */
export function describeMutation(mutation: Mutation): string {
  switch (mutation.type) {
    case 'interaction.add':
      return `Interaction (${mutation.record.kind}) with ${mutation.record.customerKey}`;
    case 'observation.add':
      return `Post seen from ${mutation.record.customerKey}`;
    case 'lead.put':
      return `Lead on ${mutation.record.customerKey} (${mutation.record.status})`;
    case 'assignment.put':
      return `Assignment of a post by ${mutation.record.customerKey}`;
    case 'customer.erase':
      return `Erasing ${mutation.customerKey}`;
    case 'interaction.retract':
      return `Undo of an interaction with ${mutation.customerKey}`;
  }
}

/** After this long without an answer, "Syncing…" becomes what it is waiting for. */
const SLOW_ANSWER_S = 3;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function headline(state: SyncState, view: SyncView, now: Date): string {
  const team = view.connection?.team.name;
  switch (state.status) {
    case 'disconnected':
      return 'Not connected to a team: everything works on this device.';
    case 'synced':
      return `In sync with ${team ?? 'the team'}${state.lastSyncedAt ? ` (last at ${formatClock(state.lastSyncedAt)})` : ''}.`;
    case 'syncing': {
      // A request the server is slow to answer (it gives up at 15 s) says what it waits for.
      const waited = Math.floor((now.getTime() - Date.parse(state.updatedAt)) / 1000);
      const server = view.connection ? hostOf(view.connection.serverUrl) : 'the team server';
      if (waited >= SLOW_ANSWER_S) return `Waiting for the team server at ${server} (${waited} s)… ${view.pending > 0 ? `${changes(view.pending)} waiting on this device.` : ''}`.trim();
      return view.pending > 0 ? `Syncing: sending ${changes(view.pending)}…` : 'Syncing…';
    }
    case 'offline': {
      const next = inSeconds(state.nextAttemptAt, now);
      return `Offline. ${state.reason ?? ''} ${view.pending > 0 ? `${changes(view.pending)} waiting on this device. ` : ''}${next ? `Next try in ${next}.` : ''}`.replace(/\s+/g, ' ').trim();
    }
    case 'error': {
      if (state.problem === 'revoked') return state.reason ?? 'Your access was revoked.';
      const next = inSeconds(state.nextAttemptAt, now);
      return `Sync error: ${state.reason ?? 'unknown'} ${view.pending > 0 ? `${changes(view.pending)} waiting on this device. ` : ''}${next ? `Next try in ${next}.` : ''}`.replace(/\s+/g, ' ').trim();
    }
  }
}

const systemNow = () => new Date();

export function SyncStatus({ db, now = systemNow, openOptions }: SyncStatusProps) {
  const view = useLiveQuery(() => readSyncView(db), [db]) as SyncView | undefined;
  const [time, setTime] = useState(now);
  const [problem, setProblem] = useState<string | null>(null);
  // The "next try in" countdown moves while there is one, and the wait for a slow answer.
  const waitingUntil = view?.state.nextAttemptAt ?? (view?.state.status === 'syncing' ? view.state.updatedAt : null);

  useEffect(() => {
    if (!waitingUntil) return;
    setTime(now());
    const timer = setInterval(() => setTime(now()), 1_000);
    return () => clearInterval(timer);
  }, [waitingUntil, now]);

  if (!view) return null;
  const { state, conflicts, rejected } = view;
  const connected = view.connection !== null;
  const stopped = state.stopped && state.connectedAt === view.connection?.connectedAt;
  const act = (run: () => Promise<void>) => () => {
    setProblem(null);
    run().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  const alarming = state.status === 'error';

  return (
    <section className="sync-status" aria-label="Team sync" data-sync-status={state.status}>
      <p className={`sync-headline sync-${state.status}`} role={alarming ? 'alert' : 'status'}>
        {headline(state, view, time)}
      </p>
      <div className="sync-actions">
        {connected && !stopped && (
          <button type="button" onClick={act(() => requestSync(db, now()))}>
            Sync now
          </button>
        )}
        {openOptions && (!connected || stopped) && (
          <button type="button" onClick={openOptions}>
            {stopped ? 'Connect again' : 'Connect to a team'}
          </button>
        )}
      </div>
      {problem && (
        <p className="sync-problem" role="alert">
          {problem}
        </p>
      )}

      {conflicts.length > 0 && (
        <div className="sync-conflicts">
          <h3>Changed by a teammate</h3>
          <ul>
            {[...conflicts].reverse().map((conflict) => (
              <li key={conflict.id} data-conflict-kind={conflict.kind} data-record-id={conflict.recordId ?? undefined}>
                <span>{conflict.message}</span> <time dateTime={conflict.at}>{formatClock(conflict.at)}</time>{' '}
                <button type="button" aria-label={`Dismiss: ${conflict.message}`} onClick={act(() => dismissConflict(db, conflict.id))}>
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {rejected.length > 0 && (
        <div className="sync-rejected">
          <h3>Not accepted by the team server</h3>
          <ul>
            {rejected.map((entry) => {
              const what = describeMutation(entry.mutation);
              return (
                <li key={entry.mutation.mutationId}>
                  <span>
                    {what}: {entry.error}
                  </span>{' '}
                  <button type="button" aria-label={`Send again: ${what}`} onClick={act(() => retryRejected(db, entry.mutation.mutationId))}>
                    Send again
                  </button>{' '}
                  <button type="button" aria-label={`Discard: ${what}`} onClick={act(() => discardRejected(db, entry.mutation.mutationId))}>
                    Discard
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="sync-hint">Discarding keeps the record on this device; it only stops trying to send it.</p>
        </div>
      )}
    </section>
  );
}
