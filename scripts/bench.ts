/**
 * `npm run bench`: every benchmark, one table, each figure beside its target. Targets are
 * reported, not asserted: a busy machine makes a slow run, not a broken build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './bench-types';

interface Suite {
  name: string;
  file: string;
  exportName: string;
}

const SUITES: Suite[] = [
  { name: 'inference', file: 'bench-inference.ts', exportName: 'benchInference' },
  { name: 'feed (Chromium)', file: 'bench-feed.ts', exportName: 'benchFeed' },
  { name: 'local history (IndexedDB)', file: 'bench-history.ts', exportName: 'benchHistory' },
  { name: 'team backend', file: 'bench-server.ts', exportName: 'benchServer' },
  { name: 'sync', file: 'bench-sync.ts', exportName: 'benchSync' },
];

function printTable(rows: Array<BenchRow & { suite: string }>) {
  const headers = ['suite', 'measure', 'value', 'target', 'ok'];
  const cells = rows.map((r) => [r.suite, r.name, r.value, r.target, r.ok ? 'yes' : 'NO']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
}

const only = process.argv.slice(2);
const rows: Array<BenchRow & { suite: string }> = [];
for (const suite of SUITES) {
  if (only.length > 0 && !only.some((o) => suite.file.includes(o))) continue;
  const file = path.join(import.meta.dirname, suite.file);
  if (!existsSync(file)) {
    console.error(`bench: ${suite.name}: no ${suite.file} yet, skipped`);
    continue;
  }
  console.error(`bench: running ${suite.name}…`);
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, () => Promise<BenchRow[]>>;
    for (const row of await mod[suite.exportName]!()) rows.push({ ...row, suite: suite.name });
  } catch (error) {
    rows.push({ suite: suite.name, name: 'run', value: `failed: ${(error as Error).message.split('\n')[0]}`, target: 'runs', ok: false });
  }
}
printTable(rows);
