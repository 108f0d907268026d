import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { toJSON } from '../src/lib/engine';
import type { TwinRun, TwinVariant } from '../src/lib/lab/twin/index';
import { UsageError } from './args';
import { reason } from './output';

/**
 * `--weights-out FILE.json`: both twins' trained weights, in the engine's versioned JSON format —
 * the files the page's "Download the weights" buttons give, and that "Show the code" loads.
 * One file per twin: FILE.plain.json and FILE.dropout.json.
 */

/** The two files written for `--weights-out file`. */
export function weightsPaths(file: string): Record<TwinVariant, string> {
  const base = file.toLowerCase().endsWith('.json') ? file.slice(0, -5) : file;
  return { plain: `${base}.plain.json`, dropout: `${base}.dropout.json` };
}

/** Checks before training that the files can be written where asked (a typo costs no training run). */
export function checkWeightsOut(file: string): void {
  const dir = dirname(file);
  let ok: boolean;
  try {
    ok = existsSync(dir) && statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`--weights-out: the folder "${dir}" does not exist`);
}

/** Writes both twins' weights; returns the paths written. */
export function writeWeights(file: string, twins: Record<TwinVariant, TwinRun>): string[] {
  const paths = weightsPaths(file);
  const written: string[] = [];
  for (const v of ['plain', 'dropout'] as const) {
    try {
      writeFileSync(paths[v], JSON.stringify(toJSON(twins[v].model)) + '\n');
    } catch (e) {
      throw new Error(`--weights-out: cannot write "${paths[v]}": ${reason(e)}`, { cause: e });
    }
    written.push(paths[v]);
  }
  return written;
}
