/**
 * jsdom's globals for a component test that also runs the real backend in process. Such a file
 * stays in the `node` environment (the jsdom one transforms modules for the browser, where Vite
 * rewrites the backend migrator's `new URL('./migrations/', import.meta.url)` into a web
 * address) and imports this module first.
 */
import { afterAll } from 'vitest';
import { builtinEnvironments } from 'vitest/runtime';

const dom = await builtinEnvironments.jsdom.setup(globalThis, {});
afterAll(() => dom.teardown(globalThis));
