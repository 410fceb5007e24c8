#!/usr/bin/env node
// Runs the browser tests with a Chromium it finds or installs, so `npm test` works on a fresh
// machine: CHROME_PATH if set; else Debian's /usr/bin/chromium; else, as root on Debian,
// `apt-get install chromium`; else Playwright's own download. Then builds the app and runs
// Playwright against `vite preview`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((path) => fs.existsSync(path));
}

function installDebianChromium() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/etc/debian_version')) return false;
  console.log('[e2e] No Chromium found: installing Debian\u2019s chromium with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  return install.status === 0;
}

let chromium = findChromium();
if (!chromium && installDebianChromium()) chromium = findChromium();
if (chromium) {
  process.env.CHROME_PATH = chromium;
  console.log(`[e2e] Using Chromium at ${chromium}`);
} else {
  console.log('[e2e] No system Chromium: falling back to Playwright\u2019s own download.');
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
