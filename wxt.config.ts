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
    action: { default_title: 'Switchboard: open the side panel' },
    commands: {
      // Opens the side panel (Chrome: the action opens it) or the sidebar (Firefox).
      [browser === 'firefox' ? '_execute_sidebar_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Switchboard side panel',
      },
      'toggle-badges': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Hide or show Switchboard badges on this page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'switchboard@switchboard.dev', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
