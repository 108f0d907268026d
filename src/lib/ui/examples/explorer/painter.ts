import { DROPPED_GREY } from '../../heatmap/palette';
import { paintColumn, paintDecision, pixelView } from '../../heatmap/paint';
import type { MapValues } from '../../../lab/explorer/feature-maps';
import type { KeepMask } from '../../../lab/masks';
import type { MapSource } from './network-canvas';

/**
 * Paints the explorer's maps into their canvases, and only the ones asked for: a click repaints
 * the maps it changed, never all of them. Each canvas keeps one ImageData (and a pixel view of
 * it), so painting allocates nothing. All hidden maps share one colour scale (tanh: −1…+1), the
 * decision maps another (P(class 1): 0…1; painted by class for three), both shown by a ColorLegend.
 */

/** A canvas with its reusable pixel buffer. */
interface Slot {
  ctx: CanvasRenderingContext2D;
  image: ImageData;
  pixels: Uint32Array;
}

/** Where a map comes from: hidden neuron (layer, unit), or the output (layer = -1). */
export interface MapRef {
  layer: number;
  unit: number;
}

/** The output's map reference. */
export const OUTPUT: MapRef = { layer: -1, unit: 0 };

export class MapPainter {
  private readonly slots = new Map<HTMLCanvasElement, Slot>();

  constructor(private readonly resolution: number) {}

  /** The slot of a canvas (created on first use; the canvas must be resolution × resolution). */
  private slot(canvas: HTMLCanvasElement): Slot | null {
    let s = this.slots.get(canvas);
    if (!s) {
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      const image = ctx.createImageData(this.resolution, this.resolution);
      s = { ctx, image, pixels: pixelView(image) };
      this.slots.set(canvas, s);
    }
    return s;
  }

  /** Paints map `ref` of `maps` into `canvas`: grey if that hidden neuron is dropped in `mask`. */
  paint(canvas: HTMLCanvasElement, maps: MapValues, ref: MapRef, mask: KeepMask): void {
    const s = this.slot(canvas);
    if (!s) return;
    if (ref.layer < 0) paintDecision(maps.probability, maps.classes, s.pixels);
    else if (!mask[ref.layer][ref.unit]) s.pixels.fill(DROPPED_GREY);
    else {
      const t = maps.hidden[ref.layer];
      paintColumn(t.data, ref.unit, t.shape[1], s.pixels, -1, 1);
    }
    s.ctx.putImageData(s.image, 0, 0);
  }

  /** Forgets a canvas that left the page. */
  release(canvas: HTMLCanvasElement): void {
    this.slots.delete(canvas);
  }
}

/**
 * Every hidden neuron's map of one network in one off-page canvas, `resolution` square each, one
 * under the other (layer-major): the source each network drawing copies its neurons' maps from
 * (network-canvas.ts), so the page shows one canvas per network instead of one per neuron. One
 * ImageData for the whole strip, kept for good; `paint` recolours only the maps a change touched
 * and uploads only the rows that hold them.
 */
export class MapStrip implements MapSource {
  /** The strip (never on the page). */
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly image: ImageData;
  private readonly pixels: Uint32Array;
  /** Strip row of each hidden layer's first neuron. */
  private readonly first: number[];

  constructor(
    readonly resolution: number,
    private readonly hidden: readonly number[]
  ) {
    this.first = [];
    let rows = 0;
    for (const w of hidden) {
      this.first.push(rows);
      rows += w;
    }
    this.canvas = document.createElement('canvas');
    this.canvas.width = resolution;
    this.canvas.height = resolution * rows;
    this.ctx = this.canvas.getContext('2d');
    this.image = new ImageData(resolution, resolution * rows);
    this.pixels = pixelView(this.image);
  }

  index(layer: number, unit: number): number {
    return this.first[layer] + unit;
  }

  /**
   * Paints hidden maps of `maps` (grey where `mask` drops the neuron): for each hidden layer, the
   * neurons listed in `changed[layer]`, or all of them when it is null or `changed` is omitted.
   */
  paint(maps: MapValues, mask: KeepMask, changed?: readonly (readonly number[] | null)[]): void {
    const r2 = this.resolution * this.resolution;
    let lo = Infinity;
    let hi = -Infinity;
    this.hidden.forEach((width, layer) => {
      const units = changed?.[layer] ?? null;
      const t = maps.hidden[layer];
      const count = units ? units.length : width;
      for (let k = 0; k < count; k++) {
        const unit = units ? units[k] : k;
        const row = this.index(layer, unit);
        const px = this.pixels.subarray(row * r2, (row + 1) * r2);
        if (!mask[layer][unit]) px.fill(DROPPED_GREY);
        else paintColumn(t.data, unit, t.shape[1], px, -1, 1);
        lo = Math.min(lo, row);
        hi = Math.max(hi, row);
      }
    });
    if (lo <= hi)
      this.ctx?.putImageData(
        this.image,
        0,
        0,
        0,
        lo * this.resolution,
        this.resolution,
        (hi - lo + 1) * this.resolution
      );
  }
}
