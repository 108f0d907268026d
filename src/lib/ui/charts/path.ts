/**
 * SVG path data for line charts, built in one pass without intermediate arrays: a live chart (the
 * twin run redraws several times a second, up to thousands of epochs) rebuilds its paths on every
 * update, so this is the chart's inner loop. Coordinates are rounded to 0.1 px.
 *
 * When a series has more points than `width` (more than one per pixel column), each column keeps
 * only its lowest and highest point (and the series its first and last): the drawn line looks the
 * same at this resolution, and the path stays at most two segments per pixel however long the run.
 */

/** A point in data units. */
export interface Pt {
  x: number;
  y: number;
}

type Scale = (v: number) => number;

/**
 * `v` rounded to 0.1 as text ("12.3", "12", "-0.5"): the same text as String(Math.round(v * 10) / 10),
 * but through small integers, which V8 turns into text several times faster than fractions.
 */
export function r1(v: number): string {
  const t = Math.round(v * 10);
  if (t >= 0 && t < 1e9) {
    const i = (t / 10) | 0;
    const d = t - i * 10;
    return d ? `${i}.${d}` : `${i}`;
  }
  return String(t / 10);
}

/**
 * The path of a series ("M x,y L x,y …"): points in x order; a gap wherever x or y is not finite;
 * y clamped to [yLo, yHi] (data units) before scaling. `width` is the plot width in pixels.
 */
export function linePath(points: readonly Pt[], sx: Scale, sy: Scale, yLo: number, yHi: number, width: number): string {
  let d = '';
  let pen = false;
  let drawn = -1;
  const put = (i: number) => {
    const p = points[i];
    const y = p.y < yLo ? yLo : p.y > yHi ? yHi : p.y;
    d += (pen ? 'L' : 'M') + r1(sx(p.x)) + ',' + r1(sy(y));
    pen = true;
    drawn = i;
  };
  const n = points.length;
  if (n <= width) {
    for (let i = 0; i < n; i++) {
      const p = points[i];
      if (!Number.isFinite(p.y) || !Number.isFinite(p.x)) pen = false;
      else put(i);
    }
    return d;
  }
  // Dense: one group per pixel column (a gap also closes a group); each group draws its lowest
  // and highest point in x order, and the series keeps its very first and last point.
  let col = NaN;
  let lo = -1;
  let hi = -1;
  const emit = () => {
    if (lo < 0) return;
    put(Math.min(lo, hi));
    if (hi !== lo) put(Math.max(lo, hi));
    lo = hi = -1;
  };
  let last = -1;
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (!Number.isFinite(p.y) || !Number.isFinite(p.x)) {
      emit();
      pen = false;
      col = NaN;
      continue;
    }
    if (last < 0) {
      put(i); // the series starts exactly where its data does
      last = i;
      col = Math.round(sx(p.x));
      continue;
    }
    last = i;
    const c = Math.round(sx(p.x));
    if (c !== col) {
      emit();
      col = c;
      lo = hi = i;
      continue;
    }
    if (lo < 0) lo = hi = i;
    else if (p.y < points[lo].y) lo = i;
    else if (p.y > points[hi].y) hi = i;
  }
  emit();
  if (pen && drawn !== last) put(last); // …and ends exactly where it does
  return d;
}

/**
 * The area between two series (a closed path along `a`, back along `b`), over the x values both
 * have with finite y. Both must be in ascending x order (as chart series are). Empty when fewer
 * than two x values are shared. Dense bands keep one point per pixel column (and the last).
 */
export function bandPath(
  a: readonly Pt[],
  b: readonly Pt[],
  sx: Scale,
  sy: Scale,
  yLo: number,
  yHi: number,
  width: number
): string {
  const xs: string[] = [];
  const ya: string[] = [];
  const yb: string[] = [];
  const dense = Math.min(a.length, b.length) > 2 * width;
  let col = NaN;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const p = a[i];
    const q = b[j];
    if (p.x < q.x) i++;
    else if (q.x < p.x) j++;
    else {
      if (Number.isFinite(p.y) && Number.isFinite(q.y) && Number.isFinite(p.x)) {
        const px = sx(p.x);
        const c = Math.round(px);
        if (!dense || c !== col || i === a.length - 1) {
          xs.push(r1(px));
          ya.push(r1(sy(p.y < yLo ? yLo : p.y > yHi ? yHi : p.y)));
          yb.push(r1(sy(q.y < yLo ? yLo : q.y > yHi ? yHi : q.y)));
          col = c;
        }
      }
      i++;
      j++;
    }
  }
  if (xs.length < 2) return '';
  let d = '';
  for (let k = 0; k < xs.length; k++) d += (k ? 'L' : 'M') + xs[k] + ',' + ya[k];
  for (let k = xs.length - 1; k >= 0; k--) d += 'L' + xs[k] + ',' + yb[k];
  return d + 'Z';
}

/** The smallest and largest finite x and y over several point lists, in one pass (null when there is none). */
export function pointsExtent(lists: readonly (readonly Pt[])[]): {
  x: [number, number] | null;
  y: [number, number] | null;
} {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const { x, y } = list[i];
      if (Number.isFinite(x)) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
      }
      if (Number.isFinite(y)) {
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return { x: x0 <= x1 ? [x0, x1] : null, y: y0 <= y1 ? [y0, y1] : null };
}
