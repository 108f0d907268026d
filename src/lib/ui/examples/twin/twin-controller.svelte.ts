import type { EpochStats, StopReason, WeightsJSON } from '../../../engine';
import { TWIN_DEFAULTS, presetConfig, validateTwinConfig, type TwinConfig } from '../../../lab/twin/config';
import type { TwinVariant } from '../../../lab/twin/run';
import type { TwinIn, TwinOut } from '../../../lab/twin/session';
import { TWIN_URL_KEYS, parseTwinQuery, toTwinQuery } from '../../../lab/twin/url';
import { verdict } from '../../../lab/twin/verdict';
import type { UserTable } from '../../../lab/user-data/table';
import { COPIED_WITHOUT_FILE, LINK_NOTE, withoutUserData } from '../../../lab/user-data/link';
import {
  COPIED_WITH_DRAWN,
  DRAWN_URL_KEY,
  decodeDrawn,
  drawnProblem,
  drawnTable,
  encodeDrawn,
  type DrawnPoint
} from '../../../lab/user-data/drawn';

/**
 * The twin run's state and behaviour, apart from its rendering (TwinRun.svelte): two workers, the
 * redraw scheduler, the configuration mirrored in the URL, the screen-reader announcements and
 * the status lines. Everything the browser provides comes through `TwinHost`, so tests drive it
 * in Node with fake workers, clock and address bar.
 */

export const VARIANTS = ['plain', 'dropout'] as const;
export const NAME: Record<TwinVariant, string> = { plain: 'Without dropout', dropout: 'With dropout' };

/**
 * The page redraws at most this often while training. Every redraw has a fixed cost beyond our
 * own work (style, layout, paint and commit of a long page: about 5 ms of CPU on the 2-core
 * machine, where the two training workers keep both cores busy and a task takes 2-4 times its
 * CPU time on the clock), so redraws are few, and each does everything at once.
 */
export const REDRAW_MS = 100;

/** What the controller needs of a twin's worker: WorkerHandle's surface. */
export interface TwinWorker {
  readonly error: string | null;
  readonly mnistUrl: string;
  begin(run?: number): number;
  post(message: TwinIn): void;
  restart(): void;
  dispose(): void;
}

/** What the browser provides (in tests: fakes). */
export interface TwinHost {
  /** A twin's worker whose current-run replies go to `onReply` (a WorkerHandle dropping other generations). */
  worker(onReply: (m: TwinOut) => void): TwinWorker;
  now(): number;
  requestFrame(fn: () => void): number;
  cancelFrame(id: number): void;
  setTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimer(id: ReturnType<typeof setTimeout>): void;
  /** The address bar now. */
  href(): string;
  /** The address "Copy a link" copies (default: `href()`); the page's points at the example's own anchor. */
  shareHref?(): string;
  /** Adds a history entry with this address (the same page, only its query changed). */
  pushUrl(url: URL): void;
  random(): number;
  /** Offers a twin's weights as a file (the page: a download); absent in hosts that keep no files. */
  saveWeights?(variant: TwinVariant, weights: WeightsJSON, epoch: number): void;
}

const none = <T>(v: T): Record<TwinVariant, T> => ({ plain: v, dropout: v });

export class TwinController {
  config = $state.raw<TwinConfig>(TWIN_DEFAULTS);
  notes = $state<string[]>([]);
  history = $state.raw<Record<TwinVariant, EpochStats[]>>({ plain: [], dropout: [] });
  // One signal per map, so a new map of one twin repaints only its own canvas.
  mapPlain = $state.raw<Float32Array | null>(null);
  mapDropout = $state.raw<Float32Array | null>(null);
  resolution = $state(48);
  stopped = $state.raw<Record<TwinVariant, StopReason | null>>(none(null));
  ready = $state.raw<Record<TwinVariant, boolean>>(none(false));
  playing = $state(false);
  failure = $state<string | null>(null);
  /** What a screen reader says (a polite live region): milestones, divergence, the end. */
  announcement = $state('');
  /** The learner's own data set (trained on when `config.data` is 'csv'), or null. */
  userTable = $state.raw<UserTable | null>(null);
  /** The drawn points behind `userTable` when it was drawn (they travel in the link), else null. */
  drawn = $state.raw<DrawnPoint[] | null>(null);
  /** Whether the address bar named "your data" when there was none to use (cleared once some arrives). */
  linkWantsUserData = false;

  readonly handles: Record<TwinVariant, TwinWorker>;

  // Epochs arrive in bursts from two workers; they are buffered and drawn at most every REDRAW_MS.
  private pending: Record<TwinVariant, EpochStats[]> = { plain: [], dropout: [] };
  private pendingMaps: Record<TwinVariant, Float32Array | null> = none(null);
  private pendingStop: Record<TwinVariant, StopReason | null> = none(null);
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;
  private lastFlush = -Infinity;
  private nextMilestone = 0;
  /** Set once the example has left the page, so a deferred start (see `mount`) starts nothing. */
  private disposed = false;
  /** Set by "Forget my data": the next address written drops the drawn points, whoever drew them. */
  private forgetDrawn = false;
  /** Set by the first restart: a deferred start finding the twins already built (a change came first) skips. */
  private started = false;

  constructor(private readonly host: TwinHost) {
    this.handles = { plain: host.worker((m) => this.onReply(m)), dropout: host.worker((m) => this.onReply(m)) };
  }

  /** The reason a worker crashed, if one did. */
  get crashed(): string | null {
    return this.handles.plain.error ?? this.handles.dropout.error;
  }
  get done(): boolean {
    return this.stopped.plain !== null && this.stopped.dropout !== null;
  }
  get running(): boolean {
    return this.playing && !this.done;
  }
  get loading(): boolean {
    return !this.ready.plain || !this.ready.dropout;
  }
  /** Whether the data lie in the plane (decision maps to draw). */
  get plane(): boolean {
    return this.config.data !== 'mnist' && (this.config.data !== 'csv' || this.userTable?.plane === true);
  }
  get verdict(): string {
    return verdict(this.history.plain, this.history.dropout).text;
  }

  /** One twin's status line. */
  statusOf(v: TwinVariant): string {
    const s = this.stopped[v];
    if (s?.kind === 'diverged') return `${NAME[v]}: stopped. ${s.message}`;
    const e = this.history[v].at(-1)?.epoch ?? 0;
    if (!this.ready[v]) return `${NAME[v]}: ${this.config.data === 'mnist' ? 'loading the digits…' : 'starting…'}`;
    return `${NAME[v]}: epoch ${e} of ${this.config.epochs}${s?.kind === 'done' ? ' (done)' : ''}`;
  }

  /**
   * On mount: the configuration from the address bar, and both twins built. `startWorkers` decides when the
   * workers are asked to build them (default: now); the page waits until its first frame is drawn, because two
   * workers starting up (compiling their code, building the twins) would otherwise take both cores of a small
   * machine while the page lays out and paints the example, and stretch that task several times over.
   */
  mount(startWorkers: (start: () => void) => void = (start) => start()): void {
    this.readUrl();
    this.disposed = false;
    startWorkers(() => {
      if (!this.disposed && !this.started) this.restart(false);
    });
  }

  /** Back/forward: follow the address bar if it names another configuration. */
  popstate(): void {
    if (this.readUrl()) this.restart(false);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelFrames();
    for (const v of VARIANTS) this.handles[v].dispose();
  }

  /** Builds both twins afresh from the configuration: the same seed gives the same initial weights. */
  restart(keepPlaying = this.playing): void {
    this.started = true;
    const generation = this.handles.plain.begin();
    this.handles.dropout.begin(generation);
    this.cancelFrames();
    this.pending = { plain: [], dropout: [] };
    this.pendingMaps = none(null);
    this.pendingStop = none(null);
    this.nextMilestone = 0;
    this.history = { plain: [], dropout: [] };
    this.mapPlain = this.mapDropout = null;
    this.stopped = none(null);
    this.ready = none(false);
    this.failure = null;
    for (const v of VARIANTS) {
      const h = this.handles[v];
      const table = this.config.data === 'csv' ? (this.userTable ?? undefined) : undefined;
      h.post({ type: 'init', config: this.config, variant: v, generation, mnistUrl: h.mnistUrl, table });
      if (keepPlaying) h.post({ type: 'play' });
    }
    this.playing = keepPlaying;
  }

  play(): void {
    this.playing = true;
    for (const v of VARIANTS) this.handles[v].post({ type: 'play' });
  }
  pause(): void {
    this.playing = false;
    for (const v of VARIANTS) this.handles[v].post({ type: 'pause' });
  }
  step(): void {
    this.playing = false;
    for (const v of VARIANTS) this.handles[v].post({ type: 'step' });
  }

  /** After a crash or a failure: fresh workers, both twins rebuilt, paused. */
  restartWorkers(): void {
    for (const v of VARIANTS) this.handles[v].restart();
    this.restart(false);
  }

  /** Applies a change from the controls: validate, write the URL (a history entry), restart. */
  apply(patch: Partial<TwinConfig>): void {
    const onlyPreset = patch.preset !== undefined && Object.keys(patch).length === 1;
    const v = validateTwinConfig(onlyPreset ? presetConfig(patch.preset!) : { ...this.config, ...patch });
    this.notes = v.notes;
    this.config = v.config;
    this.writeUrl();
    this.restart();
  }

  /** Trains on the learner's own data from now on (a read that failed never gets here: the old data stays). */
  useTable(table: UserTable, drawn: DrawnPoint[] | null = null): void {
    this.userTable = table;
    this.drawn = drawn;
    this.linkWantsUserData = false;
    this.apply({ data: 'csv' });
    this.notes = this.notes.filter((n) => n !== LINK_NOTE);
  }

  /** Drops the learner's data; when it was being trained on, the preset's data comes back. */
  forgetTable(): void {
    this.userTable = null;
    this.drawn = null;
    this.forgetDrawn = true;
    if (this.config.data === 'csv') this.apply(withoutUserData(this.config));
    else this.writeUrl();
  }

  /** Asks a twin's worker for its current weights; they arrive as a file through `host.saveWeights`. */
  requestWeights(v: TwinVariant): void {
    this.handles[v].post({ type: 'weights' });
  }

  newSeed(): void {
    this.apply({ seed: Math.floor(this.host.random() * 1_000_000) });
  }

  /** The address "Copy a link" copies: the page with this setup in its query, at the twin run. */
  shareHref(): string {
    return this.host.shareHref?.() ?? this.host.href();
  }

  /** What the status says once the link is copied: whether the learner's data travels in it. */
  linkCopiedText(): string {
    return this.config.data === 'csv' && this.drawn
      ? COPIED_WITH_DRAWN
      : this.config.data === 'csv'
        ? COPIED_WITHOUT_FILE
        : 'Link copied.';
  }

  /** This setup as the twin's query (what its embed page reads). */
  query(): string {
    return toTwinQuery(this.config);
  }

  private onReply(m: TwinOut): void {
    const v = m.variant;
    if (m.type === 'ready') {
      this.ready = { ...this.ready, [v]: true };
      this.resolution = m.resolution;
      this.pendingMaps[v] = m.map;
      this.schedule();
    } else if (m.type === 'epochs') {
      for (const s of m.stats) this.pending[v].push(s);
      if (m.map) this.pendingMaps[v] = m.map;
      this.resolution = m.resolution;
      this.schedule();
    } else if (m.type === 'stopped') {
      this.pendingStop[v] = m.reason;
      this.schedule();
    } else if (m.type === 'weights') {
      this.host.saveWeights?.(v, m.weights, m.epoch);
    } else {
      this.failure = m.message;
      this.playing = false;
    }
  }

  private schedule(): void {
    if (this.frame || this.timer) return;
    const wait = REDRAW_MS - (this.host.now() - this.lastFlush);
    if (wait <= 0) this.frame = this.host.requestFrame(() => this.flush());
    else
      this.timer = this.host.setTimer(() => {
        this.timer = 0;
        this.frame = this.host.requestFrame(() => this.flush());
      }, wait);
  }

  /** Shows what arrived since the last redraw: epochs, maps, and stops (after the epochs before them). */
  private flush(): void {
    this.frame = 0;
    this.lastFlush = this.host.now();
    const { pending, pendingMaps, pendingStop } = this;
    if (pending.plain.length || pending.dropout.length) {
      this.history = {
        plain: this.history.plain.concat(pending.plain),
        dropout: this.history.dropout.concat(pending.dropout)
      };
      this.pending = { plain: [], dropout: [] };
    }
    if (pendingMaps.plain) this.mapPlain = pendingMaps.plain;
    if (pendingMaps.dropout) this.mapDropout = pendingMaps.dropout;
    this.pendingMaps = none(null);
    const stops = VARIANTS.filter((v) => pendingStop[v]);
    if (stops.length) {
      const next = { ...this.stopped };
      for (const v of stops) next[v] = pendingStop[v];
      this.pendingStop = none(null);
      this.stopped = next;
    }
    const stopped = this.stopped;
    if (stopped.plain && stopped.dropout) {
      if (stops.length) {
        this.playing = false;
        this.announcement = `Both networks finished. ${this.verdict}`;
      }
    } else {
      const diverged = stops.find((v) => stopped[v]?.kind === 'diverged');
      const reason = diverged ? stopped[diverged] : null;
      if (reason?.kind === 'diverged') this.announcement = `${NAME[diverged!]}: ${reason.message}`;
      else this.announceMilestone();
    }
  }

  /** Speaks at a quarter, half and three quarters of the cap, not every epoch. */
  private announceMilestone(): void {
    const { history, config } = this;
    const reached = Math.min(history.plain.at(-1)?.epoch ?? 0, history.dropout.at(-1)?.epoch ?? 0);
    const step = Math.max(1, Math.round(config.epochs / 4));
    if (this.nextMilestone === 0) this.nextMilestone = step;
    if (reached >= this.nextMilestone && reached < config.epochs) {
      this.announcement = `Epoch ${reached} of ${config.epochs}. ${this.verdict}`;
      this.nextMilestone = (Math.floor(reached / step) + 1) * step;
    }
  }

  private cancelFrames(): void {
    if (this.frame) this.host.cancelFrame(this.frame);
    if (this.timer) this.host.clearTimer(this.timer);
    this.frame = this.timer = 0;
  }

  /** Puts the configuration in the address bar, keeping other parameters and the #section. */
  private writeUrl(): void {
    const href = this.host.href();
    // Local values built and handed on at once, never state: no reactive URL classes needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const url = new URL(href);
    for (const key of Object.values(TWIN_URL_KEYS)) url.searchParams.delete(key);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    for (const [k, val] of new URLSearchParams(toTwinQuery(this.config))) url.searchParams.set(k, val);
    // Points drawn in another example may sit in the address bar too: only "your data" from a file replaces them.
    if (this.config.data === 'csv' && this.drawn) url.searchParams.set(DRAWN_URL_KEY, encodeDrawn(this.drawn));
    else if (this.config.data === 'csv' || this.forgetDrawn) url.searchParams.delete(DRAWN_URL_KEY);
    this.forgetDrawn = false;
    if (url.href !== href) this.host.pushUrl(url);
  }

  /** Reads the configuration from the address bar; returns whether it changed. */
  private readUrl(): boolean {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const address = new URL(this.host.href());
    const v = parseTwinQuery(address.search);
    this.notes = v.notes;
    const pts = address.searchParams.get(DRAWN_URL_KEY);
    const drawnBefore = this.drawn;
    if (v.config.data === 'csv' && pts !== null) {
      // Drawn points are small and travel in the link: they are the data, as drawn.
      const decoded = decodeDrawn(pts);
      const problem = 'error' in decoded ? decoded.error : drawnProblem(decoded.points);
      if ('points' in decoded && problem === null) {
        this.userTable = drawnTable(decoded.points);
        this.drawn = decoded.points;
      } else this.notes = [...this.notes, problem!];
    }
    // A link cannot carry a file: without data of one's own, "your data" opens as the preset's data.
    if (v.config.data === 'csv' && !this.userTable) {
      v.config = withoutUserData(v.config);
      this.notes = [...this.notes, LINK_NOTE];
      this.linkWantsUserData = true;
    }
    const changed = toTwinQuery(v.config) !== toTwinQuery(this.config) || this.drawn !== drawnBefore;
    this.config = v.config;
    return changed;
  }
}
