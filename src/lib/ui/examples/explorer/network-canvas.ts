import type { KeepMask } from '../../../lab/masks';
import { NEURON, OUTPUT_SIZE, VIEW_W, type Point } from './layout';

/**
 * One network drawing's pixels — its links and every hidden neuron's feature map — on ONE canvas
 * behind the neuron buttons (which stay real, transparent buttons on top: all that a learner can
 * act on or needs to know is in the buttons and the text; the canvas is aria-hidden).
 *
 * Why one canvas and not an SVG of ~90 `<line>`s plus a canvas per neuron: a click then restyles
 * and lays out no link elements, and the browser composites two layers per network instead of
 * ~20 canvas layers plus the layers it must add for everything drawn over them. Measured with
 * bench/web/explorer.ts.
 */

/** One link: from unit `from` of column `col` to unit `to` of column `col + 1`, in virtual units. */
export interface Link {
  /** Weight column: 0 = inputs → hidden layer 1, …, last = last hidden layer → output. */
  col: number;
  from: number;
  to: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Weight divided by the largest |weight| of the network, −1…1. */
  w: number;
}

/** A Linear layer's weights, `[out, in]` row-major. */
export interface LinkWeights {
  data: Float32Array;
  inFeatures: number;
  outFeatures: number;
}

/** Every link of a network drawn at `pos` (from `layoutOf`), in weight order. */
export function linksOf(weights: readonly LinkWeights[], pos: readonly (readonly Point[])[]): Link[] {
  let max = 1e-6;
  for (const w of weights) for (const v of w.data) max = Math.max(max, Math.abs(v));
  const out: Link[] = [];
  weights.forEach((w, col) => {
    const src = pos[col];
    const dst = pos[col + 1];
    const r1 = col === 0 ? 6 : NEURON / 2;
    const r2 = col + 1 === pos.length - 1 ? OUTPUT_SIZE / 2 : NEURON / 2;
    // Several logits (a three-class drawn set) feed the one decision map: each class's links land
    // at its own height on the map's edge, so they fan in side by side instead of overlapping.
    const fan = dst.length === 1 && w.outFeatures > 1 ? OUTPUT_SIZE / 2 / w.outFeatures : 0;
    for (let j = 0; j < w.outFeatures; j++) {
      const to = dst[Math.min(j, dst.length - 1)];
      for (let i = 0; i < w.inFeatures; i++) {
        out.push({
          col,
          from: i,
          to: j,
          x1: src[i].x + r1,
          y1: src[i].y,
          x2: to.x - r2,
          y2: to.y + fan * (2 * j - (w.outFeatures - 1)),
          w: w.data[j * w.inFeatures + i] / max
        });
      }
    }
  });
  return out;
}

/**
 * Which links are greyed under `mask` (1 = greyed): a link is off when its source or its target is
 * a dropped hidden neuron. Written into `into`; returns how many are off.
 */
export function offLinks(links: readonly Link[], mask: KeepMask, into: Uint8Array): number {
  const layers = mask.length;
  let n = 0;
  for (let k = 0; k < links.length; k++) {
    const l = links[k];
    const off = (l.col > 0 && mask[l.col - 1]?.[l.from] === 0) || (l.col < layers && mask[l.col]?.[l.to] === 0);
    into[k] = off ? 1 : 0;
    n += into[k];
  }
  return n;
}

/** Colours of the links. Positive and negative weights keep one colour in both themes; greyed links follow `--muted`. */
export interface LinkColors {
  positive: string;
  negative: string;
  off: string;
}

/** The link colours for a computed `--muted` value (read once per theme change by the caller). */
export function linkColors(muted: string): LinkColors {
  return {
    positive: 'rgb(33 102 172 / 0.7)',
    negative: 'rgb(200 110 20 / 0.7)',
    off: muted.trim() || 'rgb(120 120 120)'
  };
}

/** Line width (virtual units) of a kept link of normalised weight `w`, and of a greyed one. */
export const keptWidth = (w: number): number => 0.4 + 2.6 * Math.abs(w);
export const OFF_WIDTH = 0.8;
/** Opacity of a dropped neuron's (grey) map, as the dropped button's own opacity. */
export const DROPPED_ALPHA = 0.45;

/**
 * Where the maps come from: a strip canvas holding every hidden neuron's map, `resolution` square,
 * one under the other in layer-major order (see `MapStrip` in painter.ts).
 */
export interface MapSource {
  readonly canvas: HTMLCanvasElement;
  readonly resolution: number;
  /** Row of the strip holding map (layer, unit). */
  index(layer: number, unit: number): number;
}

/**
 * Draws a whole network into a canvas whose backing store is `width` × `height` device pixels and
 * which shows the virtual box (VIEW_W wide): greyed links (dashed, faint), the kept ones over them
 * (coloured by sign, as thick as their weight), then each hidden neuron's map in its square
 * (a dropped one faded, like its button).
 */
export function drawNetwork(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  scene: {
    links: readonly Link[];
    off: Uint8Array;
    colors: LinkColors;
    pos: readonly (readonly Point[])[];
    hidden: readonly number[];
    mask: KeepMask;
    maps: MapSource | null;
    /** Device pixels per CSS pixel of the backing store (for the buttons' 2 px borders). */
    ratio: number;
  }
): void {
  const { links, off, colors, pos, hidden, mask, maps, ratio } = scene;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const scale = width / VIEW_W;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.lineCap = 'butt';
  // Greyed links: one path, one stroke.
  ctx.save();
  ctx.globalAlpha = 0.35;
  ctx.strokeStyle = colors.off;
  ctx.lineWidth = OFF_WIDTH;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  for (let k = 0; k < links.length; k++) {
    if (!off[k]) continue;
    const l = links[k];
    ctx.moveTo(l.x1, l.y1);
    ctx.lineTo(l.x2, l.y2);
  }
  ctx.stroke();
  ctx.restore();
  // Kept links: each its own width.
  for (let k = 0; k < links.length; k++) {
    if (off[k]) continue;
    const l = links[k];
    ctx.strokeStyle = l.w > 0 ? colors.positive : colors.negative;
    ctx.lineWidth = keptWidth(l.w);
    ctx.beginPath();
    ctx.moveTo(l.x1, l.y1);
    ctx.lineTo(l.x2, l.y2);
    ctx.stroke();
  }
  if (!maps) return;
  // The maps, inside each button's 2 px border (the button draws the border around them).
  const r = maps.resolution;
  const inset = (2 * ratio) / scale;
  const side = NEURON - 2 * inset;
  for (let layer = 0; layer < hidden.length; layer++) {
    for (let unit = 0; unit < hidden[layer]; unit++) {
      const p = pos[layer + 1][unit];
      ctx.globalAlpha = mask[layer][unit] ? 1 : DROPPED_ALPHA;
      ctx.drawImage(
        maps.canvas,
        0,
        maps.index(layer, unit) * r,
        r,
        r,
        p.x - NEURON / 2 + inset,
        p.y - NEURON / 2 + inset,
        side,
        side
      );
    }
  }
  ctx.globalAlpha = 1;
}
