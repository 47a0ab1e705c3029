import { useState } from 'react';
import { eraseCustomer, exportCustomer } from '../../lib/db';
import type { CustomerKey } from '../../lib/model';
import { useAction, useServices } from './services';
import { usePanel } from './store';

/** A privacy request: export everything about the customer, or erase it after a confirmation. */
export function CustomerData({ customerKey, handle, me }: { customerKey: CustomerKey; handle: string; me: string }) {
  const { db, download, now } = useServices();
  const act = useAction();
  const notify = usePanel((s) => s.notify);
  const [confirming, setConfirming] = useState(false);

  const exportJson = async () => {
    const data = await act(() => exportCustomer(db, customerKey, now()));
    if (!data) return;
    download({
      filename: `switchboard-${customerKey.replace(':', '-')}.json`,
      mime: 'application/json',
      content: JSON.stringify(data, null, 2),
    });
  };

  const erase = async () => {
    const result = await act(() => eraseCustomer(db, customerKey, { me, now: now() }));
    setConfirming(false);
    if (!result) return;
    const count = result.observations + result.interactions + result.leads + result.assignments;
    notify({ tone: 'info', text: `Erased everything about @${handle} (${count} records), here and, once synced, for the team.` });
  };

  return (
    <section className="sb-section" aria-labelledby="sb-data-title">
      <h3 id="sb-data-title">Customer data</h3>
      <div className="sb-actions">
        <button type="button" className="sb-secondary" onClick={() => void exportJson()}>
          Export JSON
        </button>
        {!confirming ? (
          <button type="button" className="sb-danger" onClick={() => setConfirming(true)}>
            Erase customer…
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="sb-confirm" role="alertdialog" aria-labelledby="sb-erase-q">
          <p id="sb-erase-q">
            Erase every interaction, lead, assignment and post seen of @{handle}? This cannot be undone.
          </p>
          <div className="sb-actions">
            <button type="button" className="sb-danger" onClick={() => void erase()} autoFocus>
              Erase permanently
            </button>
            <button type="button" className="sb-secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
