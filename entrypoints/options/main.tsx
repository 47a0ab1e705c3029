import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/options/options.css';
import { ConnectForm } from '../../components/sync/ConnectForm';
import { SyncStatus } from '../../components/sync/SyncStatus';
import '../../components/sync/sync.css';
import { openAppDB } from '../../lib/db';

const db = openAppDB();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp
      db={db}
      connectionSection={
        <>
          <ConnectForm db={db} />
          <SyncStatus db={db} />
        </>
      }
    />
  </StrictMode>,
);
