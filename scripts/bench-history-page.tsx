/**
 * Runs inside Chromium (bundled by bench-history.ts): the local history on real IndexedDB, with
 * 100,000 interactions across 10,000 customers, measured the way a person meets it.
 */
import { createRoot } from 'react-dom/client';
import { uuidv7 } from 'uuidv7';
import { SidePanelApp } from '../components/sidepanel/SidePanelApp';
import { importHistory, logInteraction, openAppDB } from '../lib/db';
import { IMPORT_CHUNK_RECORDS } from '../lib/db/import';
import type { CustomerKey, Interaction, PostRef } from '../lib/model';
import { percentile } from './bench-stats';

const CUSTOMERS = 10_000;
const INTERACTIONS = 100_000;
const SAMPLES = 200;

function post(handle: string, id: number): PostRef {
  return {
    site: 'x', postId: String(1870000000000000000n + BigInt(id)), permalink: null, author: handle, authorName: handle,
    text: 'My order has not arrived and support is not answering, can someone help?', postedAt: null, repostedBy: null,
    flags: { repost: false, pinned: false, promoted: false, suggested: false, reply: false, quote: false, mediaOnly: false, article: false },
  };
}


/** Seconds to write `tables` (customers keyed by `key`, the rest by `id`) with bare IndexedDB. */
async function bareWrites(tables: ReadonlyArray<ReadonlyArray<{ key?: string; id?: string; customerKey?: string }>>): Promise<number> {
  const name = `bare-${uuidv7()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('t0', { keyPath: 'key' });
      open.result.createObjectStore('t1', { keyPath: 'id' }).createIndex('byCustomer', ['customerKey', 'createdAt']);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const started = performance.now();
  for (const [index, records] of tables.entries()) {
    for (let start = 0; start < records.length; start += IMPORT_CHUNK_RECORDS) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(`t${index}`, 'readwrite');
        const store = tx.objectStore(`t${index}`);
        for (const record of records.slice(start, start + IMPORT_CHUNK_RECORDS)) store.add(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  indexedDB.deleteDatabase(name);
  return seconds;
}

/**
 * Resolves when the panel shows customer `c`'s history: their newest interaction (the last of the
 * ten the bench gave them) first, and all ten.
 */
function shown(container: HTMLElement, c: number): Promise<void> {
  const newest = String(1870000000000000000n + BigInt(INTERACTIONS - CUSTOMERS + c));
  const done = () => {
    const entries = container.querySelectorAll('[data-entry-kind="interaction"]');
    return entries.length === 10 && entries[0]!.getAttribute('data-post-id') === newest;
  };
  return new Promise((resolve) => {
    if (done()) return resolve();
    const watch = new MutationObserver(() => {
      if (!done()) return;
      watch.disconnect();
      resolve();
    });
    watch.observe(container, { childList: true, subtree: true, attributes: true });
  });
}

async function run() {
  const db = openAppDB(`bench-${uuidv7()}`);
  await db.open();
  const base = Date.parse('2026-01-01T00:00:00Z');

  // Bulk import through lib/db's importHistory: every record validated, chunks of whole customers,
  // one transaction each. The records are made first: the figure is the import's, not the generator's.
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    key: `x:customer_${i}`, site: 'x' as const, handle: `customer_${i}`, displayName: `Customer ${i}`,
    firstSeenAt: new Date(base).toISOString(), lastSeenAt: new Date(base).toISOString(), lastStage: 'post-purchase' as const,
  }));
  const interactions: Interaction[] = [];
  for (let i = 0; i < INTERACTIONS; i++) {
    const handle = `customer_${i % CUSTOMERS}`;
    const p = post(handle, i);
    interactions.push({
      id: uuidv7(), customerKey: `x:${handle}`, kind: 'reply', note: '', stage: 'post-purchase', department: 'service',
      memberHandle: 'dana', createdAt: new Date(base + i * 1000).toISOString(),
      post: { site: 'x', postId: p.postId, postKey: `x:${p.postId}`, permalink: null, text: p.text, postedAt: null },
    });
  }
  const started = performance.now();
  const imported = await importHistory(db, { customers, interactions });
  if (imported.tables.interactions.added !== INTERACTIONS || imported.tables.customers.added !== CUSTOMERS) throw new Error('import incomplete');
  const importSeconds = (performance.now() - started) / 1000;

  // The reference: the same records written straight to IndexedDB (no validation, no Dexie, one
  // store per table with the same key and index, the same chunks): what this browser on this
  // machine can store at all, so the import's figure can be read against it.
  const bareSeconds = await bareWrites([customers, interactions]);

  // Open one customer's history in the side panel as it is (the whole customer view: its live
  // queries, stage and trend, timeline, leads, quick actions), as the background points the open
  // panel at a customer: from the selection to the customer's newest entry on screen with all ten.
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  let select: ((key: CustomerKey) => void) | null = null;
  const first: CustomerKey = 'x:customer_1';
  root.render(
    <SidePanelApp
      db={db}
      initialCustomer={first}
      download={() => undefined}
      subscribeSelection={(s) => {
        select = s;
        return () => undefined;
      }}
    />,
  );
  await shown(container, 1);
  const open: number[] = [];
  for (let s = 1; s <= SAMPLES; s++) {
    const c = (s * 7919) % CUSTOMERS;
    const t0 = performance.now();
    select!(`x:customer_${c}`);
    await shown(container, c);
    open.push(performance.now() - t0);
  }
  root.unmount();

  // Log an interaction: the mutation behind a click (record + outbox in one transaction).
  const log: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const handle = `customer_${(s * 104729) % CUSTOMERS}`;
    const t0 = performance.now();
    await logInteraction(db, { post: post(handle, 900_000 + s), inference: { stage: 'post-purchase', department: 'service', confidence: 0.9 } }, { me: 'dana' });
    log.push(performance.now() - t0);
  }
  db.close();
  return {
    importPerSecond: (CUSTOMERS + INTERACTIONS) / importSeconds,
    barePerSecond: (CUSTOMERS + INTERACTIONS) / bareSeconds,
    openP95: percentile(open, 95),
    openP50: percentile(open, 50),
    logP95: percentile(log, 95),
    logP50: percentile(log, 50),
  };
}

(window as unknown as { __benchHistory: () => Promise<unknown> }).__benchHistory = run;
