// The explorer's network drawing (src/lib/ui/examples/explorer/network-canvas.ts): every link of a
// 2-8-8-1 net, the right ones greyed for a mask, and one canvas pass that draws the greyed links, the
// kept links and every hidden map (faded when dropped). The pixels themselves are checked in Chromium
// (tests/browser/explorer.test.ts); here, what is drawn where, with a recording 2-D context.
import { describe, expect, it } from 'vitest';
import { keepAll, toggled } from '../../src/lib/lab/masks';
import { layoutOf, NEURON, OUTPUT_SIZE, VIEW_W } from '../../src/lib/ui/examples/explorer/layout';
import {
  DROPPED_ALPHA,
  drawNetwork,
  linkColors,
  linksOf,
  offLinks,
  type LinkWeights,
  type MapSource
} from '../../src/lib/ui/examples/explorer/network-canvas';

const hidden = [8, 8];
const pos = layoutOf(hidden);
/** Weights of a 2-8-8-1 net: value = ±(index + 1), so every link is identifiable. */
const weights: LinkWeights[] = [
  [2, 8],
  [8, 8],
  [8, 1]
].map(([inFeatures, outFeatures]) => ({
  inFeatures,
  outFeatures,
  data: Float32Array.from({ length: inFeatures * outFeatures }, (_, i) => (i % 3 === 0 ? -1 : 1) * (i + 1))
}));

describe('linksOf', () => {
  const links = linksOf(weights, pos);
  it('has one link per weight, normalised by the largest |weight|, from node edge to node edge', () => {
    expect(links).toHaveLength(2 * 8 + 8 * 8 + 8 * 1);
    expect(Math.max(...links.map((l) => Math.abs(l.w)))).toBeCloseTo(1, 6);
    const l = links.find((k) => k.col === 1 && k.from === 2 && k.to === 5)!;
    expect(l.w).toBeCloseTo(weights[1].data[5 * 8 + 2] / 64, 6);
    expect(l.x1).toBeCloseTo(pos[1][2].x + NEURON / 2, 6);
    expect(l.x2).toBeCloseTo(pos[2][5].x - NEURON / 2, 6);
    expect(l.y1).toBe(pos[1][2].y);
    expect(l.y2).toBe(pos[2][5].y);
  });

  it('greys exactly the links into or out of a dropped neuron', () => {
    let mask = toggled(keepAll(hidden), 1, 3);
    mask = toggled(mask, 0, 0);
    const off = new Uint8Array(links.length);
    const n = offLinks(links, mask, off);
    links.forEach((l, k) => {
      const src = l.col > 0 && mask[l.col - 1][l.from] === 0;
      const dst = l.col < hidden.length && mask[l.col][l.to] === 0;
      expect(off[k], `link ${k}`).toBe(src || dst ? 1 : 0);
    });
    // (0,0): 2 in + 8 out; (1,3): 8 in (one of them from (0,0), already counted) + 1 out.
    expect(n).toBe(2 + 8 + 7 + 1);
    expect(offLinks(links, keepAll(hidden), off)).toBe(0);
    expect(Array.from(off).every((v) => v === 0)).toBe(true);
  });

  it('three logits (a three-class drawn set) fan into the one decision map, one height per class', () => {
    const three = [...weights.slice(0, 2), { inFeatures: 8, outFeatures: 3, data: new Float32Array(24).fill(0.5) }];
    const out = linksOf(three, pos).filter((l) => l.col === 2);
    expect(out).toHaveLength(8 * 3);
    const heights = [0, 1, 2].map((k) => new Set(out.filter((l) => l.to === k).map((l) => l.y2)));
    expect(heights.map((h) => h.size)).toEqual([1, 1, 1]);
    const [a, b, c] = heights.map((h) => [...h][0]);
    expect(a).toBeLessThan(b);
    expect(b).toBeCloseTo(pos[3][0].y, 6);
    expect(c).toBeGreaterThan(b);
    expect(c - a).toBeLessThan(OUTPUT_SIZE);
    expect(out.every((l) => Number.isFinite(l.x2) && Number.isFinite(l.y2))).toBe(true);
  });
});

/** A 2-D context that records strokes and image copies (with the alpha they were drawn at). */
function recorder() {
  const calls = {
    strokes: 0,
    segments: 0,
    images: [] as { row: number; alpha: number; x: number; w: number }[],
    cleared: 0
  };
  const ctx = {
    globalAlpha: 1,
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    setTransform: () => {},
    clearRect: () => calls.cleared++,
    save: () => {},
    restore: () => {
      ctx.globalAlpha = 1;
    },
    setLineDash: () => {},
    beginPath: () => {},
    moveTo: () => {},
    lineTo: () => calls.segments++,
    stroke: () => calls.strokes++,
    drawImage: (
      _src: unknown,
      _sx: number,
      sy: number,
      _sw: number,
      _sh: number,
      dx: number,
      _dy: number,
      dw: number
    ) => calls.images.push({ row: sy / 64, alpha: ctx.globalAlpha, x: dx, w: dw })
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe('drawNetwork', () => {
  const links = linksOf(weights, pos);
  const maps: MapSource = { canvas: {} as HTMLCanvasElement, resolution: 64, index: (layer, unit) => layer * 8 + unit };

  it('draws every link once (greyed ones in one stroke) and every hidden map, faded when dropped', () => {
    const mask = toggled(keepAll(hidden), 1, 3);
    const off = new Uint8Array(links.length);
    const n = offLinks(links, mask, off);
    const { ctx, calls } = recorder();
    drawNetwork(ctx, 800, 760, { links, off, colors: linkColors('#545b64'), pos, hidden, mask, maps, ratio: 2 });
    expect(calls.cleared).toBe(1);
    expect(calls.segments).toBe(links.length);
    expect(calls.strokes).toBe(links.length - n + 1);
    expect(calls.images).toHaveLength(16);
    expect(calls.images.map((i) => i.row).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    for (const img of calls.images) expect(img.alpha).toBe(img.row === 8 + 3 ? DROPPED_ALPHA : 1);
    // Inside the button's 2 px border: at 2 device px per CSS px and 800 px for VIEW_W units.
    const inset = (2 * 2) / (800 / VIEW_W);
    const first = calls.images.find((i) => i.row === 0)!;
    expect(first.x).toBeCloseTo(pos[1][0].x - NEURON / 2 + inset, 6);
    expect(first.w).toBeCloseTo(NEURON - 2 * inset, 6);
  });

  it('draws only links when the maps are not there yet', () => {
    const off = new Uint8Array(links.length);
    const { ctx, calls } = recorder();
    drawNetwork(ctx, 400, 380, {
      links,
      off,
      colors: linkColors(''),
      pos,
      hidden,
      mask: keepAll(hidden),
      maps: null,
      ratio: 1
    });
    expect(calls.images).toHaveLength(0);
    expect(calls.strokes).toBe(links.length + 1);
  });

  it('falls back to a grey for greyed links when --muted is empty', () => {
    expect(linkColors('  ').off).toBe('rgb(120 120 120)');
    expect(linkColors(' #a9afb8 ').off).toBe('#a9afb8');
  });
});
