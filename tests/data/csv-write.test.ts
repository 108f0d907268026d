import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvWriter } from '../../cli/output';
import { csvSplit, parseCsv } from '../../src/lib/data/csv';
import { csvCell, csvLine } from '../../src/lib/data/csv-write';
import { splitToCsv } from '../../src/lib/lab/user-data/export';

/**
 * CSV files the learner downloads (from the page or `--out`) must not run formulas when opened in a
 * spreadsheet: a text cell starting with =, +, -, @, a tab or a carriage return gets an apostrophe
 * in front; numbers, negative ones included, stay numbers; quoting still follows RFC 4180.
 */

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['@SUM(1)', "'@SUM(1)"],
    ['+A1', "'+A1"],
    ['-A1+1', "'-A1+1"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['=1,2', `"'=1,2"`]
  ])('defuses the formula %j', (text, written) => {
    expect(csvCell(text)).toBe(written);
  });

  it('leaves numbers as numbers, whether given as numbers or as text', () => {
    expect(csvLine([-0.25, 3, 0, -1e-7])).toBe('-0.25,3,0,-1e-7');
    expect(csvLine(['-0.25', '+3', '-1e-5', '-.5', '12'])).toBe('-0.25,+3,-1e-5,-.5,12');
  });

  it('writes plain words, empty cells and quoting as before', () => {
    expect(csvLine(['spatial', null, Number.NaN, Infinity, 'a,b', 'say "hi"', 'x-1'])).toBe(
      'spatial,,,,"a,b","say ""hi""",x-1'
    );
  });
});

describe('hostile names in the files we write', () => {
  it('the data as trained: a feature header and a class name that look like formulas', () => {
    // The learner's file, quoted as a spreadsheet saves it.
    const text = ['"=HYPERLINK(""http://evil.example"",""x"")",size,label'];
    for (let i = 0; i < 20; i++) text.push(`${i},${-i * 2},${i % 2 ? '@SUM(1)' : 'plain'}`);
    const parsed = parseCsv(text.join('\n'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const split = csvSplit(parsed.data, { valFraction: 0.25, seed: 1 });
    const lines = splitToCsv(split, split.featureNames, split.classNames).trim().split('\n');
    expect(lines[0]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",size,class,class_name,split`);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.some((r) => r[3] === "'@SUM(1)")).toBe(true);
    expect(rows.every((r) => r[3] === "'@SUM(1)" || r[3] === 'plain')).toBe(true);
    // Standardised features are negative for half the rows: they stay numbers.
    const features = rows.flatMap((r) => [r[0], r[1]]);
    expect(features.some((v) => v.startsWith('-'))).toBe(true);
    expect(features.every((v) => Number.isFinite(Number(v)))).toBe(true);
  });

  it('the CLI --out file writes text cells the same way as the page', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dropout-lab-csv-')), 'out.csv');
    const w = new CsvWriter(path, ['name', 'value']);
    w.row(['@SUM(1)', -0.5]);
    w.row(['=1+1', '-2']);
    w.close();
    expect(readFileSync(path, 'utf8')).toBe(`name,value\n${csvLine(['@SUM(1)', -0.5])}\n'=1+1,-2\n`);
    expect(csvLine(['@SUM(1)', -0.5])).toBe("'@SUM(1),-0.5");
  });
});
