// `npm test`: every test, in the order a failure is cheapest to find. Stops at the first red step.
import { spawnSync } from 'node:child_process';

const withPostgres = Boolean(process.env.DATABASE_URL);
const embedded = { ...process.env, DATABASE_URL: '' };

/** @type {Array<[string, string[], NodeJS.ProcessEnv?]>} */
const steps = [
  ['type check', ['npx', 'tsc', '--noEmit', '-p', '.']],
  ['lint', ['npx', 'eslint', '.']],
  ['unit, component and backend tests (embedded PGlite)', ['npx', 'vitest', 'run'], embedded],
  ...(withPostgres
    ? [/** @type {[string, string[]]} */ (['backend tests on PostgreSQL (DATABASE_URL)', ['npx', 'vitest', 'run', 'tests/server']])]
    : []),
  ['build (Chrome MV3 and Firefox)', ['npm', 'run', '--silent', 'build']],
  ['web-ext lint of the Firefox build', ['node', 'scripts/lint-firefox.mjs']],
  ['end-to-end tests in Chromium', ['npx', 'vitest', 'run', '-c', 'vitest.e2e.config.ts']],
];

const started = Date.now();
for (const [name, [cmd, ...args], env] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: env ?? process.env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
if (!withPostgres) console.log('\n(backend tests ran on embedded PGlite only: set DATABASE_URL to run them on PostgreSQL too)');
console.log(`\nall tests passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
