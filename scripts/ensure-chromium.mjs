// Makes sure a Chromium binary exists before the browser tests run (`npm run test:browser` calls this first).
//
// The browser tests drive a system Chromium through playwright-core rather than Playwright's own browser
// download, because the machines this project runs on reach only the npm registry and Debian's packages.
// The lookup is a small exported function so that the unit tests (tests/browser-infra) and the browser
// harness (tests/browser/harness.ts) agree on exactly which binary is used.

import { accessSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Where Debian and Ubuntu put Chromium, tried in this order after `CHROMIUM_PATH`. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The paths to try, in order: `CHROMIUM_PATH` from `env` first (an explicit choice wins), then the system paths.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function chromiumCandidates(env) {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  return fromEnv ? [fromEnv, ...SYSTEM_CHROMIUM_PATHS] : [...SYSTEM_CHROMIUM_PATHS];
}

/**
 * True when `path` is a regular file this process may execute (the default check used by `findChromium`).
 * @param {string} path
 * @returns {boolean}
 */
export function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The first usable Chromium among `chromiumCandidates(env)`, or null when there is none.
 * `isExecutable` is injectable so tests can describe a machine without touching the real file system.
 * @param {{ env?: Record<string, string | undefined>, isExecutable?: (path: string) => boolean }} [options]
 * @returns {string | null}
 */
export function findChromium({ env = process.env, isExecutable = isExecutableFile } = {}) {
  for (const candidate of chromiumCandidates(env)) {
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * What to do when no Chromium was found: install it with apt only when we are root and apt-get exists
 * (installing needs both; sudo prompting in a test script would hang CI), otherwise tell the user.
 * @param {{ isRoot: boolean, hasAptGet: boolean }} machine
 * @returns {'apt-install' | 'tell-user'}
 */
export function planWhenMissing({ isRoot, hasAptGet }) {
  return isRoot && hasAptGet ? 'apt-install' : 'tell-user';
}

/**
 * The message printed when Chromium is missing and we cannot install it: exactly what to run or set.
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
export function missingChromiumMessage(env) {
  const tried = chromiumCandidates(env).join(', ');
  return [
    `Chromium not found (tried ${tried}).`,
    'The browser tests need a system Chromium. Either install it:',
    '  sudo apt-get install -y chromium',
    'or point the tests at an existing binary:',
    '  CHROMIUM_PATH=/path/to/chromium npm run test:browser'
  ].join('\n');
}

/** True when `apt-get` can be run (exits 0 for `--version`). */
function hasAptGet() {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs `apt-get update && apt-get install -y chromium` with the output shown; true when both succeeded. */
function aptInstallChromium() {
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    console.log(`ensure-chromium: running apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    });
    if (result.status !== 0) return false;
  }
  return true;
}

/** The script: find Chromium, install it if we may, or exit 1 with instructions. */
function main() {
  let found = findChromium();
  if (!found) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (planWhenMissing({ isRoot, hasAptGet: isRoot && hasAptGet() }) === 'apt-install') {
      aptInstallChromium();
      found = findChromium();
    }
  }
  if (!found) {
    console.error(missingChromiumMessage(process.env));
    process.exit(1);
  }
  const wanted = process.env.CHROMIUM_PATH?.trim();
  if (wanted && wanted !== found) console.warn(`ensure-chromium: CHROMIUM_PATH=${wanted} is not an executable file`);
  console.log(`ensure-chromium: using ${found}`);
}

// Run only when executed directly (`node scripts/ensure-chromium.mjs`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
