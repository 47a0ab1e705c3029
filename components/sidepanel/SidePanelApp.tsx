import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppDB } from '../../lib/db';
import { CustomerKeySchema, type CustomerKey } from '../../lib/model';
import { CustomerView } from './CustomerView';
import { ErrorBoundary } from './ErrorBoundary';
import { LeadsView } from './LeadsView';
import { MyWork } from './MyWork';
import { SearchView } from './SearchView';
import { browserDownload, ServicesContext, useSettings, type DownloadFile, type PanelServices } from './services';
import { createPanelStore, PanelStoreContext, usePanel, type PanelView } from './store';

/** The customer named in a side panel URL (`?customer=<site>:<handle>`), if it is one. */
export function customerFromUrl(url: string): CustomerKey | null {
  try {
    const parsed = new URL(url);
    const raw = parsed.searchParams.get('customer') ?? new URLSearchParams(parsed.hash.slice(1)).get('customer');
    const key = raw?.trim().toLowerCase();
    return key && CustomerKeySchema.safeParse(key).success ? key : null;
  } catch {
    return null;
  }
}

export interface SidePanelAppProps {
  db: AppDB;
  /** From `?customer=`; the panel opens on this customer's history. */
  initialCustomer?: CustomerKey | null;
  /**
   * Later selections (the background pointing the open panel at another customer): called once
   * with a function to select a customer; returns the unsubscribe.
   */
  subscribeSelection?: (select: (key: CustomerKey) => void) => () => void;
  download?: (file: DownloadFile) => void;
  openOptions?: () => void;
  /** The team sync state (connected, syncing, offline, conflicts), shown under the views. */
  statusSection?: ReactNode;
  now?: () => Date;
}

const VIEWS: { view: PanelView; label: string }[] = [
  { view: 'customer', label: 'Customer' },
  { view: 'work', label: 'My work' },
  { view: 'leads', label: 'Leads' },
  { view: 'search', label: 'Search' },
];

function Nav({ openOptions }: { openOptions?: () => void }) {
  const view = usePanel((s) => s.view);
  const show = usePanel((s) => s.show);
  return (
    <nav className="sb-nav" aria-label="Views">
      {VIEWS.map((v) => (
        <button key={v.view} type="button" aria-current={view === v.view ? 'page' : undefined} onClick={() => show(v.view)}>
          {v.label}
        </button>
      ))}
      {openOptions ? (
        <button type="button" className="sb-nav-options" onClick={openOptions} aria-label="Options">
          ⚙
        </button>
      ) : null}
    </nav>
  );
}

function Notice() {
  const notice = usePanel((s) => s.notice);
  const notify = usePanel((s) => s.notify);
  const { problem } = useSettings();
  return (
    <>
      {problem ? (
        <p className="sb-notice sb-notice-error" role="alert">
          {problem} Open Options to set them again.
        </p>
      ) : null}
      {notice?.tone === 'error' ? (
        <p className="sb-notice sb-notice-error" role="alert">
          <span>{notice.text}</span>
          <button type="button" className="sb-link" onClick={() => notify(null)} aria-label="Dismiss">
            ×
          </button>
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {notice?.tone === 'info' ? (
          <p className="sb-notice sb-notice-info">
            <span>{notice.text}</span>
            <button type="button" className="sb-link" onClick={() => notify(null)} aria-label="Dismiss">
              ×
            </button>
          </p>
        ) : null}
      </div>
    </>
  );
}

function Body() {
  const view = usePanel((s) => s.view);
  const customerKey = usePanel((s) => s.customerKey);
  return (
    <ErrorBoundary resetKey={`${view}:${customerKey ?? ''}`}>
      <View />
    </ErrorBoundary>
  );
}

function View() {
  const view = usePanel((s) => s.view);
  const customerKey = usePanel((s) => s.customerKey);
  const show = usePanel((s) => s.show);
  switch (view) {
    case 'customer':
      return customerKey ? (
        <CustomerView key={customerKey} customerKey={customerKey} />
      ) : (
        <p className="sb-muted">
          No customer chosen. Click <em>Customer history</em> on a post, or{' '}
          <button type="button" className="sb-link" onClick={() => show('search')}>
            search
          </button>
          .
        </p>
      );
    case 'work':
      return <MyWork />;
    case 'leads':
      return <LeadsView />;
    case 'search':
      return <SearchView />;
  }
}

/** The side panel: Customer, My work, Leads and Search over the local database, live. */
export function SidePanelApp(props: SidePanelAppProps) {
  const [store] = useState(() => createPanelStore(props.initialCustomer ?? null));
  const { db, download = browserDownload, openOptions, now = () => new Date(), subscribeSelection } = props;
  const services = useMemo<PanelServices>(
    () => (openOptions ? { db, download, now, openOptions } : { db, download, now }),
    // `now` and `download` are expected to be stable; re-creating them must not reset views.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [db, openOptions],
  );
  useEffect(() => subscribeSelection?.((key) => store.getState().openCustomer(key)), [subscribeSelection, store]);

  return (
    <ServicesContext.Provider value={services}>
      <PanelStoreContext.Provider value={store}>
        <div className="sb-panel">
          <Nav {...(openOptions ? { openOptions } : {})} />
          {props.statusSection}
          <ErrorBoundary>
            <Notice />
          </ErrorBoundary>
          <main className="sb-main">
            <Body />
          </main>
        </div>
      </PanelStoreContext.Provider>
    </ServicesContext.Provider>
  );
}
