/**
 * The local history benchmark (issue 4): real IndexedDB in headless Chromium, 100,000
 * interactions across 10,000 customers. The page code is bundled with esbuild and served as a
 * normal https page, so IndexedDB is Chromium's own.
 */
import { build } from 'esbuild';
import path from 'node:path';
import type { BenchRow } from './bench-types';
import { launchWithExtension } from './browser';

interface HistoryFigures {
  importPerSecond: number;
  barePerSecond: number;
  openP50: number;
  openP95: number;
  logP50: number;
  logP95: number;
}

export async function benchHistory(): Promise<BenchRow[]> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'bench-history-page.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  const browser = await launchWithExtension({ extension: false });
  try {
    await browser.serve('https://x.com/bench-history', `<!doctype html><html><body><script>${script.replace(/<\/script/g, '<\\/script')}</script></body></html>`);
    const { page, errors } = await browser.open('https://x.com/bench-history');
    const figures = (await page.evaluate('window.__benchHistory()')) as HistoryFigures;
    if (errors.length > 0) throw new Error(errors[0]);
    return [
      { name: 'bulk import, 110,000 records', value: `${Math.round(figures.importPerSecond).toLocaleString('en-US')} records/s`, target: '≥ 20,000/s', ok: figures.importPerSecond >= 20_000 },
      {
        name: 'reference: the same records as bare IndexedDB writes (no checks, no Dexie)',
        value: `${Math.round(figures.barePerSecond).toLocaleString('en-US')} records/s (import: ${Math.round((100 * figures.importPerSecond) / figures.barePerSecond)}% of it)`,
        target: "this browser's ceiling here",
        ok: true,
      },
      { name: 'open a customer history (query + first render), 100k stored', value: `p50 ${figures.openP50.toFixed(1)} / p95 ${figures.openP95.toFixed(1)} ms`, target: 'p95 ≤ 50 ms', ok: figures.openP95 <= 50 },
      { name: 'log an interaction (record + outbox transaction)', value: `p50 ${figures.logP50.toFixed(1)} / p95 ${figures.logP95.toFixed(1)} ms`, target: 'p95 ≤ 30 ms', ok: figures.logP95 <= 30 },
    ];
  } finally {
    await browser.close();
  }
}
