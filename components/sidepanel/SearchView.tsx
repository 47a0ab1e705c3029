import { useId } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { searchCustomers } from '../../lib/db';
import { SITE_LABEL, STAGE_LABEL } from './format';
import { useServices } from './services';
import { usePanel } from './store';

/** Find a customer by handle or name (recent customers while the box is empty). */
export function SearchView() {
  const { db } = useServices();
  const query = usePanel((s) => s.query);
  const setQuery = usePanel((s) => s.setQuery);
  const openCustomer = usePanel((s) => s.openCustomer);
  const results = useLiveQuery(() => searchCustomers(db, query), [db, query]);
  const id = useId();
  return (
    <section aria-labelledby="sb-search-title">
      <h2 id="sb-search-title">Search customers</h2>
      <div className="sb-row sb-row-stack">
        <label htmlFor={id}>Handle or name</label>
        <input id={id} type="search" value={query} autoComplete="off" onChange={(e) => setQuery(e.target.value)} autoFocus />
      </div>
      {!results ? null : results.length === 0 ? (
        <p className="sb-muted">No customer matches “{query}”.</p>
      ) : (
        <ul className="sb-list" aria-label={query ? 'Customers found' : 'Recent customers'}>
          {results.map((c) => (
            <li key={c.key}>
              <button type="button" className="sb-link" onClick={() => openCustomer(c.key)}>
                {c.displayName || `@${c.handle}`}
              </button>
              <span className="sb-muted">
                {' '}
                @{c.handle} · {SITE_LABEL[c.site]}
                {c.lastStage !== 'none' ? ` · ${STAGE_LABEL[c.lastStage]}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
