/**
 * Seeded randomness with independent named streams.
 *
 * Why streams: the twin experiment trains two networks that must share initial weights and
 * example order and differ *only* in dropout. If masks drew from the same generator as shuffling,
 * the dropout twin would consume extra numbers and see a different order. So every purpose
 * (data, init, shuffle, masks) has its own generator, derived from one seed and the stream name.
 *
 * Generator: xoshiro128** (32-bit state words, fast with Math.imul), seeded through splitmix32.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** A spare standard normal from the Box–Muller pair, or NaN when there is none. */
  private spare = NaN;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /**
   * mask[i] = 1 when next() ≥ p, else 0, for i < n: exactly the numbers n calls of `next()` would
   * draw, in order, but with the state in locals. Dropout draws one number per activation (200k
   * per step of a 1024-unit layer), and there the method call and four field writes per number
   * cost more than the arithmetic. For the 32-bit draw u, u/2³² ≥ p ⇔ u ≥ ⌈p·2³²⌉ exactly; both
   * sides are shifted by −2³¹ so the comparison stays in 32-bit integers (no conversion to double).
   */
  fillKeepMask(mask: Uint8Array, n: number, p: number): void {
    // p is in [0, 1] (Dropout checks it); p = 1 or just below keeps nothing, as next() < 1 always.
    const limit = Math.ceil(p * 4294967296);
    if (limit >= 4294967296) {
      mask.fill(0, 0, n);
      for (let i = 0; i < n; i++) this.nextUint32(); // the same numbers drawn, none kept
      return;
    }
    const threshold = (limit - 2147483648) | 0;
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let i = 0; i < n; i++) {
      const shifted = Math.imul(rotl(Math.imul(b, 5), 7), 9) ^ -2147483648; // u − 2³¹ as an int32
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      mask[i] = +(shifted >= threshold);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /**
   * Copies the four state words into `to[0..3]`, for a kernel that draws the same stream elsewhere
   * (the WebAssembly dropout); `loadState` takes them back afterwards.
   */
  saveState(to: Int32Array): void {
    to[0] = this.a;
    to[1] = this.b;
    to[2] = this.c;
    to[3] = this.d;
  }

  /** Sets the state words from `from[0..3]` (written by `saveState` and advanced by a kernel). */
  loadState(from: Int32Array): void {
    this.a = from[0];
    this.b = from[1];
    this.c = from[2];
    this.d = from[3];
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal N(0, 1) by Box–Muller. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a hash of a string, to turn a stream name into a number. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The independent streams a training run uses. */
export type StreamName = 'data' | 'init' | 'shuffle' | 'masks' | (string & {});

/**
 * One seed, many independent generators: `seeds.stream('masks')` always starts the same way for
 * the same seed, whatever other streams have been used.
 */
export class Seeds {
  constructor(public readonly seed: number) {}
  stream(name: StreamName): Random {
    return new Random((hashName(name) ^ Math.imul(this.seed >>> 0, 0x9e3779b1)) >>> 0);
  }
}
