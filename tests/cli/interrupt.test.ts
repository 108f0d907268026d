import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from './run-cli';

/**
 * Ctrl-C: a long twin run gets SIGINT once a few epochs are on disk. It must stop cleanly — exit
 * status 130, a sentence on stderr, no stack trace — with every finished row in the CSV and the
 * results so far still reported.
 */

/** Lines of a file so far ('' if not created yet). */
const linesOf = (path: string): string[] =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];

describe('dropout-lab: Ctrl-C', () => {
  it('stops a long run cleanly and keeps the rows finished so far', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dropout-lab-int-')), 'long.csv');
    const run = startCli([
      'twin',
      '--data',
      'moons',
      '--train',
      '1000',
      '--val',
      '500',
      '--layers',
      '32,32',
      '--batch',
      '50',
      '--epochs',
      '2000',
      '--json',
      '--out',
      out
    ]);
    // Wait until a few epochs (one row each, after the header) are written, then press Ctrl-C.
    const deadline = Date.now() + 45_000;
    while (linesOf(out).length < 3 && Date.now() < deadline && run.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    expect(linesOf(out).length, run.stderr()).toBeGreaterThanOrEqual(3);
    run.child.kill('SIGINT');
    const r = await run.done;

    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/Stopped by Ctrl-C; the rows finished so far were written\./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const j = JSON.parse(r.stdout);
    expect(j.stopped).toEqual({ plain: 'cancelled', dropout: 'cancelled' });
    const epochs = j.history.plain.length;
    expect(epochs).toBeGreaterThanOrEqual(2);
    expect(epochs).toBeLessThan(2000);
    // The CSV holds exactly the finished epochs, one row each with both twins, every row complete.
    const [header, ...rows] = linesOf(out);
    expect(header).toBe(
      'epoch,train_loss_plain,val_loss_plain,train_loss_dropout,val_loss_dropout,val_accuracy_plain,val_accuracy_dropout'
    );
    expect(rows.length).toBe(epochs);
    expect(j.history.dropout).toHaveLength(epochs);
    rows.forEach((row, i) => {
      const cells = row.split(',').map(Number);
      expect(cells).toHaveLength(7);
      expect(cells.every(Number.isFinite)).toBe(true);
      expect(cells[0]).toBe(i + 1);
    });
  });
});
