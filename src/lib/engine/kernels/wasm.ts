import { linearWasmBase64 } from './generated/linear-wasm';
import { jsKernels } from './js';
import type { Random } from '../rng';
import type { LinearKernels } from './types';

/**
 * WebAssembly SIMD kernels for Linear layers (the module is hand-written in `linear.wat`).
 *
 * Every product is C += A·B with A mostly zeros (see linear.wat): we copy the operands into the
 * module's memory, list A's nonzeros (`pack`), add value·(row of B) for each (`spmm`), and copy C
 * back. W changes after every optimiser step, so it is copied on every call; nothing is cached
 * between calls, which keeps the kernels stateless and always correct.
 *
 * Tiny layers (the 2→8→8→1 nets of the 2-D lessons) would spend more on the call and the copies
 * than on arithmetic, so below `SMALL_WORK` multiply-adds the calls go to the JS kernels.
 */

/** Multiply-adds (n·in·out) below which a call is cheaper in plain JS than via wasm copies (measured crossover ~500). */
export const SMALL_WORK = 512;

/** Below this many values a tanh is cheaper in JS than the copies into and out of wasm memory. */
const TANH_MIN = 256;

/** Below this many weights an SGD step is cheaper in JS than five copies to and from wasm memory. */
const SGD_MIN = 256;

/** Below this many activations dropout stays in JS (the 8-unit layers of the 2-D lessons). */
const DROPOUT_MIN = 256;

/** Options of `loadWasmKernels`. */
export interface WasmKernelOptions {
  /** Calls with fewer multiply-adds than this go to the JS kernels. Default `SMALL_WORK`; tests use 0. */
  minWork?: number;
}

/** The exports of linear.wat (addresses and steps are byte offsets into `memory`). */
interface Exports {
  memory: WebAssembly.Memory;
  pack(
    a: number,
    rows: number,
    cols: number,
    rowStep: number,
    colStep: number,
    bRowBytes: number,
    out: number,
    starts: number,
    sums: number
  ): void;
  spmm(starts: number, rows: number, b: number, c: number, m: number): void;
  transpose(src: number, rows: number, cols: number, dst: number, dstRowBytes: number): void;
  fillRows(dst: number, src: number, rows: number, rowBytes: number): void;
  tanh(x: number, y: number, n: number): void;
  momentum(w: number, g: number, v: number, n: number, lr: number, momentum: number, decay: number): void;
  dropout(x: number, y: number, mask: number, n: number, state: number, shifted: number, scale: number): void;
  dropoutBack(g: number, gx: number, mask: number, n: number, c: number): void;
}

/** The assembled module's bytes (decoded once). */
function wasmBytes(): Uint8Array<ArrayBuffer> {
  const bin = atob(linearWasmBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** True if this runtime has WebAssembly with SIMD (validating our own module answers exactly that). */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(wasmBytes());
  } catch {
    return false;
  }
}

/**
 * Compiles the kernels asynchronously (browsers forbid synchronous compilation of large modules
 * on the main thread). Resolves to null where WebAssembly SIMD is unavailable; then keep the
 * JS kernels. Usage: `const k = await loadWasmKernels(); if (k) useKernels(k);`
 */
export async function loadWasmKernels(options: WasmKernelOptions = {}): Promise<LinearKernels | null> {
  if (!wasmSimdSupported()) return null;
  const module = await WebAssembly.compile(wasmBytes());
  const instance = await WebAssembly.instantiate(module);
  return new WasmKernels(instance.exports as unknown as Exports, options.minWork ?? SMALL_WORK);
}

/** Synchronous variant of `loadWasmKernels`, for Node, tests and Web Workers. */
export function loadWasmKernelsSync(options: WasmKernelOptions = {}): LinearKernels | null {
  if (!wasmSimdSupported()) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()));
  return new WasmKernels(instance.exports as unknown as Exports, options.minWork ?? SMALL_WORK);
}

/** Row stride (in floats) for B with m columns: m itself unless rows would be 512·k bytes apart. */
function strideFor(m: number): number {
  // Rows a multiple of 512 bytes apart all map to the same few cache sets, so a column block of
  // B (one 64-byte piece per row) would evict itself: measured 2x slower for m = 1024. Padding
  // by one cache line spreads them. Otherwise no padding, so B is copied in with one set().
  return m % 128 === 0 ? m + 16 : m;
}

/** The kernels bound to one wasm instance. Not re-entrant, like the layers that call them. */
class WasmKernels implements LinearKernels {
  readonly name = 'wasm-simd';
  private f32: Float32Array;
  private u8: Uint8Array;
  private i32: Int32Array;
  private top = 0; // bump allocator: the next free byte in memory for the current call
  /** The generator's state words on their way to and from wasm memory (reused: no allocation per call). */
  private readonly state = new Int32Array(4);

  constructor(
    private readonly ex: Exports,
    private readonly minWork: number
  ) {
    this.f32 = new Float32Array(ex.memory.buffer);
    this.u8 = new Uint8Array(ex.memory.buffer);
    this.i32 = new Int32Array(ex.memory.buffer);
  }

  /** Reserves `bytes` (64-byte aligned) in wasm memory for this call; returns the address. */
  private alloc(bytes: number): number {
    const at = this.top;
    this.top = (at + bytes + 63) & ~63;
    return at;
  }

  /**
   * Makes the memory at least `top` bytes. Growing detaches the old ArrayBuffer, so this runs
   * before any view of the call is taken, and our only view is re-created right after.
   */
  private commit(): void {
    const need = this.top - this.ex.memory.buffer.byteLength;
    if (need > 0) this.ex.memory.grow(Math.ceil(need / 65536));
    if (this.f32.buffer !== this.ex.memory.buffer) {
      this.f32 = new Float32Array(this.ex.memory.buffer);
      this.u8 = new Uint8Array(this.ex.memory.buffer);
      this.i32 = new Int32Array(this.ex.memory.buffer);
    }
  }

  /** Copies a rows×cols matrix into wasm memory at `at` with row stride `stride` floats. */
  private putRows(src: Float32Array, rows: number, cols: number, at: number, stride: number): void {
    const base = at >> 2;
    if (stride === cols) this.f32.set(src.subarray(0, rows * cols), base);
    else for (let r = 0; r < rows; r++) this.f32.set(src.subarray(r * cols, r * cols + cols), base + r * stride);
  }

  /** Copies `count` floats from wasm memory at `at` into `dst`. */
  private take(at: number, count: number, dst: Float32Array): void {
    dst.set(this.f32.subarray(at >> 2, (at >> 2) + count));
  }

  forward(
    x: Float32Array,
    w: Float32Array,
    b: Float32Array,
    y: Float32Array,
    n: number,
    inF: number,
    outF: number
  ): void {
    if (n * inF * outF < this.minWork) return jsKernels.forward(x, w, b, y, n, inF, outF);
    const ldb = strideFor(outF); // B = Wᵀ, in × out
    this.top = 0;
    const xA = this.alloc(n * inF * 4);
    const wA = this.alloc(outF * inF * 4);
    const bA = this.alloc(inF * ldb * 4);
    const biasA = this.alloc(outF * 4);
    const cA = this.alloc(n * outF * 4);
    const startsA = this.alloc((n + 1) * 4);
    const sumsA = this.alloc(n * 4);
    const packA = this.alloc((n * inF + 1) * 8);
    this.commit();
    this.f32.set(x.subarray(0, n * inF), xA >> 2);
    this.f32.set(w.subarray(0, outF * inF), wA >> 2);
    this.f32.set(b.subarray(0, outF), biasA >> 2);
    this.ex.transpose(wA, outF, inF, bA, ldb * 4);
    this.ex.fillRows(cA, biasA, n, outF * 4); // C starts as the bias in every row
    this.ex.pack(xA, n, inF, inF * 4, 4, ldb * 4, packA, startsA, sumsA);
    this.ex.spmm(startsA, n, bA, cA, outF);
    this.take(cA, n * outF, y);
  }

  backwardInput(gy: Float32Array, w: Float32Array, gx: Float32Array, n: number, inF: number, outF: number): void {
    if (n * inF * outF < this.minWork) return jsKernels.backwardInput(gy, w, gx, n, inF, outF);
    const ldb = strideFor(inF); // B = W, out × in
    this.top = 0;
    const gyA = this.alloc(n * outF * 4);
    const bA = this.alloc(outF * ldb * 4);
    const cA = this.alloc(n * inF * 4);
    const startsA = this.alloc((n + 1) * 4);
    const sumsA = this.alloc(n * 4);
    const packA = this.alloc((n * outF + 1) * 8);
    this.commit();
    this.f32.set(gy.subarray(0, n * outF), gyA >> 2);
    this.putRows(w, outF, inF, bA, ldb);
    this.f32.fill(0, cA >> 2, (cA >> 2) + n * inF); // C starts at zero
    this.ex.pack(gyA, n, outF, outF * 4, 4, ldb * 4, packA, startsA, sumsA);
    this.ex.spmm(startsA, n, bA, cA, inF);
    this.take(cA, n * inF, gx);
  }

  matmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
    if (m * k * n < this.minWork) return jsKernels.matmul(a, b, c, m, k, n);
    const ldb = strideFor(n);
    this.top = 0;
    const aA = this.alloc(m * k * 4);
    const bA = this.alloc(k * ldb * 4);
    const cA = this.alloc(m * n * 4);
    const startsA = this.alloc((m + 1) * 4);
    const sumsA = this.alloc(m * 4);
    const packA = this.alloc((m * k + 1) * 8);
    this.commit();
    this.f32.set(a.subarray(0, m * k), aA >> 2);
    this.putRows(b, k, n, bA, ldb);
    this.f32.set(c.subarray(0, m * n), cA >> 2); // C accumulates
    this.ex.pack(aA, m, k, k * 4, 4, ldb * 4, packA, startsA, sumsA);
    this.ex.spmm(startsA, m, bA, cA, n);
    this.take(cA, m * n, c);
  }

  /**
   * Three copies in and two out cost less than the JS loop: those are memcpy, while JS turns every
   * value into a float64 and back (measured ~3× faster on the 270k weights of 784-256-256-10).
   */
  sgdMomentum(
    w: Float32Array,
    g: Float32Array,
    v: Float32Array,
    n: number,
    lr: number,
    momentum: number,
    weightDecay: number
  ): void {
    if (n < SGD_MIN) return jsKernels.sgdMomentum(w, g, v, n, lr, momentum, weightDecay);
    const bytes = ((n + 3) & ~3) * 4;
    this.top = 0;
    const wA = this.alloc(bytes);
    const gA = this.alloc(bytes);
    const vA = this.alloc(bytes);
    this.commit();
    this.f32.set(w.subarray(0, n), wA >> 2);
    this.f32.set(g.subarray(0, n), gA >> 2);
    this.f32.set(v.subarray(0, n), vA >> 2);
    this.ex.momentum(wA, gA, vA, (n + 3) & ~3, lr, momentum, weightDecay); // padding lanes are never read
    this.take(wA, n, w);
    this.take(vA, n, v);
  }

  /** Bit for bit the JS loop (see linear.wat): the generator's state goes in and comes back out. */
  dropout(rng: Random, x: Float32Array, y: Float32Array, mask: Uint8Array, n: number, p: number, scale: number): void {
    const limit = Math.ceil(p * 4294967296); // keep when the draw u ≥ limit, as Random.fillKeepMask
    if (n < DROPOUT_MIN || limit >= 4294967296) return jsKernels.dropout(rng, x, y, mask, n, p, scale);
    this.top = 0;
    const xA = this.alloc(n * 4);
    const yA = this.alloc(n * 4);
    const maskA = this.alloc(n);
    const stateA = this.alloc(16);
    this.commit();
    this.f32.set(x.subarray(0, n), xA >> 2);
    rng.saveState(this.state);
    this.i32.set(this.state, stateA >> 2);
    this.ex.dropout(xA, yA, maskA, n, stateA, (limit - 2147483648) | 0, scale);
    this.state.set(this.i32.subarray(stateA >> 2, (stateA >> 2) + 4));
    rng.loadState(this.state);
    this.take(yA, n, y);
    mask.set(this.u8.subarray(maskA, maskA + n));
  }

  dropoutBackward(g: Float32Array, gx: Float32Array, mask: Uint8Array, n: number, c: number): void {
    if (n < DROPOUT_MIN) return jsKernels.dropoutBackward(g, gx, mask, n, c);
    this.top = 0;
    const gA = this.alloc(n * 4);
    const gxA = this.alloc(n * 4);
    const maskA = this.alloc(n);
    this.commit();
    this.f32.set(g.subarray(0, n), gA >> 2);
    this.u8.set(mask.subarray(0, n), maskA);
    this.ex.dropoutBack(gA, gxA, maskA, n, c);
    this.take(gxA, n, gx);
  }

  tanh(x: Float32Array, y: Float32Array, n: number): void {
    if (n < TANH_MIN) return jsKernels.tanh(x, y, n);
    const padded = (n + 3) & ~3;
    this.top = 0;
    const xA = this.alloc(padded * 4);
    const yA = this.alloc(padded * 4);
    this.commit();
    this.f32.set(x.subarray(0, n), xA >> 2);
    this.ex.tanh(xA, yA, padded); // the padding lanes compute garbage that is never read
    this.take(yA, n, y);
  }

  backwardParams(
    gy: Float32Array,
    x: Float32Array,
    gw: Float32Array,
    gb: Float32Array,
    n: number,
    inF: number,
    outF: number
  ): void {
    if (n * inF * outF < this.minWork) return jsKernels.backwardParams(gy, x, gw, gb, n, inF, outF);
    const ldb = strideFor(inF); // B = x, n × in
    this.top = 0;
    const gyA = this.alloc(n * outF * 4);
    const bA = this.alloc(n * ldb * 4);
    const cA = this.alloc(outF * inF * 4);
    const startsA = this.alloc((outF + 1) * 4);
    const sumsA = this.alloc(outF * 4);
    const packA = this.alloc((n * outF + 1) * 8);
    this.commit();
    this.f32.set(gy.subarray(0, n * outF), gyA >> 2);
    this.putRows(x, n, inF, bA, ldb);
    this.f32.set(gw.subarray(0, outF * inF), cA >> 2); // C starts as the old gradient
    // A = gyᵀ: row j of A is column j of gy, so step 4 bytes between rows and outF*4 along a row
    this.ex.pack(gyA, outF, n, 4, outF * 4, ldb * 4, packA, startsA, sumsA);
    this.ex.spmm(startsA, outF, bA, cA, inF);
    this.take(cA, outF * inF, gw);
    const sums = sumsA >> 2;
    for (let j = 0; j < outF; j++) gb[j] += this.f32[sums + j];
  }
}
