/**
 * What a long experiment example (augmentation, spatial dropout) shows about its run, and how the
 * replies every experiment session sends change it (lab/workers/experiment-session.ts, plus 'done'):
 * its status line, its failure, whether it runs or is done, and how long the finished run took.
 * Each example keeps only its own replies (epochs, results) and texts.
 */

/** The replies this state handles; an example's own replies are left to it. */
type SharedReply =
  | { type: 'status'; text: string }
  | { type: 'done'; seconds: number; kernels: string }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

export class RunState {
  /** What the worker is doing, in words ('' when it says nothing). */
  status = $state('');
  /** The failure's sentence for the learner, or null. */
  failure = $state<string | null>(null);
  /** True from a start until its done, stopped or error reply. */
  running = $state(false);
  /** True once a run finished (until the next start). */
  done = $state(false);
  /** The finished run's wall time and kernels ("js" or "wasm-simd"), or null. */
  finished = $state<{ seconds: number; kernels: string } | null>(null);

  constructor(
    /** The status line after a stop. */
    private readonly stoppedText: string,
    /** The status line before anything happened. */
    status = ''
  ) {
    this.status = status;
  }

  /** 'done', 'running' or 'idle': the example's data-state. */
  get phase(): 'done' | 'running' | 'idle' {
    return this.done ? 'done' : this.running ? 'running' : 'idle';
  }

  /** A start: what the last run left is cleared. */
  begin(): void {
    this.failure = null;
    this.done = false;
    this.running = true;
    this.finished = null;
    this.status = 'Starting…';
  }

  /** Applies a shared reply; false for any other, which the example handles itself. */
  apply<M extends { type: string }>(message: M): boolean {
    const m = message as unknown as SharedReply;
    if (m.type === 'status') this.status = m.text;
    else if (m.type === 'done') {
      this.running = false;
      this.done = true;
      this.finished = { seconds: m.seconds, kernels: m.kernels };
      this.status = '';
    } else if (m.type === 'stopped') {
      this.running = false;
      this.status = this.stoppedText;
    } else if (m.type === 'error') {
      this.running = false;
      this.failure = m.message;
      this.status = '';
    } else return false;
    return true;
  }
}
