// Dependencies: the lesson ships no third-party runtime code, and every package the build and
// tests use is pinned in the lockfile by exact version and sha512 integrity hash.
// (`npm audit --omit=dev` has nothing to audit when there are no runtime dependencies; run it anyway.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Record<
  string,
  Record<string, string> | undefined
>;
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<
    string,
    { version?: string; resolved?: string; integrity?: string; link?: boolean; dependencies?: Record<string, string> }
  >;
};

describe('dependencies', () => {
  it('the package has no runtime dependencies (everything is a devDependency bundled at build time)', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(lock.packages[''].dependencies ?? {}).toEqual({});
  });

  it('every locked package has an exact version and an integrity hash, and none comes from git or a tarball URL', () => {
    const entries = Object.entries(lock.packages).filter(([path, p]) => path !== '' && !p.link);
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(entries.length).toBeGreaterThan(50);
    const unpinned = entries.filter(
      ([, p]) => !/^\d+\.\d+\.\d+/.test(p.version ?? '') || !/^sha512-/.test(p.integrity ?? '')
    );
    expect(unpinned.map(([path]) => path)).toEqual([]);
    // The lockfile records no `resolved` URLs (npm then uses the configured registry); any it does record
    // must point at the npm registry, not at a git repository or an arbitrary tarball.
    const elsewhere = entries.filter(
      ([, p]) => p.resolved !== undefined && !p.resolved.startsWith('https://registry.npmjs.org/')
    );
    expect(elsewhere.map(([path, p]) => `${path} ${p.resolved}`)).toEqual([]);
  });

  it('every devDependency in package.json is in the lockfile', () => {
    for (const name of Object.keys(pkg.devDependencies ?? {}))
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBeDefined();
  });
});
