import { zeros, type Tensor } from '../engine';
import { checkRange } from './split';

/**
 * The 2-D plane every 2-D data set lives on.
 *
 * The generators place clean points inside [-1, 1] × [-1, 1]; input noise can push a few
 * slightly outside. The UI draws the square [-PLANE_EXTENT, PLANE_EXTENT]², which leaves a
 * margin so noisy points and the decision boundary around the data stay visible.
 * Small coordinates also mean the inputs are already on the scale a network likes (no
 * standardisation needed), unlike TF Playground's [-6, 6].
 */
export const PLANE_EXTENT = 1.5;

/**
 * The centres of a `resolution × resolution` pixel grid covering [-extent, extent]², as a
 * `[resolution², 2]` tensor of (x, y) in row-major pixel order: row 0 is the TOP of the picture
 * (largest y), and within a row x grows left to right — the order of canvas ImageData, so
 * `network(grid)` output k can be painted straight into pixel k.
 * Pixel centres (not edges) so that the picture is symmetric and no pixel sits on the border.
 */
export function grid(resolution: number, extent: number = PLANE_EXTENT): Tensor {
  checkRange('grid resolution', resolution, 1, 4096, true);
  if (!(extent > 0) || !Number.isFinite(extent)) {
    throw new RangeError(`grid extent must be a positive number, got ${String(extent)}`);
  }
  const out = zeros([resolution * resolution, 2]);
  const step = (2 * extent) / resolution;
  for (let row = 0; row < resolution; row++) {
    const y = extent - (row + 0.5) * step;
    for (let col = 0; col < resolution; col++) {
      const k = row * resolution + col;
      out.data[2 * k] = -extent + (col + 0.5) * step;
      out.data[2 * k + 1] = y;
    }
  }
  return out;
}
