import { DROPPED_GREY } from '../../heatmap/palette';
import { paintColumn, paintValues, pixelView } from '../../heatmap/paint';
import type { FeatureMaps } from '../../../lab/explorer/feature-maps';
import type { NeuronMask } from '../../../lab/explorer/masks';

/**
 * Paints the explorer's maps into their canvases, and only the ones asked for: a click repaints
 * the maps it changed, never all of them. Each canvas keeps one ImageData (and a pixel view of
 * it), so painting allocates nothing. All hidden maps share one colour scale (tanh: −1…+1), the
 * decision maps another (P(class 1): 0…1), both shown by a ColorLegend.
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
  paint(canvas: HTMLCanvasElement, maps: FeatureMaps, ref: MapRef, mask: NeuronMask): void {
    const s = this.slot(canvas);
    if (!s) return;
    if (ref.layer < 0) paintValues(maps.probability, s.pixels, 0, 1);
    else if (mask[ref.layer][ref.unit]) s.pixels.fill(DROPPED_GREY);
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
