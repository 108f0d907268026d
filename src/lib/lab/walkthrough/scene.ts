import {
  ActivationRecorder,
  Adam,
  BCEWithLogitsLoss,
  Linear,
  Seeds,
  fit,
  mlp,
  seedDropout,
  sigmoid,
  tensor,
  type Dropout,
  type Sequential,
  type Split
} from '../../engine';
import { makeTwoD } from '../../data';
import { dropSites, type DropSite } from '../ensemble/thinned';
import { groupDigits, keepMask, sampleMask, thinnedNetworksText, withMask, type KeepMask } from '../masks';
import { CHAPTERS, type Chapter, type ChapterKind } from './script';
import { positionAt, type Position } from './timeline';

/**
 * The walkthrough's pictures, computed from a real network for any moment t — so the player can
 * play, pause and seek like a video, yet every mask and activation on screen comes from the engine.
 * Everything random is seeded by the moment (chapter and step), so the same t always shows the same
 * frame: scrubbing back shows exactly what was shown before.
 *
 * Training the network (`trainWalkthroughNet`, 60 epochs) is the one heavy step: the page runs it in
 * a Web Worker (lab/workers/walkthrough.worker.ts) and builds the scene from the weights it sends;
 * a frame is then a few single-example passes, cheap enough for every animation frame.
 */

/** The walkthrough's network: two hidden layers of `width` ReLU units, dropout p after each. */
export interface WalkthroughNet {
  width: number;
  p: number;
}

/** The network the lesson shows. */
export const WALKTHROUGH_NET: WalkthroughNet = { width: 6, p: 0.5 };

/** Seed of every stream of the walkthrough's data, weights, example order and masks. */
const SEED = 6;

/** The seeded data and a freshly initialised network (the same on every visit). */
function buildNet({ width, p }: WalkthroughNet): { model: Sequential; split: Split } {
  const seeds = new Seeds(SEED);
  const split = makeTwoD('xor', { rng: seeds.stream('data'), points: 200 });
  const model = mlp({
    inputs: 2,
    hidden: [width, width],
    outputs: 1,
    activation: 'relu',
    hiddenDropout: p,
    init: seeds.stream('init')
  });
  seedDropout(model, seeds.stream('masks'));
  return { model, split };
}

/** Trains the walkthrough's network (60 epochs of Adam, seeded) and returns its parameters, in `parameters()` order. */
export function trainWalkthroughNet(net: WalkthroughNet = WALKTHROUGH_NET): Float32Array[] {
  const { model, split } = buildNet(net);
  fit({
    model,
    loss: new BCEWithLogitsLoss(),
    optimizer: new Adam(model.parameters(), { lr: 0.02 }),
    train: split.train,
    batchSize: 10,
    epochs: 60,
    shuffle: new Seeds(SEED).stream('shuffle')
  });
  return model.parameters().map((q) => q.data.slice());
}

/** One unit as drawn. */
export interface UnitView {
  /** What the unit computes (its activation before dropout; the output unit: P(class 1)). */
  value: number;
  /** What it passes on: 0 when dropped, value × 1/(1−p) when kept in inverted training. */
  out: number;
  /** true kept, false dropped, null when no mask applies (input, output, or test time). */
  kept: boolean | null;
}

/** A bar of the scaling chapters: the sum arriving at the output unit, one way or another. */
export interface Bar {
  label: string;
  value: number;
}

/** Everything the player draws at one moment. */
export interface Frame {
  position: Position;
  kind: ChapterKind;
  /** The caption with its placeholders filled in. */
  caption: string;
  /** The example going through: its coordinates and class. */
  example: { x: number; y: number; label: number; index: number };
  /** Units per column: inputs, hidden 1, hidden 2, output. */
  layers: UnitView[][];
  /** How many columns the forward pass has reached (fractional while it moves; 4 = done). */
  reveal: number;
  /** Per-example chapter: the masks of the examples so far (most recent last, at most 10). */
  history: KeepMask[];
  /** Shared-weights chapter: a few thinned networks. */
  gallery: KeepMask[];
  /** Scaling chapters: the bars shown so far. */
  bars: Bar[];
  /** Averaging chapter: each member's P(class 1) so far, the running averages, and the weight-scaled P. */
  averaging: { members: number[]; running: number[]; weightScaled: number } | null;
}

/**
 * What a scene precomputes from its weights (the averaging chapter's members and the scaling bars: about a
 * hundred forward passes and a thousand masks). The worker that trains the network computes it too, with this
 * same code, and sends it along, so the page builds its scene without repeating that work in one of its tasks.
 */
export interface SceneSummary {
  /** The averaging chapter's members, in order: each one's mask and its P(class 1) for example 0. */
  members: { mask: KeepMask; p: number }[];
  /** The full (weight-scaled) network's P(class 1) for example 0. */
  weightScaledP: number;
  /** The scaling chapters' bars: classic dropout, then inverted. */
  classicBars: Bar[];
  invertedBars: Bar[];
}

/**
 * A SceneSummary as a worker posts it: the members' masks in one flat array (member after member, layer after
 * layer) and their probabilities in another, both transferable, instead of a couple of hundred small arrays
 * for the page to clone one by one.
 */
export interface PackedSceneSummary {
  /** Units per masked layer (the mask of one member is `widths` summed long). */
  widths: number[];
  masks: Uint8Array;
  p: Float64Array;
  weightScaledP: number;
  classicBars: Bar[];
  invertedBars: Bar[];
}

/** `summary` flattened for postMessage (transfer `masks.buffer` and `p.buffer`). */
export function packSummary(summary: SceneSummary): PackedSceneSummary {
  const widths = summary.members[0]?.mask.map((m) => m.length) ?? [];
  const size = widths.reduce((a, b) => a + b, 0);
  const masks = new Uint8Array(size * summary.members.length);
  summary.members.forEach((m, i) => {
    let at = i * size;
    for (const layer of m.mask) {
      masks.set(layer, at);
      at += layer.length;
    }
  });
  const { weightScaledP, classicBars, invertedBars } = summary;
  return { widths, masks, p: Float64Array.from(summary.members, (m) => m.p), weightScaledP, classicBars, invertedBars };
}

/** The summary a PackedSceneSummary holds (the masks are views into `packed.masks`, not copies). */
export function unpackSummary(packed: PackedSceneSummary): SceneSummary {
  const size = packed.widths.reduce((a, b) => a + b, 0);
  const members = Array.from(packed.p, (p, i) => {
    let at = i * size;
    const layers = packed.widths.map((w) => packed.masks.subarray(at, (at += w)));
    return { mask: keepMask(layers), p };
  });
  const { weightScaledP, classicBars, invertedBars } = packed;
  return { members, weightScaledP, classicBars, invertedBars };
}

/** Seconds each example stays on screen in the per-example chapter. */
export const EXAMPLE_SECONDS = 2.5;
/** Seconds between new members in the averaging chapter. */
export const MEMBER_SECONDS = 0.45;
/** Masks averaged for the scaling bars. */
export const BAR_MASKS = 1000;

export class WalkthroughScene {
  /** The trained network (2 → width → width → 1, ReLU, dropout p after each hidden layer). */
  readonly model: Sequential;
  readonly split: Split;
  readonly sites: DropSite[];
  /** The sites' Dropout layers, what masks are forced onto. */
  private readonly layers: Dropout[];
  /** The three weight matrices, `[out, in]` row-major, for drawing connections. */
  readonly weights: { readonly data: Float32Array; out: number; in: number }[];
  /** Numbers the captions quote. */
  readonly facts: Record<string, string>;

  private readonly recorder = new ActivationRecorder();
  /** The input of the last pass. */
  private current = new Float32Array(2);
  private readonly members: { mask: KeepMask; p: number }[];
  private readonly weightScaledP: number;
  private readonly classicBars: Bar[];
  private readonly invertedBars: Bar[];

  /** Units per hidden layer. */
  readonly width: number;
  /** Drop probability of both hidden layers. */
  readonly p: number;

  constructor(
    /** The trained parameters, from `trainWalkthroughNet` (with the same `net`). */
    params: readonly Float32Array[],
    net: WalkthroughNet = WALKTHROUGH_NET,
    readonly chapters: readonly Chapter[] = CHAPTERS,
    /** `summary()` of a scene built from the same parameters, net and chapters (computed here when absent). */
    summary: SceneSummary | null = null
  ) {
    const { width, p } = net;
    this.width = width;
    this.p = p;
    ({ model: this.model, split: this.split } = buildNet(net));
    const own = this.model.parameters();
    if (own.length !== params.length) throw new Error(`expected ${own.length} parameter arrays, got ${params.length}`);
    own.forEach((q, i) => {
      if (params[i].length !== q.data.length)
        throw new Error(`parameter ${q.name}: expected ${q.data.length} values, got ${params[i].length}`);
      q.data.set(params[i]);
    });
    this.model.eval();
    this.sites = dropSites(this.model);
    this.layers = this.sites.map((site) => site.layer);
    this.weights = this.model.modules
      .filter((m): m is Linear => m instanceof Linear)
      .map((l) => ({
        // read through: the weights may live in wasm memory, whose views a later kernel call can replace
        get data() {
          return l.weight.data;
        },
        out: l.outFeatures,
        in: l.inFeatures
      }));
    const n = this.sites.reduce((a, s) => a + s.units, 0);
    this.facts = {
      width: String(width),
      p: String(p),
      scale: String(+(1 / (1 - p)).toFixed(2)),
      n: String(n),
      networks: thinnedNetworksText(n),
      masks: groupDigits(BAR_MASKS)
    };

    const computed = summary ?? this.computeSummary();
    this.members = computed.members;
    this.weightScaledP = computed.weightScaledP;
    this.classicBars = computed.classicBars;
    this.invertedBars = computed.invertedBars;
    const avg = this.members.reduce((a, m) => a + m.p, 0) / this.members.length;
    const cls = (q: number) => (q > 0.5 ? 1 : 0);
    this.facts.ws = `P(class 1) = ${this.weightScaledP.toFixed(2)}`;
    this.facts.avg = avg.toFixed(2);
    this.facts.members = String(this.members.length);
    this.facts.verdict =
      cls(avg) === cls(this.weightScaledP)
        ? `Both put this point in class ${cls(avg)}, the same answer${Math.abs(avg - this.weightScaledP) > 0.05 ? ', though with different confidence' : ''}.`
        : 'Here they even disagree about the class.';
  }

  /** What this scene precomputed, to build an identical scene elsewhere without recomputing it. */
  summary(): SceneSummary {
    return {
      members: this.members,
      weightScaledP: this.weightScaledP,
      classicBars: this.classicBars,
      invertedBars: this.invertedBars
    };
  }

  /** The averaging chapter's members (drawn once) and the scaling bars, from the weights. */
  private computeSummary(): SceneSummary {
    const ex = this.exampleInput(0);
    const rng = new Seeds(66).stream('members');
    const seconds = this.chapters.find((c) => c.kind === 'averaging')?.duration ?? 45;
    const members = Array.from({ length: Math.ceil(seconds / MEMBER_SECONDS) + 1 }, () => {
      const mask = sampleMask(this.sites, rng);
      return { mask, p: sigmoid(withMask(this.layers, mask, 'training', () => this.model.forward(ex).data[0])) };
    });
    const weightScaledP = sigmoid(this.model.forward(ex).data[0]);
    const [classicBars, invertedBars] = this.scalingBars();
    return { members, weightScaledP, classicBars, invertedBars };
  }

  /** The frame at time t (seconds at 1× from the start). */
  frameAt(t: number): Frame {
    const position = positionAt(t, this.chapters);
    const chapter = this.chapters[position.chapter];
    const local = position.local;
    const frame: Frame = {
      position,
      kind: chapter.kind,
      caption: position.caption.text.replace(/\{(\w+)\}/g, (_, k: string) => this.facts[k] ?? k),
      example: this.example(0),
      layers: [],
      reveal: 4,
      history: [],
      gallery: [],
      bars: [],
      averaging: null
    };
    switch (chapter.kind) {
      case 'forward': {
        const masked = local >= chapter.cues[1].at;
        frame.layers = masked ? this.trainingPass(0, 1) : this.evalPass(0, null);
        // The pass sweeps from the inputs to the output during the third caption.
        const sweep = chapter.cues[2].at;
        frame.reveal = !masked ? 4 : local < sweep ? 1 : Math.min(4, 1 + ((local - sweep) / 8) * 3);
        break;
      }
      case 'per-example': {
        const step = Math.floor(local / EXAMPLE_SECONDS);
        const within = local - step * EXAMPLE_SECONDS;
        const index = step % this.split.train.x.shape[0];
        frame.example = this.example(index);
        frame.layers = this.trainingPass(index, 100 + step);
        frame.reveal = 1 + 3 * Math.min(1, within / (EXAMPLE_SECONDS * 0.6));
        for (let s = Math.max(0, step - 9); s <= step; s++)
          frame.history.push(this.trainingMask(s % this.split.train.x.shape[0], 100 + s));
        break;
      }
      case 'shared': {
        const round = Math.floor(local / 6);
        const rng = new Seeds(300 + round).stream('gallery');
        frame.gallery = Array.from({ length: 6 }, () => sampleMask(this.sites, rng));
        frame.layers = this.evalPass(0, frame.gallery[0]);
        break;
      }
      case 'test-scaling':
      case 'inverted': {
        frame.layers = this.evalPass(0, null);
        const bars = chapter.kind === 'inverted' ? this.invertedBars : this.classicBars;
        const shown =
          chapter.kind === 'inverted'
            ? position.cue >= 1
              ? 2
              : 1
            : Math.min(3, position.cue + (position.cue >= 2 ? 1 : 0));
        frame.bars = bars.slice(0, shown);
        break;
      }
      case 'averaging': {
        const k = Math.min(this.members.length, 1 + Math.floor(local / MEMBER_SECONDS));
        const members = this.members.slice(0, k).map((m) => m.p);
        let sum = 0;
        const running = members.map((v, i) => (sum += v) / (i + 1));
        frame.averaging = { members, running, weightScaled: this.weightScaledP };
        frame.layers = this.evalPass(0, this.members[k - 1].mask);
        break;
      }
    }
    return frame;
  }

  /** Example `index` of the training set, as drawn. */
  private example(index: number): Frame['example'] {
    const d = this.split.train;
    return { x: d.x.data[2 * index], y: d.x.data[2 * index + 1], label: d.y.data[index], index };
  }

  /** Example `index` as a `[1, 2]` input (remembered, so the input column can be drawn). */
  private exampleInput(index: number) {
    this.current = this.split.train.x.data.slice(2 * index, 2 * index + 2);
    return tensor(this.current, [1, 2]);
  }

  /**
   * A real training-mode forward pass: the dropout layers draw their own masks (from a generator
   * seeded by `seed`), exactly as they do in training. Returns the units as drawn.
   */
  private trainingPass(index: number, seed: number): UnitView[][] {
    seedDropout(this.model, new Seeds(seed).stream('walkthrough'));
    this.model.train();
    try {
      this.recorder.record(this.model.modules, this.exampleInput(index));
      return this.viewsFromRecorder(true);
    } finally {
      this.model.eval();
    }
  }

  /** The mask the training pass of (index, seed) draws. */
  private trainingMask(index: number, seed: number): KeepMask {
    this.trainingPass(index, seed);
    return keepMask(this.sites.map((s) => Uint8Array.from(s.layer.lastMask ?? new Uint8Array(s.units).fill(1))));
  }

  /** An eval-mode pass: every unit on (mask null), or one thinned network pinned by `mask`. */
  private evalPass(index: number, mask: KeepMask | null): UnitView[][] {
    const run = () => this.recorder.record(this.model.modules, this.exampleInput(index));
    if (mask) withMask(this.layers, mask, 'training', run);
    else run();
    return this.viewsFromRecorder(mask !== null, mask);
  }

  /** Reads the recorded layer outputs (Linear, ReLU, Dropout, Linear, ReLU, Dropout, Linear). */
  private viewsFromRecorder(masked: boolean, mask: KeepMask | null = null): UnitView[][] {
    const o = this.recorder.outputs;
    const x = Array.from(this.current);
    const hidden = [0, 1].map((l) => {
      const h = o[1 + 3 * l].data;
      const after = o[2 + 3 * l].data;
      return Array.from(h, (value, u): UnitView => {
        const kept = masked ? (mask ? mask[l][u] === 1 : (this.sites[l].layer.lastMask?.[u] ?? 1) === 1) : null;
        return { value, out: after[u], kept };
      });
    });
    const pOut = sigmoid(o[6].data[0]);
    return [x.map((v) => ({ value: v, out: v, kept: null })), ...hidden, [{ value: pOut, out: pOut, kept: null }]];
  }

  /**
   * The scaling chapters' numbers, for example 0: what arrives at the output unit from the last
   * hidden layer (its weighted sum, bias left out), averaged over BAR_MASKS real masks of that
   * layer, against the full network with and without the (1 − p) factor.
   */
  private scalingBars(): [Bar[], Bar[]] {
    this.evalPass(0, null);
    const h = this.recorder.outputs[4].data; // last hidden layer, all units on
    const w = this.weights[2].data;
    let full = 0;
    for (let u = 0; u < h.length; u++) full += w[u] * h[u];
    const rng = new Seeds(44).stream('bars');
    let classic = 0;
    for (let m = 0; m < BAR_MASKS; m++) {
      for (let u = 0; u < h.length; u++) if (rng.next() >= this.p) classic += w[u] * h[u];
    }
    classic /= BAR_MASKS;
    const inverted = classic / (1 - this.p);
    return [
      [
        { label: 'training, classic (average over masks)', value: classic },
        { label: 'test, all units on, not rescaled', value: full },
        { label: 'test, × (1 − p)', value: full * (1 - this.p) }
      ],
      [
        { label: 'training, inverted (average over masks)', value: inverted },
        { label: 'test, the network as it is', value: full }
      ]
    ];
  }
}
