/**
 * Reveals a large piece of an example in stages, one per frame: `shown` counts the stages on the
 * page. Mounting a whole example at once (its drawings, panels, charts and tables) is one long
 * main-thread task and one long style, layout and paint after it; mounting it in a few parts keeps
 * each of those short. Each next stage is mounted in a task of its own after the browser has
 * rendered the previous one (an animation frame, then a timer), so the first part appears as soon
 * as it can and the rest follows within a few frames.
 */
export class Stages {
  /** How many stages are on the page: 0 before `start()`, then 1, 2, … up to `count`. */
  shown = $state(0);

  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;

  constructor(
    /** How many stages there are. */
    readonly count: number
  ) {}

  /** Shows the first stage now and the others one frame after another (from scratch when already started). */
  start(): void {
    this.cancel();
    this.shown = 1;
    this.next();
  }

  /** Hides every stage (a new run starts) and stops revealing. */
  reset(): void {
    this.cancel();
    this.shown = 0;
  }

  /** Whether stage `n` (1-based) is on the page. */
  has(n: number): boolean {
    return this.shown >= n;
  }

  private next(): void {
    if (this.shown >= this.count) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // The frame with the stages so far is rendered after this callback; the timer runs after that render.
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.shown++;
        this.next();
      }, 0);
    });
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.timer) clearTimeout(this.timer);
    this.frame = 0;
    this.timer = 0;
  }
}
