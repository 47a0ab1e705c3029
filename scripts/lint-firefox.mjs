// web-ext lint (Mozilla's addons-linter) on the Firefox build: errors fail, warnings are shown.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const dir = ['.output/firefox-mv2', '.output/firefox-mv3'].find((d) => existsSync(d));
if (!dir) {
  console.error('lint-firefox: no Firefox build in .output/: run `npm run build` first');
  process.exit(1);
}
const result = spawnSync('npx', ['addons-linter', '--output', 'json', dir], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(result.stdout, result.stderr);
  process.exit(1);
}
for (const kind of ['errors', 'warnings']) {
  for (const item of report[kind] ?? []) console.log(`${kind.slice(0, -1)}: ${item.code} ${item.message} (${item.file ?? ''})`);
}
console.log(`addons-linter ${dir}: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
process.exit(report.summary.errors > 0 ? 1 : 0);
