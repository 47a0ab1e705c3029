import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { customerHistory, isOpenLead, stageTrend, type StageTrend } from '../../lib/db';
import type { CustomerKey } from '../../lib/model';
import { CustomerData } from './CustomerData';
import { formatTime, SITE_LABEL, splitCustomerKey, STAGE_LABEL } from './format';
import { History } from './History';
import { LeadStatusControl } from './LeadStatusControl';
import { PostQuote } from './PostQuote';
import { QuickActions } from './QuickActions';
import { useServices, useSettings } from './services';

function trendText(trend: StageTrend): string {
  if (!trend.current) return 'No stage seen yet';
  const since = trend.since ? ` since ${formatTime(trend.since)}` : '';
  switch (trend.direction) {
    case 'forward':
    case 'back':
      return `${trend.direction === 'forward' ? 'Moved on' : 'Went back'} from ${STAGE_LABEL[trend.previous!]}${since}`;
    case 'steady':
      return `Steady${since}`;
    default:
      // Only one stage seen so far: when it was first seen, not "since".
      return trend.since ? `First seen ${formatTime(trend.since)}` : 'First seen';
  }
}

/** One customer: who, where in the buying cycle, their leads, notes, quick actions and timeline. */
export function CustomerView({ customerKey }: { customerKey: CustomerKey }) {
  const { db } = useServices();
  const { settings } = useSettings();
  const me = settings.me.handle;
  const history = useLiveQuery(() => customerHistory(db, customerKey), [db, customerKey]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [customerKey]);

  const { site, handle } = splitCustomerKey(customerKey);
  if (!history) return <p className="sb-muted">Loading…</p>;

  const { customer, entries, observations } = history;
  const trend = stageTrend(observations);
  const leads = entries.flatMap((e) => (e.kind === 'lead' ? [e.record] : []));
  const notes = entries.flatMap((e) =>
    e.kind === 'interaction' && e.record.note ? [{ id: e.id, at: e.at, who: e.record.memberHandle, note: e.record.note }] : [],
  );
  const stage = trend.current ?? (customer && customer.lastStage !== 'none' ? customer.lastStage : null);

  return (
    <article className="sb-customer" aria-labelledby="sb-customer-title">
      <header className="sb-customer-head">
        <h2 id="sb-customer-title" ref={heading} tabIndex={-1}>
          {customer?.displayName || `@${handle}`}
        </h2>
        <p className="sb-muted">
          @{handle} · {SITE_LABEL[site]}
        </p>
        <p className="sb-stage">
          {stage ? <span className={`sb-pill sb-pill-${stage}`}>{STAGE_LABEL[stage]}</span> : null}
          <span className="sb-muted"> {trendText(trend)}</span>
        </p>
      </header>

      {entries.length === 0 && !customer ? (
        <p className="sb-muted">Switchboard has nothing about {customerKey} on this device.</p>
      ) : null}

      {leads.length > 0 ? (
        <section className="sb-section" aria-labelledby="sb-leads-title">
          <h3 id="sb-leads-title">Leads</h3>
          <ul className="sb-list">
            {leads.map((lead) => (
              <li key={lead.id} className={isOpenLead(lead) ? 'sb-lead-open' : 'sb-lead-closed'}>
                <div className="sb-row">
                  <LeadStatusControl lead={lead} me={me} />
                  <span className="sb-muted">
                    @{lead.owner} · {formatTime(lead.createdAt)}
                  </span>
                </div>
                <PostQuote post={lead.source} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {entries.length > 0 ? (
        <section className="sb-section" aria-labelledby="sb-quick-title">
          <h3 id="sb-quick-title">Add to history</h3>
          <QuickActions customerKey={customerKey} entries={entries} me={me} />
        </section>
      ) : null}

      {notes.length > 0 ? (
        <section className="sb-section" aria-labelledby="sb-notes-title">
          <h3 id="sb-notes-title">Notes</h3>
          <ul className="sb-list">
            {notes.map((n) => (
              <li key={n.id}>
                <p className="sb-note">{n.note}</p>
                <p className="sb-muted">
                  @{n.who} · {formatTime(n.at)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="sb-section" aria-labelledby="sb-history-title">
        <h3 id="sb-history-title">History</h3>
        <History entries={entries} />
      </section>

      {entries.length > 0 || customer ? <CustomerData customerKey={customerKey} handle={handle} me={me} /> : null}
    </article>
  );
}
