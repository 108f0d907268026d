import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs the CLI the way a user does: a child Node process on cli/bin.mjs (the package's "bin"),
 * so argument handling, exit status, stdout/stderr separation and signals are all real.
 */

/** The executable behind `npx dropout-lab`. */
export const BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));

/** What a finished run printed and returned. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dropout-lab ...args` to completion. NO_COLOR-free, non-TTY: progress is plain lines. */
export function runCli(args: string[], cwd?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `dropout-lab ...args` without waiting (for the Ctrl-C test). */
export function startCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

/**
 * Runs the CLI's `run()` inside this process, capturing what it writes and the exit status it
 * sets. Only for runs that stop early (bad input, help): training runs belong in a child process.
 */
export async function runInProcess(args: string[]): Promise<CliResult> {
  const { run } = await import('../../cli/main');
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const previous = process.exitCode;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    await run(args);
    return { status: process.exitCode === undefined ? 0 : Number(process.exitCode), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = previous;
  }
}
