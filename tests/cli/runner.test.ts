import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParsedArgs } from '../../cli/args';
import { runSessionCommand, withRunOutputs, type DrivenSession } from '../../cli/runner';
import type { ExperimentHost } from '../../src/lib/lab/workers/experiment-host';

/**
 * The runner every experiment command shares: it opens `--out`, keeps progress quiet with
 * `--json`, always closes the CSV, and turns a session's replies into the command's outcome
 * (its 'done', or exit status 1 after an error or a stop, with the error on stderr).
 */

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-runner-'));
const argsWith = (values: ParsedArgs['values']): ParsedArgs => ({ values, given: new Set(), help: false });

type Request = { type: 'start'; run: number } | { type: 'stop' };
type Reply =
  | { type: 'epoch'; run: number; n: number }
  | { type: 'done'; run: number; total: number }
  | { type: 'error'; run: number; message: string }
  | { type: 'stopped'; run: number };

/** A session that replies with `script` (one reply per breathe) unless it is stopped first. */
function scripted(script: Reply[]) {
  const seen: Request[] = [];
  const open = (host: ExperimentHost<Reply>): DrivenSession<Request> => {
    let stopped = false;
    let training = Promise.resolve();
    return {
      handle(m) {
        seen.push(m);
        if (m.type === 'stop') stopped = true;
        else
          training = (async () => {
            for (const reply of script) {
              await host.breathe();
              if (stopped) return host.post({ type: 'stopped', run: m.run });
              host.post(reply);
            }
          })();
      },
      idle: () => training
    };
  };
  return { open, seen };
}

afterEach(() => vi.restoreAllMocks());

describe('withRunOutputs', () => {
  it('writes the CSV header at once and closes the file even when the body throws', async () => {
    const out = join(dir, 'thrown.csv');
    const failing = withRunOutputs(argsWith({ json: true, out }), ['a', 'b'], 2, async ({ csv, json }) => {
      expect(json).toBe(true);
      csv?.row([1, 'x']);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(readFileSync(out, 'utf8')).toBe('a,b\n1,x\n');
  });

  it('without --out there is no CSV, and --json keeps the progress silent', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await withRunOutputs(argsWith({ json: true }), ['a'], 3, async ({ csv, progress }) => {
      expect(csv).toBeNull();
      progress.update(1, 'step one');
    });
    expect(write).not.toHaveBeenCalled();
  });
});

describe('runSessionCommand', () => {
  const command = (script: Reply[], rows: number[][]) => {
    const s = scripted(script);
    return {
      seen: s.seen,
      spec: {
        columns: ['n'],
        steps: script.length,
        loadMnist: () => Promise.reject(new Error('not used')),
        open: s.open,
        start: { type: 'start', run: 1 } as Request,
        onReply: (m: Reply, o: { csv: { row(r: number[]): void } | null }) => {
          if (m.type === 'epoch') {
            rows.push([m.n]);
            o.csv?.row([m.n]);
          }
        }
      }
    };
  };

  it("returns the session's 'done' reply, with every row in the CSV", async () => {
    const out = join(dir, 'done.csv');
    const rows: number[][] = [];
    const { spec, seen } = command(
      [
        { type: 'epoch', run: 1, n: 1 },
        { type: 'epoch', run: 1, n: 2 },
        { type: 'done', run: 1, total: 2 }
      ],
      rows
    );
    const outcome = await runSessionCommand<Request, Reply>(argsWith({ json: true, out }), spec);
    expect(outcome).toEqual({ done: { type: 'done', run: 1, total: 2 } });
    expect(seen).toEqual([{ type: 'start', run: 1 }]);
    expect(rows).toEqual([[1], [2]]);
    expect(readFileSync(out, 'utf8')).toBe('n\n1\n2\n');
  });

  it('an error reply is printed on stderr as it is, and the status is 1', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { spec } = command([{ type: 'error', run: 1, message: 'The digits could not be read.' }], []);
    const outcome = await runSessionCommand<Request, Reply>(argsWith({ json: true }), spec);
    expect(outcome).toEqual({ status: 1 });
    expect(write).toHaveBeenCalledWith('The digits could not be read.\n');
  });

  it('a run that ends without done (stopped) is status 1 and prints nothing', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { spec } = command([{ type: 'stopped', run: 1 }], []);
    expect(await runSessionCommand<Request, Reply>(argsWith({ json: true }), spec)).toEqual({ status: 1 });
    expect(write).not.toHaveBeenCalled();
  });
});
