import { pointMarks, type PointMarks } from './palette';

/**
 * `pointMarks`, remembered per points array: several planes side by side often draw the same
 * training points (the ensemble lab's average, weight-scaled and uncertainty maps), and each
 * would otherwise rebuild the same few kilobytes of path text in the task that mounts them.
 * Keyed weakly on `points`, so a new data set's arrays replace the old entry and nothing leaks.
 */
const cache = new WeakMap<
  ArrayLike<number>,
  { labels: ArrayLike<number>; dot: number; flipped: ArrayLike<number> | null; marks: PointMarks }
>();

export function cachedPointMarks(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  dot: number,
  flipped: ArrayLike<number> | null = null
): PointMarks {
  const hit = cache.get(points);
  if (hit && hit.labels === labels && hit.dot === dot && hit.flipped === flipped) return hit.marks;
  const marks = pointMarks(points, labels, dot, flipped);
  cache.set(points, { labels, dot, flipped, marks });
  return marks;
}
