/**
 * The options page's team connection (CONTRACT section 6): `Team server`, `Access token`,
 * `Connect`; then `Connected as <handle>` with the team's name, and `Disconnect`. A wrong address
 * or token shows the reason and changes nothing; disconnecting keeps everything on this device.
 * The background follows the stored connection by itself (lib/sync startSync).
 */
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDB } from '../../lib/db';
import { connect, ConnectError, disconnect, readSyncView, type Connected, type FetchLike, type SyncView } from '../../lib/sync';

export interface ConnectFormProps {
  db: AppDB;
  /** How the page reaches the backend (the page's own fetch; tests pass the backend in process). */
  fetch?: FetchLike;
  onConnected?: (connected: Connected) => void;
  onDisconnected?: () => void;
}

const pageFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export function ConnectForm({ db, fetch = pageFetch, onConnected, onDisconnected }: ConnectFormProps) {
  const view = useLiveQuery(() => readSyncView(db), [db]) as SyncView | undefined;
  const ids = { server: useId(), token: useId(), tokenHint: useId(), error: useId() };
  const [server, setServer] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [replacing, setReplacing] = useState(false);

  if (!view) return <p className="op-hint">Loading…</p>;
  const { connection, state } = view;
  const revoked = Boolean(connection && state.stopped && state.connectedAt === connection.connectedAt);
  const serverValue = server ?? connection?.serverUrl ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const connected = await connect(db, { serverUrl: serverValue, token }, fetch);
      setToken('');
      setServer(null);
      setReplacing(false);
      onConnected?.(connected);
    } catch (caught) {
      setError(
        caught instanceof ConnectError
          ? caught.message
          : `Could not save the connection on this device: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    setError(null);
    try {
      await disconnect(db);
      setReplacing(false);
      setNotice('Disconnected. Everything you logged stays on this device, and changes not yet sent wait for the next connection.');
      onDisconnected?.();
    } catch (caught) {
      setError(`Could not disconnect: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };

  const showForm = !connection || revoked || replacing;

  return (
    <div className="sync-connect">
      {connection && (
        <div className="sync-connected">
          <p role="status">
            Connected as <strong>{connection.member.handle}</strong> to <strong>{connection.team.name}</strong>
            <span className="op-hint"> ({connection.serverUrl})</span>
          </p>
          {revoked && (
            <p className="op-alert" role="alert">
              {state.reason}
            </p>
          )}
          <div className="op-actions">
            {!revoked && !replacing && (
              <button type="button" className="op-secondary" onClick={() => setReplacing(true)}>
                Use another token
              </button>
            )}
            <button type="button" className="op-secondary" onClick={() => void leave()}>
              Disconnect
            </button>
          </div>
        </div>
      )}
      {!connection && !notice && (
        <p className="op-hint">Not connected to a team: badges, logging, leads and history all work on this device.</p>
      )}
      {notice && (
        <p className="op-hint" role="status">
          {notice}
        </p>
      )}
      {showForm && (
        <form onSubmit={(e) => void submit(e)} aria-busy={busy || undefined} aria-describedby={error ? ids.error : undefined} noValidate>
          <div className="op-field">
            <label htmlFor={ids.server}>Team server</label>
            <input
              id={ids.server}
              type="text"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder="https://switchboard.example.com"
              value={serverValue}
              onChange={(e) => setServer(e.target.value)}
            />
          </div>
          <div className="op-field">
            <label htmlFor={ids.token}>Access token</label>
            <input
              id={ids.token}
              type="password"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.tokenHint}
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
            <small id={ids.tokenHint}>Your team admin gives you one (it starts with sb_). It is kept on this device only.</small>
          </div>
          {error && (
            <p id={ids.error} className="op-alert" role="alert">
              {error}
            </p>
          )}
          <div className="op-actions">
            <button type="submit" disabled={busy}>
              Connect
            </button>
            {replacing && (
              <button type="button" className="op-secondary" onClick={() => setReplacing(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
