import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runInProcess } from './run-cli';

/**
 * Every kind of bad input gets ONE line on stderr — what was wrong and what is allowed — exit
 * status 2, nothing on stdout and no stack trace. The cases run the CLI's own `run()` in this
 * process (a child process per case would cost seconds each); a few run as real child processes
 * to prove the process exit status and stderr are what the in-process run reports.
 */

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-errors-'));
const badCsv = join(dir, 'bad.csv');
writeFileSync(badCsv, 'x1,x2,label\n1,2,a\n3,oops,b\n5,6,a\n');
const oneClass = join(dir, 'one.csv');
writeFileSync(oneClass, 'x1,label\n1,a\n2,a\n');

const cases: [string, string[], RegExp][] = [
  [
    'unknown command',
    ['train'],
    /unknown command "train"; commands are: twin, sweep, ensemble, (.*, )?augment, (.*, )?bench/
  ],
  [
    'unknown option, with a suggestion',
    ['twin', '--epoch', '3'],
    /unknown option --epoch for dropout-lab twin; did you mean --epochs\?/
  ],
  ['unknown option, listing options', ['sweep', '--zzz'], /unknown option --zzz .*options are: .*--p-grid/],
  ['missing value', ['twin', '--epochs'], /--epochs needs a value: a whole number from 1 to 2000/],
  ['value missing before the next option', ['twin', '--lr', '--json'], /--lr needs a value/],
  ['not a number', ['twin', '--epochs', 'ten'], /--epochs must be a whole number from 1 to 2000, got "ten"/],
  [
    'out of range',
    ['twin', '--lr', '50'],
    /--lr must be a number from 0.00001 to 10, got "50"|--lr must be a number from 1e-5 to 10, got "50"/
  ],
  ['not a whole number', ['twin', '--batch', '2.5'], /--batch must be a whole number/],
  ['bad choice', ['twin', '--optimizer', 'rmsprop'], /--optimizer must be one of adam, sgd, got "rmsprop"/],
  ['bad list element', ['twin', '--p', '0.2,x'], /each value of --p must be a number from 0 to 0.9, got "x"/],
  ['empty list element', ['sweep', '--p-grid', '0,,0.5'], /--p-grid must be a comma-separated list/],
  [
    '--p of the wrong length',
    ['twin', '--layers', '8,8', '--p', '0.2,0.5,0.5,0.5'],
    /--p takes the input rate then the hidden rates: 2 values .* or 3/
  ],
  ['unequal layer widths', ['twin', '--layers', '64,32'], /--layers: the twin run uses hidden layers of equal width/],
  ['option given twice', ['twin', '--seed', '1', '--seed', '2'], /--seed is given twice/],
  ['positional argument', ['twin', 'moons'], /unexpected argument "moons"/],
  ['flag with a value', ['twin', '--json=yes'], /--json is a switch and takes no value/],
  [
    'unknown data name',
    ['twin', '--data', 'spirals'],
    /--data must be gauss, circle, xor, moons, spiral, mnist or the path of a CSV file; got "spirals"|--data must be .*mnist.* or the path of a CSV file; got "spirals"/
  ],
  [
    'missing file',
    ['twin', '--data', join(dir, 'nope.csv')],
    /--data: cannot read ".*nope\.csv": no such file or directory/
  ],
  ['a directory', ['twin', '--data', dir + '/'], /--data: cannot read ".*": it is a directory/],
  [
    'bad CSV names file, row and column',
    ['twin', '--data', badCsv],
    /bad\.csv: Row 3, column "x2": "oops" is not a number/
  ],
  [
    'unknown label column',
    ['twin', '--data', badCsv, '--label', 'y'],
    /bad\.csv: Row 1: no column is called "y"; columns are: x1, x2, label/
  ],
  ['one-class CSV', ['twin', '--data', oneClass], /one\.csv: Column "label": every row has the label "a"/],
  ['size option with a CSV', ['twin', '--data', badCsv, '--train', '100'], /--train is not used with a CSV file/],
  ['CSV option without a CSV', ['twin', '--val-fraction', '0.3'], /--val-fraction is only used with a CSV file/],
  [
    'MNIST sizes too large',
    ['twin', '--data', 'mnist', '--train', '8000', '--val', '2001'],
    /--train \+ --val must be at most 10000 for mnist, got 10001/
  ],
  ['2-D hold-out too large', ['twin', '--train', '10', '--val', '1000'], /--val can be at most 9 × --train/],
  [
    'unwritable --out',
    ['twin', '--epochs', '1', '--out', join(dir, 'no/such/dir.csv')],
    /--out: cannot write ".*dir\.csv": no such file or directory/
  ],
  ['unknown global option', ['--verbose'], /unknown option --verbose; commands are/]
];

/** The checks every bad input must pass. */
function expectUsageError(r: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^dropout-lab: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
}

describe('dropout-lab: bad input', () => {
  it.each(cases)('%s → exit 2 and one explanatory line', async (_name, args, message) => {
    expectUsageError(await runInProcess(args), message);
  });

  it.each([cases[1], cases[19], cases[26]])(
    'as a real process: %s → exit status 2, one line on stderr',
    (_name, args, message) => {
      expectUsageError(runCli(args), message);
    }
  );
});
