import { defineConfig } from 'wxt';
import pkg from './package.json' with { type: 'json' };

// The three sites we annotate. Content-script matches are the only host access the extension has:
// the team backend is reached with CORS and a bearer token, never with broad host permissions.
export const SITE_MATCHES = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://mobile.twitter.com/*',
  'https://www.facebook.com/*',
  'https://www.instagram.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Switchboard',
    description: pkg.description,
    permissions: browser === 'firefox' ? ['storage', 'alarms'] : ['storage', 'sidePanel', 'alarms'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'switchboard@switchboard.dev', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
