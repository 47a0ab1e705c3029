// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const BROWSER_GLOBALS = ['window', 'document', 'chrome', 'browser', 'navigator', 'localStorage', 'indexedDB', 'location']
  .map((name) => ({ name, message: 'lib/model and lib/inference run in the server and the CLI too: no browser APIs.' }));

/** Value imports that would put zod schemas into the content script's bundle (types are fine). */
const ZOD_FREE = [
  {
    regex: '^zod(/.*)?$|/messaging$|/model(/(index|ids|post|inference|records|sync))?$',
    allowTypeImports: true,
    message: 'Content-script code imports values from zod-free modules (lib/model/keys, lib/model/labels); types from anywhere.',
  },
];

/** The context boundaries of ARCHITECTURE.md, as lint rules. */
const boundaries = [
  {
    // A content script's IndexedDB is the web site's, not ours: it asks the background instead.
    // And it ships in every page: the zod schemas (and the modules that build them) stay out,
    // types from them are welcome.
    files: ['entrypoints/feed.content/**', 'lib/feed/**', 'lib/sites/**', 'components/badge/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['dexie', 'dexie-*'], message: 'No Dexie in content scripts: send a message to the background.' },
          { group: ['**/lib/db', '**/lib/db/**', '**/lib/sync/**'], message: 'No database code in content scripts.' },
          { group: ['**/entrypoints/**'], message: 'lib and components never import entrypoints.' },
          ...ZOD_FREE,
        ],
      }],
    },
  },
  {
    files: ['entrypoints/background.ts', 'entrypoints/background/**', 'lib/db/**', 'lib/sync/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react-dom/*', 'react/*', '**/components/**'], message: 'No React in the background.' },
          { group: ['**/entrypoints/**'], message: 'lib never imports entrypoints.' },
        ],
      }],
    },
  },
  {
    files: ['lib/model/**', 'lib/inference/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['dexie', 'dexie-*', 'react', 'react-dom', 'webextension-polyfill', 'wxt', 'wxt/*', '#imports'], message: 'lib/model and lib/inference stay free of browser and framework code.' },
          { group: ['**/entrypoints/**', '**/lib/db/**', '**/lib/sync/**', '**/lib/feed/**', '**/lib/sites/**'], message: 'lib/model and lib/inference depend on the model only.' },
        ],
      }],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  {
    // The engine runs in the content script too.
    files: ['lib/inference/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: ZOD_FREE }] },
  },
  {
    files: ['lib/messaging.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/entrypoints/**', 'react', 'react-dom', 'dexie'], message: 'The message protocol depends on the model only.' }],
      }],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['dexie', 'dexie-*', 'react', 'react-dom', 'wxt', 'wxt/*', 'webextension-polyfill', '**/lib/db/**', '**/lib/feed/**', '**/lib/sites/**', '**/components/**', '**/entrypoints/**'], message: 'The server uses lib/model and lib/inference only.' }],
      }],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', '.data/', 'demo-output/', 'bench-output/', 'server/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Post text is hostile: it is rendered as text, never as HTML.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Render text with textContent or React; never innerHTML from page data.' },
        { property: 'outerHTML', message: 'Never build markup from page data.' },
        { property: 'insertAdjacentHTML', message: 'Never build markup from page data.' },
      ],
    },
  },
  {
    // Tests build fixture pages from files we wrote; that is the one place markup is parsed.
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...boundaries,
);
