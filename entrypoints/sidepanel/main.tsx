import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { customerFromUrl, SidePanelApp } from '../../components/sidepanel/SidePanelApp';
import '../../components/sidepanel/sidepanel.css';
import { SyncStatus } from '../../components/sync/SyncStatus';
import '../../components/sync/sync.css';
import { openAppDB } from '../../lib/db';
import type { CustomerKey } from '../../lib/model';

// The background points an open panel at another customer by changing its URL
// (`sidePanel.setOptions({ path })`, `sidebarAction.setPanel`); same-document changes arrive here.
function subscribeSelection(select: (key: CustomerKey) => void): () => void {
  const onChange = () => {
    const key = customerFromUrl(window.location.href);
    if (key) select(key);
  };
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
}

const db = openAppDB();
const openOptions = () => void browser.runtime.openOptionsPage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidePanelApp
      db={db}
      initialCustomer={customerFromUrl(window.location.href)}
      subscribeSelection={subscribeSelection}
      openOptions={openOptions}
      statusSection={<SyncStatus db={db} openOptions={openOptions} />}
    />
  </StrictMode>,
);
