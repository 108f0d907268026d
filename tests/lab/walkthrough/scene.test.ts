import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHAPTERS,
  EXAMPLE_SECONDS,
  WalkthroughScene,
  chapterStarts,
  WALKTHROUGH_NET,
  packSummary,
  totalDuration,
  trainWalkthroughNet,
  unpackSummary
} from '../../../src/lib/lab/walkthrough';

describe('WalkthroughScene', () => {
  let scene: WalkthroughScene;
  const starts = chapterStarts();
  const at = (chapter: number, local: number) => starts[chapter] + local;
  let params: Float32Array[];
  beforeAll(() => {
    params = trainWalkthroughNet();
    scene = new WalkthroughScene(params);
  });

  it('is built from the weights its worker trains: the same every time, and it refuses weights of another shape', () => {
    expect(trainWalkthroughNet()).toEqual(params);
    expect(scene.model.parameters().map((q) => Array.from(q.data))).toEqual(params.map((q) => Array.from(q)));
    expect(() => new WalkthroughScene(params.slice(1))).toThrow(/parameter arrays/);
    expect(() => new WalkthroughScene(params.map((q, i) => (i === 0 ? q.subarray(1) : q)))).toThrow(/expected/);
  });

  it('built from the summary its worker sends (packed, cloned as postMessage would), it shows the same frames', () => {
    const packed = packSummary(scene.summary());
    expect(packed.masks).toBeInstanceOf(Uint8Array);
    expect(packed.p.length).toBe(scene.summary().members.length);
    const cloned = structuredClone(packed, { transfer: [packed.masks.buffer, packed.p.buffer] });
    const twin = new WalkthroughScene(params, WALKTHROUGH_NET, CHAPTERS, unpackSummary(cloned));
    expect(twin.summary().members.map((m) => [m.mask.map((l) => Array.from(l)), m.p])).toEqual(
      scene.summary().members.map((m) => [m.mask.map((l) => Array.from(l)), m.p])
    );
    expect(twin.facts).toEqual(scene.facts);
    for (let i = 0; i < starts.length; i++)
      for (const local of [0.5, 6, 21, 40])
        expect(JSON.stringify(twin.frameAt(at(i, local)))).toBe(JSON.stringify(scene.frameAt(at(i, local))));
  });

  it('is a real trained network that classifies exclusive-or well above chance', () => {
    scene.model.eval();
    const out = scene.model.forward(scene.split.val.x).data;
    let right = 0;
    out.forEach((z, i) => (right += (z > 0 ? 1 : 0) === scene.split.val.y.data[i] ? 1 : 0));
    expect(right / out.length).toBeGreaterThan(0.8);
  });

  it('the same moment always gives the same frame, whatever was shown before (seeking is exact)', () => {
    const t = at(1, 7.3);
    const first = JSON.stringify(scene.frameAt(t));
    scene.frameAt(at(5, 20));
    scene.frameAt(at(0, 25));
    expect(JSON.stringify(scene.frameAt(t))).toBe(first);
  });

  it('chapter 1: dropped units pass on 0, kept ones their activation × 1/(1−p); the pass sweeps forward', () => {
    const f = scene.frameAt(at(0, 25));
    const hidden = f.layers.slice(1, 3).flat();
    expect(hidden.some((u) => u.kept === false)).toBe(true);
    for (const u of hidden) expect(u.out).toBeCloseTo(u.kept ? u.value * 2 : 0, 5);
    expect(scene.frameAt(at(0, 21)).reveal).toBeLessThan(scene.frameAt(at(0, 27)).reveal);
    expect(scene.frameAt(at(0, 2)).layers[1].every((u) => u.kept === null)).toBe(true); // before the mask: plain network
  });

  it('chapter 2: a new example and a new mask every few seconds, all recorded in the history', () => {
    const a = scene.frameAt(at(1, 0.5));
    const b = scene.frameAt(at(1, EXAMPLE_SECONDS + 0.5));
    expect(b.example.index).toBe(a.example.index + 1);
    const masks = Array.from({ length: 8 }, (_, s) =>
      JSON.stringify(
        scene
          .frameAt(at(1, s * EXAMPLE_SECONDS + 1))
          .layers.slice(1, 3)
          .map((l) => l.map((u) => u.kept))
      )
    );
    expect(new Set(masks).size).toBeGreaterThan(4);
    const later = scene.frameAt(at(1, 4 * EXAMPLE_SECONDS + 2));
    expect(later.history).toHaveLength(5);
    expect(later.history.at(-1)!.map((m) => Array.from(m))).toEqual(
      later.layers.slice(1, 3).map((l) => l.map((u) => (u.kept ? 1 : 0)))
    );
  });

  it('chapters 4–5: the bars are real averages — classic training ≈ (1 − p) × the full sum, inverted ≈ the full sum', () => {
    const classic = scene.frameAt(at(3, 30)).bars;
    expect(classic).toHaveLength(3);
    const [train, full, scaled] = classic.map((b) => b.value);
    expect(scaled).toBeCloseTo(full * 0.5, 6);
    // 1,000 masks: the average is within a few percent of its expectation (1 − p) × full.
    expect(Math.abs(train - 0.5 * full)).toBeLessThan(0.08 * Math.abs(full));
    const inverted = scene.frameAt(at(4, 30)).bars;
    expect(inverted).toHaveLength(2);
    expect(Math.abs(inverted[0].value - inverted[1].value)).toBeLessThan(0.16 * Math.abs(inverted[1].value));
    expect(scene.frameAt(at(3, 1)).bars).toHaveLength(0);
  });

  it('chapter 6: members accumulate and the running average is their mean', () => {
    const early = scene.frameAt(at(5, 2)).averaging!;
    const late = scene.frameAt(at(5, 40)).averaging!;
    expect(late.members.length).toBeGreaterThan(early.members.length);
    const mean = late.members.reduce((a, b) => a + b, 0) / late.members.length;
    expect(late.running.at(-1)).toBeCloseTo(mean, 10);
    expect(new Set(late.members).size).toBeGreaterThan(3); // different members predict differently
  });

  it('every caption has its numbers filled in, and the 2ⁿ count is right', () => {
    const seen = new Set<string>();
    for (let t = 0; t <= totalDuration(); t += 1) seen.add(scene.frameAt(t).caption);
    expect(seen.size).toBe(CHAPTERS.reduce((n, c) => n + c.cues.length, 0));
    for (const c of seen) expect(c).not.toMatch(/\{\w+\}|NaN|undefined/);
    expect([...seen].some((c) => c.includes('2^12 = 4,096'))).toBe(true);
  });
});
