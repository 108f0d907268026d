// A drawn set of three classes the unit tests share: `n` points a class in three well-separated groups
// (class 0 along the top, class 1 along the bottom, class 2 up the right side), snapped to the link's grid.
import { snap, type DrawnPoint } from '../../../src/lib/lab/user-data/drawn';

export function threeGroups(n = 8): DrawnPoint[] {
  const pts: DrawnPoint[] = [];
  for (let i = 0; i < n; i++)
    pts.push(
      snap({ x: -1 + 0.1 * i, y: 0.8, c: 0 }),
      snap({ x: -1 + 0.1 * i, y: -0.8, c: 1 }),
      snap({ x: 1.1, y: -0.4 + 0.1 * i, c: 2 })
    );
  return pts;
}
