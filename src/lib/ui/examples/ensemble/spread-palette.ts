import { colorAt } from '../../heatmap/palette';

/**
 * A one-sided scale for spreads (standard deviations are never negative): the blue half of the
 * shared diverging palette, near-white (the members agree) → deep blue (they disagree most).
 */
export const SPREAD_LUT: Uint32Array = (() => {
  const lut = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = colorAt(0.5 + i / 510);
    lut[i] = (255 << 24) | (b << 16) | (g << 8) | r;
  }
  return lut;
})();

/** The CSS gradient of SPREAD_LUT, for its legend. */
export function spreadGradient(): string {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `rgb(${colorAt(0.5 + t / 2).join(' ')}) ${t * 100}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
