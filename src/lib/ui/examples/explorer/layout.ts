/**
 * Where the explorer draws each neuron, in a fixed virtual box (VIEW_W × VIEW_H) that the page
 * scales to its width: the links are an SVG with this viewBox and the neuron buttons are placed
 * in percentages of it, so both line up at any size, from a 360 px phone to a desktop.
 */

/** Virtual width and height of one network drawing. */
export const VIEW_W = 400;
export const VIEW_H = 380;
/** Side of a hidden neuron's square, and of the output's decision map. */
export const NEURON = 36;
export const OUTPUT_SIZE = 76;

/** The centre of a node in virtual units. */
export interface Point {
  x: number;
  y: number;
}

/** Column centres: inputs, each hidden layer, output. */
function columnX(column: number, columns: number): number {
  const left = 22;
  const right = VIEW_W - OUTPUT_SIZE / 2 - 4;
  return left + ((right - left) * column) / (columns - 1);
}

/** Centres of `count` nodes spread down a column. */
function spread(x: number, count: number): Point[] {
  const top = NEURON / 2 + 6;
  const bottom = VIEW_H - NEURON / 2 - 6;
  if (count === 1) return [{ x, y: VIEW_H / 2 }];
  return Array.from({ length: count }, (_, i) => ({ x, y: top + ((bottom - top) * i) / (count - 1) }));
}

/** Positions of every node of a 2 → hidden… → 1 network: `[inputs, ...hidden layers, output]`. */
export function layoutOf(hidden: readonly number[]): Point[][] {
  const columns = hidden.length + 2;
  const inputs = spread(columnX(0, columns), 2).map((p, i) => ({ x: p.x, y: VIEW_H / 2 + (i === 0 ? -60 : 60) }));
  return [
    inputs,
    ...hidden.map((w, l) => spread(columnX(l + 1, columns), w)),
    spread(columnX(columns - 1, columns), 1)
  ];
}

/** CSS left/top/width of a square of virtual side `size` centred on `p`, as percentages of the box. */
export function boxStyle(p: Point, size: number): string {
  return `left:${((p.x - size / 2) / VIEW_W) * 100}%;top:${((p.y - size / 2) / VIEW_H) * 100}%;width:${(size / VIEW_W) * 100}%;height:${(size / VIEW_H) * 100}%`;
}
