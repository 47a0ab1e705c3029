import { useId } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { leadOwners, leadsToCsv, leadsToJson, listLeads } from '../../lib/db';
import { LeadStatusSchema, type LeadStatus } from '../../lib/model';
import { formatTime, LEAD_STATUS_LABEL, SITE_LABEL } from './format';
import { LeadStatusControl } from './LeadStatusControl';
import { useServices, useSettings } from './services';
import { usePanel } from './store';

/** Every lead, filtered by status and owner, with CSV (for a CRM) and JSON export of what is shown. */
export function LeadsView() {
  const { db, download, now } = useServices();
  const { settings } = useSettings();
  const status = usePanel((s) => s.leadStatus);
  const owner = usePanel((s) => s.leadOwner);
  const setFilter = usePanel((s) => s.setLeadFilter);
  const openCustomer = usePanel((s) => s.openCustomer);
  const rows = useLiveQuery(() => listLeads(db, { status, owner }), [db, status, owner]);
  const owners = useLiveQuery(() => leadOwners(db), [db], []);
  const ids = { status: useId(), owner: useId() };
  const stamp = () => now().toISOString().slice(0, 10);

  return (
    <section aria-labelledby="sb-leads-view-title">
      <h2 id="sb-leads-view-title">Leads</h2>
      <div className="sb-filters">
        <div className="sb-row">
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={status ?? ''}
            onChange={(e) => setFilter({ status: e.target.value ? (LeadStatusSchema.parse(e.target.value) as LeadStatus) : null })}
          >
            <option value="">All</option>
            {LeadStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {LEAD_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="sb-row">
          <label htmlFor={ids.owner}>Owner</label>
          <select id={ids.owner} value={owner ?? ''} onChange={(e) => setFilter({ owner: e.target.value || null })}>
            <option value="">Anyone</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                @{o}
                {o === settings.me.handle ? ' (me)' : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="sb-actions">
        <button
          type="button"
          className="sb-secondary"
          disabled={!rows?.length}
          onClick={() => rows && download({ filename: `switchboard-leads-${stamp()}.csv`, mime: 'text/csv;charset=utf-8', content: `\ufeff${leadsToCsv(rows)}` })}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="sb-secondary"
          disabled={!rows?.length}
          onClick={() => rows && download({ filename: `switchboard-leads-${stamp()}.json`, mime: 'application/json', content: leadsToJson(rows) })}
        >
          Export JSON
        </button>
      </div>
      {!rows ? (
        <p className="sb-muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="sb-muted">No leads{status || owner ? ' match these filters' : ' yet'}.</p>
      ) : (
        <ul className="sb-list" aria-label="Leads">
          {rows.map(({ lead, customer }) => {
            const handle = customer?.handle ?? lead.customerKey.slice(lead.customerKey.indexOf(':') + 1);
            return (
              <li key={lead.id} data-lead-status={lead.status}>
                <div className="sb-row">
                  <button type="button" className="sb-link" onClick={() => openCustomer(lead.customerKey)}>
                    {customer?.displayName || `@${handle}`}
                  </button>
                  <span className="sb-muted">
                    @{handle} · {SITE_LABEL[lead.source.site]}
                  </span>
                </div>
                <div className="sb-row">
                  <LeadStatusControl lead={lead} me={settings.me.handle} />
                  <span className="sb-muted">
                    @{lead.owner} · {formatTime(lead.createdAt)}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
