/**
 * The geometry of a thinned network's mask diagram (MaskDiagram.svelte) as two SVG paths: one
 * block of cells per hidden layer, wrapping onto rows of `PER_ROW`. A strip of six 64-unit masks
 * drawn as one element per cell was about 1,500 SVG elements, each with its own reactive
 * attributes, mounted in one task; two paths per diagram draw the same picture for a fraction of it.
 */

/** Cells per row of a layer's block. */
export const PER_ROW = 16;
/** Side of a cell's slot, in diagram units (the cell is one unit smaller, centred in it). */
export const CELL = 6;
/** Horizontal space between two layers' blocks. */
export const GAP = 10;

/** The diagram's drawing: its size and the two paths. */
export interface MaskPaths {
  /** Width and height of the drawing, in diagram units (at least 1 each). */
  width: number;
  height: number;
  /** Every kept unit's cell, a filled rounded square (subpaths of one path). */
  kept: string;
  /** Every dropped unit's cell outline and its diagonal cross-out (stroked, not filled). */
  dropped: string;
  /** How many units are kept and how many there are, per layer (for the accessible description). */
  counts: { kept: number; total: number }[];
}

/** The outline of one cell whose slot's top-left corner is (x, y): a 5×5 square with corners of radius 1. */
function cell(x: number, y: number): string {
  return `M${x + 1.5},${y + 0.5}h3a1,1 0 0 1 1,1v3a1,1 0 0 1-1,1h-3a1,1 0 0 1-1-1v-3a1,1 0 0 1 1-1z`;
}

/** The two paths of `mask` (`mask[layer][unit]`, 1 kept, 0 dropped). */
export function maskPaths(mask: readonly (ArrayLike<number> & Iterable<number>)[]): MaskPaths {
  const kept: string[] = [];
  const dropped: string[] = [];
  const counts: { kept: number; total: number }[] = [];
  let x0 = 0;
  let height = 0;
  for (const layer of mask) {
    let on = 0;
    for (let u = 0; u < layer.length; u++) {
      const x = x0 + (u % PER_ROW) * CELL;
      const y = Math.floor(u / PER_ROW) * CELL;
      if (layer[u] === 1) {
        on++;
        kept.push(cell(x, y));
      } else dropped.push(cell(x, y), `M${x + 1.5},${y + 1.5}L${x + CELL - 1.5},${y + CELL - 1.5}`);
    }
    counts.push({ kept: on, total: layer.length });
    x0 += Math.min(PER_ROW, layer.length) * CELL + GAP;
    height = Math.max(height, Math.ceil(layer.length / PER_ROW) * CELL);
  }
  const width = mask.length ? x0 - GAP : 0;
  return {
    width: Math.max(1, width),
    height: Math.max(1, height),
    kept: kept.join(''),
    dropped: dropped.join(''),
    counts
  };
}
