// `npm run setup` after `npm ci`: make sure a Chromium is there for the demo and the browser tests.
// Idempotent: when one is found it says where and returns at once.
import { execFileSync } from 'node:child_process';
import { findChrome } from './chrome-path.mjs';

function say(line) {
  console.log(`setup: ${line}`);
}

function canInstallPackages() {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('which', ['apt-get'], { stdio: 'ignore' });
  } catch {
    return false;
  }
  if (process.getuid?.() === 0) return true;
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let chrome = findChrome();
if (!chrome && process.env.CHROME_PATH) {
  console.error(`setup: CHROME_PATH is ${process.env.CHROME_PATH}, but nothing is there.`);
  process.exit(1);
}
if (!chrome && canInstallPackages()) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  say('no Chromium found: installing it from the system packages (apt-get install -y chromium)');
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  chrome = findChrome();
}
if (!chrome) {
  console.error(
    'setup: no Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install -y chromium),\n' +
      'or point CHROME_PATH at a Chrome or Chromium binary, then run `npm run setup` again.',
  );
  process.exit(1);
}
say(`Chromium: ${chrome}`);
say('ready: `npm start` runs the demo, `npm test` runs every test');
