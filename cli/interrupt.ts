/**
 * Ctrl-C handling. Training is synchronous JavaScript, so a SIGINT handler only runs when the
 * experiment yields to the event loop (`breathe()`, called between epochs). The first Ctrl-C asks
 * the run to stop: the current epoch finishes or is abandoned, the rows finished so far are
 * written, and the program exits with status 130 (the shell's convention for "ended by SIGINT").
 * A second Ctrl-C exits at once, for when the user does not want to wait.
 */

/** Exit status after Ctrl-C: 128 + SIGINT (2). */
export const INTERRUPTED_STATUS = 130;

let requested = false;
let installed = false;

/** Starts listening for Ctrl-C (once per process). */
export function installInterruptHandler(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', () => {
    if (requested) process.exit(INTERRUPTED_STATUS);
    requested = true;
    process.stderr.write('\nStopping after the current step (Ctrl-C again to quit at once)…\n');
  });
}

/** True once the user pressed Ctrl-C: the experiment should stop and report what it has. */
export function interrupted(): boolean {
  return requested;
}

/** Yields to the event loop so a pending SIGINT gets delivered (call it between epochs). */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
