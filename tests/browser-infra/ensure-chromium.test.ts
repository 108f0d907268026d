// The Chromium lookup used by `npm run test:browser` and the browser harness: which path wins, and what
// happens when there is none. The real install branch (apt-get) is deliberately not exercised here.
import { describe, expect, it } from 'vitest';
import {
  SYSTEM_CHROMIUM_PATHS,
  chromiumCandidates,
  findChromium,
  isExecutableFile,
  missingChromiumMessage,
  planWhenMissing
} from '../../scripts/ensure-chromium.mjs';

/** A fake file system in which exactly `present` are executable files. */
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe('chromiumCandidates', () => {
  it('tries CHROMIUM_PATH first, then /usr/bin/chromium, then /usr/bin/chromium-browser', () => {
    expect(chromiumCandidates({ CHROMIUM_PATH: '/opt/c/chrome' })).toEqual([
      '/opt/c/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser'
    ]);
  });

  it('ignores an unset or blank CHROMIUM_PATH', () => {
    expect(chromiumCandidates({})).toEqual(SYSTEM_CHROMIUM_PATHS);
    expect(chromiumCandidates({ CHROMIUM_PATH: '   ' })).toEqual(SYSTEM_CHROMIUM_PATHS);
  });
});

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH when it exists', () => {
    const env = { CHROMIUM_PATH: '/opt/c/chrome' };
    expect(findChromium({ env, isExecutable: only('/opt/c/chrome', '/usr/bin/chromium') })).toBe('/opt/c/chrome');
  });

  it('falls back to the system paths in order when CHROMIUM_PATH is missing on disk', () => {
    const env = { CHROMIUM_PATH: '/nope/chrome' };
    expect(findChromium({ env, isExecutable: only('/usr/bin/chromium', '/usr/bin/chromium-browser') })).toBe(
      '/usr/bin/chromium'
    );
    expect(findChromium({ env, isExecutable: only('/usr/bin/chromium-browser') })).toBe('/usr/bin/chromium-browser');
  });

  it('returns null when nothing is installed', () => {
    expect(findChromium({ env: {}, isExecutable: only() })).toBeNull();
  });

  it('checks each candidate it returns', () => {
    const asked: string[] = [];
    findChromium({ env: { CHROMIUM_PATH: '/a' }, isExecutable: (p) => (asked.push(p), false) });
    expect(asked).toEqual(['/a', ...SYSTEM_CHROMIUM_PATHS]);
  });
});

describe('isExecutableFile', () => {
  it('accepts an executable file and rejects directories and missing paths', () => {
    expect(isExecutableFile(process.execPath)).toBe(true);
    expect(isExecutableFile('/')).toBe(false);
    expect(isExecutableFile('/definitely/not/here/chromium')).toBe(false);
  });
});

describe('planWhenMissing', () => {
  it('installs with apt only as root with apt-get available', () => {
    expect(planWhenMissing({ isRoot: true, hasAptGet: true })).toBe('apt-install');
    expect(planWhenMissing({ isRoot: false, hasAptGet: true })).toBe('tell-user');
    expect(planWhenMissing({ isRoot: true, hasAptGet: false })).toBe('tell-user');
    expect(planWhenMissing({ isRoot: false, hasAptGet: false })).toBe('tell-user');
  });
});

describe('missingChromiumMessage', () => {
  it('says exactly what to install or set, and what was tried', () => {
    const message = missingChromiumMessage({ CHROMIUM_PATH: '/opt/x' });
    expect(message).toContain('sudo apt-get install -y chromium');
    expect(message).toContain('CHROMIUM_PATH=/path/to/chromium');
    expect(message).toContain('/opt/x');
    expect(message).toContain('/usr/bin/chromium-browser');
  });
});
