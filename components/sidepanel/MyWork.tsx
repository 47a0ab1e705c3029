import { useLiveQuery } from 'dexie-react-hooks';
import { myWork, type WorkItem } from '../../lib/db';
import type { Assignment } from '../../lib/model';
import { formatDuration, LEAD_STATUS_LABEL, splitCustomerKey, STAGE_LABEL } from './format';
import { useNow, useServices, useSettings } from './services';
import { usePanel } from './store';

/** What the item is; an assignment says who gave it (a teammate, or the router a teammate asked). */
function label(item: WorkItem, me: string): string {
  if (item.kind === 'lead') return `Lead · ${LEAD_STATUS_LABEL[(item.record as { status: keyof typeof LEAD_STATUS_LABEL }).status]}`;
  const { createdBy } = item.record as Assignment;
  return `Assignment · ${STAGE_LABEL[item.stage]}${createdBy !== me && createdBy !== 'me' ? ` · from @${createdBy}` : ''}`;
}

/** My open assignments and leads: overdue first, then oldest first, against the response targets. */
export function MyWork() {
  const { db } = useServices();
  const { settings } = useSettings();
  const now = useNow();
  const me = settings.me.handle;
  const targets = settings.team.responseTargets;
  const items = useLiveQuery(() => myWork(db, me, targets, now), [db, me, targets, now]);
  const openCustomer = usePanel((s) => s.openCustomer);

  if (!items) return <p className="sb-muted">Loading…</p>;
  return (
    <section aria-labelledby="sb-work-title">
      <h2 id="sb-work-title">My work</h2>
      <p className="sb-muted">Open assignments and leads of @{me}.</p>
      {items.length === 0 ? (
        <p className="sb-muted">Nothing waiting for you.</p>
      ) : (
        <ul className="sb-list sb-work">
          {items.map((item) => {
            const { handle } = splitCustomerKey(item.customerKey);
            return (
              <li key={`${item.kind}:${item.id}`} className={item.overdue ? 'sb-overdue' : undefined} data-overdue={item.overdue}>
                <button type="button" className="sb-link" onClick={() => openCustomer(item.customerKey)}>
                  @{handle}
                </button>
                <span> {label(item, me)}</span>
                <p className={item.overdue ? 'sb-due sb-due-late' : 'sb-due'}>
                  Waiting {formatDuration(item.waitingMs)} · target {formatDuration(item.targetMs)}
                  {item.overdue
                    ? ` · overdue by ${formatDuration(item.waitingMs - item.targetMs)}`
                    : ` · ${formatDuration(item.targetMs - item.waitingMs)} left`}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
