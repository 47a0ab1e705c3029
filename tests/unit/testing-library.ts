/**
 * How long `findBy…` and `waitFor` wait in the component tests. Testing Library's default (1 s)
 * must cover what the effect does in between: IndexedDB (fake-indexeddb) reads and writes, live
 * queries, and for the options page's team form a round trip to the in-process backend (PGlite).
 * On a busy 2-core machine that took over 250 ms (measured), so 1 s left no margin worth the name.
 * They still resolve as soon as the condition holds.
 *
 * Import it after the DOM exists (a `node` environment file imports ./sync/dom-env first).
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
