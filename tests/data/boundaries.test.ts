import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as data from '../../src/lib/data/index';

const DIR = join(import.meta.dirname, '../../src/lib/data');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
const importsOf = (file: string) =>
  [...readFileSync(join(DIR, file), 'utf8').matchAll(/^\s*(?:import|export)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);

describe('data layer boundaries', () => {
  it.each(files)(
    '%s imports only the engine (through its index), its own files and (if *-node.ts) Node built-ins',
    (file) => {
      for (const spec of importsOf(file)) {
        const allowed =
          /^\.\/[a-z0-9-]+$/.test(spec) ||
          spec === '../engine' ||
          (file.endsWith('-node.ts') && spec.startsWith('node:'));
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
    }
  );

  it('finds the imports it checks (the pattern is not silently matching nothing)', () => {
    expect(importsOf('two-d.ts')).toEqual(['../engine', './split', './two-d-shapes']);
  });

  it('the browser-safe index exports the public API and not the Node loader', () => {
    for (const name of ['makeTwoD', 'grid', 'parseMnist', 'mnistSplit', 'loadMnistFetch', 'parseCsv', 'csvSplit']) {
      expect(typeof (data as Record<string, unknown>)[name]).toBe('function');
    }
    expect(data.PLANE_EXTENT).toBeGreaterThan(1);
    expect('loadMnistNode' in data).toBe(false);
    expect(importsOf('index.ts')).not.toContain('./mnist-node');
  });
});
