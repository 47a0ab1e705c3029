import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/options/options.css';
import { openAppDB } from '../../lib/db';

// The team connection (Team server, Access token, Connect) plugs in as `connectionSection`.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp db={openAppDB()} />
  </StrictMode>,
);
