import type { MapValues } from '../../../lab/explorer/feature-maps';
import type { KeepMask } from '../../../lab/masks';
import type { TwinVariant } from '../../../lab/twin/run';
import { MapPainter, type MapRef } from './painter';

/**
 * The explorer's map canvases outside the network drawings — each twin's decision map and its zoom
 * view — and what each one shows. A canvas is registered with a `CanvasTarget` for as long as it
 * is on the page (the Svelte action `canvases.use`), and painted from the current maps whenever
 * they or the focused neuron change.
 */

/** Which map a canvas shows: of which network, and a fixed map or whichever one is focused (the zoom). */
export interface CanvasTarget {
  twin: TwinVariant;
  /** A hidden neuron or the output (`OUTPUT`), or 'focused': the map the learner hovers or focuses. */
  map: MapRef | 'focused';
}

/** What painting needs: both twins' current maps, the mask, and the focused map. */
export interface CanvasSource {
  maps: Record<TwinVariant, MapValues>;
  mask: KeepMask;
  focus: MapRef;
}

export class MapCanvases {
  // A plain Map on purpose: canvases come and go with the DOM, and nothing should re-render when they do.
  private readonly targets = new Map<HTMLCanvasElement, CanvasTarget>();
  private readonly painter: MapPainter;

  constructor(
    resolution: number,
    /** The current maps, or null before the first ones arrive (registered canvases wait for them). */
    private readonly source: () => CanvasSource | null
  ) {
    this.painter = new MapPainter(resolution);
  }

  /** Registers `canvas` as showing `target`, and paints it if there are maps. */
  add(canvas: HTMLCanvasElement, target: CanvasTarget): void {
    this.targets.set(canvas, target);
    this.paintOne(canvas, target);
  }

  /** Forgets a canvas that left the page. */
  remove(canvas: HTMLCanvasElement): void {
    this.targets.delete(canvas);
    this.painter.release(canvas);
  }

  /** Repaints every canvas, or with `focusedOnly` just those that follow the focus. */
  paint(focusedOnly = false): void {
    for (const [canvas, target] of this.targets)
      if (!focusedOnly || target.map === 'focused') this.paintOne(canvas, target);
  }

  /** Svelte action: `use:canvases.use={{ twin, map: OUTPUT }}`. */
  readonly use = (canvas: HTMLCanvasElement, target: CanvasTarget) => {
    this.add(canvas, target);
    return { destroy: () => this.remove(canvas) };
  };

  private paintOne(canvas: HTMLCanvasElement, target: CanvasTarget): void {
    const s = this.source();
    if (!s) return;
    this.painter.paint(canvas, s.maps[target.twin], target.map === 'focused' ? s.focus : target.map, s.mask);
  }
}
