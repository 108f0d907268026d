// The sweep's CSV: the page's download and the CLI's --out share these columns; rows come in plan
// order whatever order the two workers finished in, and a value that is not a finite number is empty.
import { describe, expect, it } from 'vitest';
import { RATES_CSV_COLUMNS, ratesCsv, type RatesRun } from '../../../src/lib/lab/rates';

const run = (index: number, loss: number): RatesRun => ({
  index,
  width: 16 * (index + 1),
  p: 0.5,
  seed: 1,
  epochs: 30,
  bestValLoss: loss,
  bestEpoch: 12,
  bestValError: 0.125,
  finalValLoss: 0.6,
  stopped: 'patience'
});

describe('ratesCsv', () => {
  it('writes a header and one row per run in plan order', () => {
    const lines = ratesCsv(300, [run(1, 0.4), run(0, 0.3)])
      .trim()
      .split('\n');
    expect(lines[0]).toBe(RATES_CSV_COLUMNS.join(','));
    expect(lines.slice(1)).toEqual([
      '300,16,0.5,1,30,0.3,12,0.125,0.6,patience',
      '300,32,0.5,1,30,0.4,12,0.125,0.6,patience'
    ]);
  });
  it('never writes NaN', () => {
    expect(ratesCsv(300, [run(0, NaN)])).not.toMatch(/NaN/);
  });
});
