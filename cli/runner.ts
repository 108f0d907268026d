import { kernels } from '../src/lib/engine';
import type { MnistSet } from '../src/lib/data';
import type { ExperimentHost } from '../src/lib/lab/workers/experiment-host';
import type { ParsedArgs } from './args';
import { breathe, installInterruptHandler, interrupted } from './interrupt';
import { CsvWriter, Progress } from './output';

/**
 * What every experiment command (augment, spatial, the rate sweep, sweep) does around its own
 * training: `--out FILE` opens a CSV written row by row, progress goes to stderr (nothing with
 * `--json`), Ctrl-C is listened for, and whatever happens the CSV is closed and the progress line
 * ended before the summary is printed. The session-driven commands (augment, spatial) also share
 * the host they give the lab's session and the exit status of a failed or stopped run.
 */

/** The outputs a command writes to while it trains. */
export interface RunOutputs {
  /** `--json`: results go to stdout as JSON, and no progress is printed. */
  json: boolean;
  /** The `--out` CSV, or null without `--out`. */
  csv: CsvWriter | null;
  /** Progress on stderr, in steps of the whole run. */
  progress: Progress;
}

/**
 * Opens the outputs (`columns`: the CSV's header; `steps`: the progress total), listens for
 * Ctrl-C, runs `body`, and closes the outputs even if `body` throws. Bad input must be rejected
 * before this is called, so that no Ctrl-C handler exists for a command that never ran.
 */
export async function withRunOutputs<T>(
  args: ParsedArgs,
  columns: readonly string[],
  steps: number,
  body: (outputs: RunOutputs) => Promise<T>
): Promise<T> {
  const json = args.values.json as boolean;
  const out = args.values.out as string | undefined;
  const csv = out ? new CsvWriter(out, columns) : null;
  const progress = new Progress(steps, json);
  installInterruptHandler();
  try {
    return await body({ json, csv, progress });
  } finally {
    csv?.close();
    progress.finish();
  }
}

/** The part of a lab session (AugmentSession, SpatialSession) the runner drives. */
export interface DrivenSession<Request> {
  handle(message: Request): void;
  idle(): Promise<void>;
}

/** One session-driven command: what is its own, the rest is the runner's. */
export interface SessionCommand<Request extends { type: string }, Reply extends { type: string }> {
  /** CSV columns of `--out`. */
  columns: readonly string[];
  /** Progress steps of the whole run (e.g. epochs of every network). */
  steps: number;
  /** The digits, for the host's loadMnist (lazy or already loaded: the command decides). */
  loadMnist: () => Promise<MnistSet>;
  /** Builds the lab's session on the runner's host. */
  open: (host: ExperimentHost<Reply>) => DrivenSession<Request>;
  /** The message that starts the page's run. */
  start: Request;
  /** Progress and CSV rows for one reply ('done' and 'error' are also seen by the runner). */
  onReply: (message: Reply, outputs: RunOutputs) => void;
}

/** How a session-driven run ended: its 'done' reply, or the exit status to return at once. */
export type SessionOutcome<Reply> = { done: Extract<Reply, { type: 'done' }> } | { status: number };

/**
 * Runs a lab session to its end, as the page's worker would: replies go to `onReply`; a Ctrl-C
 * becomes the page's "stop" right after the reply in hand is recorded, so every finished row is
 * on disk. A failure is printed on stderr (status 1); a stopped run is status 1, which main turns
 * into 130 after a Ctrl-C.
 */
export async function runSessionCommand<Request extends { type: string }, Reply extends { type: string }>(
  args: ParsedArgs,
  command: SessionCommand<Request, Reply>
): Promise<SessionOutcome<Reply>> {
  let done: Extract<Reply, { type: 'done' }> | null = null;
  let failure: string | null = null;
  await withRunOutputs(args, command.columns, command.steps, async (outputs) => {
    let session: DrivenSession<Request> | null = null;
    session = command.open({
      post: (m) => {
        command.onReply(m, outputs);
        if (m.type === 'done') done = m as Extract<Reply, { type: 'done' }>;
        else if (m.type === 'error') failure = (m as Reply & { message: string }).message;
        if (interrupted()) session?.handle({ type: 'stop' } as Request);
      },
      loadMnist: command.loadMnist,
      prepareKernels: async () => kernels().name,
      breathe,
      now: () => performance.now()
    });
    session.handle(command.start);
    await session.idle();
  });
  // Set inside the replies' callback, which the compiler's narrowing does not follow.
  const failed = failure as string | null;
  const finished = done as Extract<Reply, { type: 'done' }> | null;
  if (failed !== null) {
    process.stderr.write(`${failed}\n`);
    return { status: 1 };
  }
  if (finished === null) return { status: 1 }; // stopped by Ctrl-C (main turns this into 130)
  return { done: finished };
}
