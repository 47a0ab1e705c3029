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

/**
 * The content script renders the badge's React components with Preact's React-compatible
 * runtime: React's own runtime alone is 68 KB gzipped and costs about 0.5 ms per mounted root,
 * which would blow the page budget (80 KB, 150 ms per 1,000 posts; see `npm run bench`). The
 * side panel, options and welcome pages, and every component test, use React itself.
 */
const PREACT_FOR_CONTENT_SCRIPTS = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

export default defineConfig({
  hooks: {
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (!entrypoints.every((entry) => entry.type === 'content-script')) return;
      const existing = viteConfig.resolve?.alias ?? [];
      const inherited = Array.isArray(existing)
        ? existing
        : Object.entries(existing).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      viteConfig.resolve = { ...viteConfig.resolve, alias: [...PREACT_FOR_CONTENT_SCRIPTS, ...inherited] };
      // `SWITCHBOARD_PROFILE=1 npm run build`: readable function names in profiles (BENCH_FEED_PROFILE).
      if (process.env.SWITCHBOARD_PROFILE) viteConfig.build = { ...viteConfig.build, minify: false };
    },
  },
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
            gecko: {
              id: 'switchboard@switchboard.dev',
              strict_min_version: '142.0',
              // Nothing goes to us: what a member logs goes only to their own team's server.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
