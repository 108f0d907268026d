import { toJSON, type EpochStats, type StopReason, type WeightsJSON } from '../../engine';
import type { MnistSet } from '../../data/mnist';
import type { TwinConfig } from './config';
import { createTwinRun, type TwinRun, type TwinVariant } from './run';
import { buildTwinSplit } from './split';
import type { UserTable } from '../user-data/table';
import { userSplit } from '../user-data/split';

/**
 * One twin's training loop as a message-driven session: what runs inside each twin's Web Worker
 * (the worker file only wires `onmessage` to `handle`). Kept here, framework-free, so Node tests
 * drive exactly the code the page runs.
 *
 * Why batching and a clock: a 40-point epoch takes well under a millisecond, so posting every
 * epoch would flood the page with hundreds of messages a second. The session trains for up to
 * `SLICE_MS`, then posts everything it measured in one message and yields (so "pause" gets in).
 */

/** Messages from the page to a twin's worker. */
export type TwinIn =
  /** (Re)build the twin from scratch: same config and seed → the same initial weights. */
  | {
      type: 'init';
      config: TwinConfig;
      variant: TwinVariant;
      generation: number;
      mnistUrl?: string;
      /** The learner's own data (needed when `config.data` is 'csv'), cut with the config's seed here. */
      table?: UserTable;
    }
  | { type: 'play' }
  | { type: 'pause' }
  /** Train exactly one epoch (pauses first). */
  | { type: 'step' }
  /** Send the network's current weights (the engine's versioned JSON), for a download. */
  | { type: 'weights' };

/** Messages from a twin's worker to the page. */
export type TwinOut =
  /** Built and ready at epoch 0; `map` is the untrained decision map (2-D data only). */
  | { type: 'ready'; variant: TwinVariant; generation: number; map: Float32Array | null; resolution: number }
  /** New epochs since the last message (in order), and the latest decision map when one is due. */
  | {
      type: 'epochs';
      variant: TwinVariant;
      generation: number;
      stats: EpochStats[];
      map: Float32Array | null;
      resolution: number;
    }
  /** The twin will train no further: the cap (done), or divergence (with the Trainer's message). */
  | { type: 'stopped'; variant: TwinVariant; generation: number; reason: StopReason }
  /** The weights asked for, after `epoch` epochs. */
  | { type: 'weights'; variant: TwinVariant; generation: number; epoch: number; weights: WeightsJSON }
  /** Something went wrong before training (e.g. the digits could not be loaded), in words. */
  | { type: 'error'; variant: TwinVariant; generation: number; message: string };

/** Train this long before posting and yielding (one animation frame). */
export const SLICE_MS = 16;
/** Repaint the decision map at most this often while playing (it costs a forward pass over the grid). */
export const MAP_EVERY_MS = 120;
/** Side of the decision-map grid. */
export const MAP_RESOLUTION = 48;

/**
 * Milliseconds a twin's worker rests after each slice while playing, on a machine with `cores`
 * logical cores. With two cores or fewer, the twins' two workers would otherwise keep every core
 * busy and the page — which draws the curves — would run only in turns with them, each of its
 * tasks taking several times its CPU time on the clock. Resting REST_MS after every SLICE_MS of
 * training leaves the page room at about a quarter of the training speed. With more cores (or an
 * unknown count above two) there is room already, and no rest.
 */
export const REST_MS = 6;
export function restBetweenSlices(cores: number | undefined): number {
  return cores !== undefined && cores > 2 ? 0 : REST_MS;
}

/** What a session needs from its host (a worker, or a test). */
export interface SessionHost {
  /** Sends a message to the page (transfer lists the buffers to move rather than copy). */
  post(message: TwinOut, transfer?: Transferable[]): void;
  /** Loads the MNIST set (fetchMnistOnce in a worker, loadMnistNode in Node). */
  loadMnist(url: string): Promise<MnistSet>;
  /** Runs `fn` soon, after pending messages (in a worker: setTimeout, resting `restBetweenSlices` ms). */
  later(fn: () => void): void;
  /** Milliseconds, monotonic. */
  now(): number;
}

/** A twin's worker-side state machine: init → (play | step | pause)* → stopped. */
export class TwinSession {
  private run: TwinRun | null = null;
  private variant: TwinVariant = 'plain';
  private playing = false;
  /** Set by every init (the page's counter, echoed in replies), so a loop or reply of an old run is told apart. */
  private generation = 0;
  private lastMap = -Infinity;

  constructor(private readonly host: SessionHost) {}

  /** Handles one message from the page. Never throws: failures become an 'error' message. */
  async handle(message: TwinIn): Promise<void> {
    try {
      if (message.type === 'init') await this.init(message);
      else if (message.type === 'play') this.play();
      else if (message.type === 'pause') this.playing = false;
      else if (message.type === 'step') this.step();
      else if (message.type === 'weights') this.sendWeights();
    } catch (e) {
      this.host.post({
        type: 'error',
        variant: this.variant,
        generation: this.generation,
        message: e instanceof Error ? e.message : String(e)
      });
    }
  }

  private async init(message: Extract<TwinIn, { type: 'init' }>): Promise<void> {
    const generation = (this.generation = message.generation);
    this.playing = false;
    this.run = null;
    this.variant = message.variant;
    const { config } = message;
    const mnist = config.data === 'mnist' ? await this.host.loadMnist(message.mnistUrl ?? '') : undefined;
    if (generation !== this.generation) return; // a newer init arrived while the digits loaded
    const csv = config.data === 'csv' && message.table ? userSplit(message.table, config.seed) : undefined;
    this.run = createTwinRun(config, buildTwinSplit(config, { mnist, csv }), message.variant);
    const map = this.run.decisionMap(MAP_RESOLUTION);
    this.host.post(
      { type: 'ready', variant: this.variant, generation, map, resolution: MAP_RESOLUTION },
      map ? [map.buffer] : []
    );
  }

  private sendWeights(): void {
    if (!this.run) return;
    const epoch = this.run.history.at(-1)?.epoch ?? 0;
    this.host.post({
      type: 'weights',
      variant: this.variant,
      generation: this.generation,
      epoch,
      weights: toJSON(this.run.model)
    });
  }

  private play(): void {
    if (!this.run || this.playing || this.run.stopped) return;
    this.playing = true;
    this.lastMap = -Infinity;
    const generation = this.generation;
    const tick = () => {
      if (!this.playing || generation !== this.generation) return;
      const more = this.slice();
      if (more) this.host.later(tick);
      else this.playing = false;
    };
    this.host.later(tick);
  }

  private step(): void {
    this.playing = false;
    if (!this.run) return;
    const result = this.run.step();
    this.report(result.stats ? [result.stats] : [], true);
    this.reportStop();
  }

  /** Trains epochs for up to SLICE_MS, posts them; returns whether there is more to train. */
  private slice(): boolean {
    const run = this.run!;
    const start = this.host.now();
    const stats: EpochStats[] = [];
    do {
      const result = run.step();
      if (!result.stats) break;
      stats.push(result.stats);
    } while (this.host.now() - start < SLICE_MS);
    const over = run.stopped !== null;
    this.report(stats, over || this.host.now() - this.lastMap >= MAP_EVERY_MS);
    this.reportStop();
    return !over;
  }

  private report(stats: EpochStats[], withMap: boolean): void {
    const map = withMap ? this.run!.decisionMap(MAP_RESOLUTION) : null;
    if (map) this.lastMap = this.host.now();
    if (stats.length === 0 && !map) return;
    this.host.post(
      { type: 'epochs', variant: this.variant, generation: this.generation, stats, map, resolution: MAP_RESOLUTION },
      map ? [map.buffer] : []
    );
  }

  private reportStop(): void {
    const reason = this.run?.stopped;
    if (reason) this.host.post({ type: 'stopped', variant: this.variant, generation: this.generation, reason });
  }
}
