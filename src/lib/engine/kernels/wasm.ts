import { linearWasmBase64 } from './generated/linear-wasm';
import { jsKernels } from './js';
import type { Random } from '../rng';
import type { AdamStep, FloatStore, LinearKernels } from './types';

/**
 * WebAssembly SIMD kernels for Linear layers (the module is hand-written in `linear.wat`).
 *
 * Every product is C += A·B with A mostly zeros (see linear.wat): we list A's nonzeros (`pack`),
 * add value·(row of B) for each (`spmm`, or `spmmTiled` when the layer's width is a multiple of
 * 16: B is then read from W a tile at a time, with no transposed or padded copy). Operands that already live in the module's memory
 * (parameters, gradients and optimiser state made with `allocate`, see FloatStore) are used in
 * place; any other array is copied in for the call and the result copied back. Nothing is cached
 * between calls, which keeps the kernels stateless and always correct.
 *
 * Memory layout: resident stores lie below `heapEnd` (first-fit blocks, handed back to a free
 * list once the store and every view of it are garbage collected); each call's scratch starts at
 * `heapEnd`. Growing the memory detaches all views, so a store re-derives its view when the
 * memory's generation has changed, and every call takes its resident operands' addresses before
 * it may grow the memory and re-derives their views after.
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

/** Stores smaller than this stay plain arrays: copying them costs less than a block of wasm memory is worth. */
const RESIDENT_MIN = 256;

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
    panel: number,
    out: number,
    starts: number,
    sums: number
  ): void;
  spmm(starts: number, rows: number, panels: number, b: number, c: number, m: number, fresh: number): void;
  spmmTiled(
    starts: number,
    rows: number,
    panels: number,
    w: number,
    k: number,
    c: number,
    m: number,
    s: number,
    trans: number,
    fresh: number
  ): void;
  transpose(src: number, rows: number, cols: number, dst: number, dstRowBytes: number): void;
  copyRows(dst: number, dstStep: number, src: number, srcStep: number, rows: number, rowBytes: number): void;
  tanh(x: number, y: number, n: number): void;
  momentum(w: number, g: number, v: number, n: number, lr: number, momentum: number, decay: number): void;
  dropout(x: number, y: number, mask: number, n: number, state: number, shifted: number, scale: number): void;
  dropoutBack(g: number, gx: number, mask: number, n: number, c: number): void;
  relu(x: number, y: number, n: number): void;
  adam(
    w: number,
    g: number,
    m: number,
    v: number,
    n: number,
    b1: number,
    b2: number,
    decay: number,
    stepSize: number,
    sqrtBc2: number,
    eps: number
  ): void;
  reluBack(g: number, y: number, gx: number, n: number): void;
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

/**
 * Row stride (in floats) for B with m columns: m itself unless rows would be 512·k bytes apart.
 * Only `matmul` still meets such widths: the Linear products of layers 16·k wide (all multiples of
 * 128 among them) read B in tiles (spmmTiled) and need no padding.
 */
function strideFor(m: number): number {
  // Rows a multiple of 512 bytes apart all map to the same few cache sets, so a column block of
  // B (one 64-byte piece per row) would evict itself: measured 2x slower for m = 1024. Padding
  // by one cache line spreads them. Otherwise no padding, so B is copied in with one set().
  return m % 128 === 0 ? m + 16 : m;
}

/** Rows of B per panel: spmm works through B a panel at a time so that the piece it reuses (panel × 64 bytes) stays in L1 (see linear.wat). */
const PANEL = 128;

/** A block of wasm memory holding one store; `refs` counts the store and its live views. */
interface Block {
  /** Byte address (64-byte aligned). */
  at: number;
  /** Length in bytes (a multiple of 64). */
  bytes: number;
  /** The store and the views of it not yet garbage collected; the block is free at 0. */
  refs: number;
}

/** A FloatStore in wasm memory: its view is re-derived after the memory has grown. */
class ResidentFloats implements FloatStore {
  private view: Float32Array;
  private generation: number;

  constructor(
    private readonly owner: WasmKernels,
    private readonly block: Block,
    private readonly length: number
  ) {
    owner.hold(this, block);
    this.view = owner.viewOf(block, length);
    this.generation = owner.generation;
  }

  get array(): Float32Array {
    if (this.generation !== this.owner.generation) {
      this.view = this.owner.viewOf(this.block, this.length);
      this.generation = this.owner.generation;
    }
    return this.view;
  }
}

/** The kernels bound to one wasm instance. Not re-entrant, like the layers that call them. */
class WasmKernels implements LinearKernels {
  readonly name = 'wasm-simd';
  /** Incremented whenever the memory grows (and every view of it is detached). */
  generation = 0;
  private f32: Float32Array;
  private u8: Uint8Array;
  private i32: Int32Array;
  private top = 0; // bump allocator: the next free byte in memory for the current call
  /** First byte above the resident stores: each call's scratch starts here. */
  private heapEnd = 0;
  /** Blocks of collected stores, reused first-fit. */
  private readonly free: Block[] = [];
  /** Releases a block's reference when its store or one of its views is collected. */
  private readonly finalizer = new FinalizationRegistry<Block>((b) => {
    if (--b.refs === 0) this.free.push(b);
  });
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

  allocate(n: number): FloatStore {
    if (n < RESIDENT_MIN) return { array: new Float32Array(n) };
    const bytes = (n * 4 + 63) & ~63;
    let block: Block | undefined;
    const i = this.free.findIndex((b) => b.bytes >= bytes);
    if (i >= 0) {
      block = this.free[i];
      this.free.splice(i, 1);
      if (block.bytes > bytes) this.free.push({ at: block.at + bytes, bytes: block.bytes - bytes, refs: 0 });
      block = { at: block.at, bytes, refs: 0 };
    } else {
      block = { at: this.heapEnd, bytes, refs: 0 };
      this.heapEnd += bytes;
      this.top = this.heapEnd;
      this.commit();
    }
    // a store starts at zero (a reused block, or memory earlier calls used as scratch)
    this.f32.fill(0, block.at >> 2, (block.at + bytes) >> 2);
    return new ResidentFloats(this, block, n);
  }

  /** Counts `owner` (a store or a view) as a user of `block` until it is collected. */
  hold(owner: object, block: Block): void {
    block.refs++;
    this.finalizer.register(owner, block);
  }

  /** A view of `block`'s first `length` floats in the current memory. */
  viewOf(block: Block, length: number): Float32Array {
    const view = new Float32Array(this.ex.memory.buffer, block.at, length);
    this.hold(view, block);
    return view;
  }

  /** Byte address of `a` if it is a view of the current memory, else -1 (then it is copied in). */
  private addr(a: Float32Array): number {
    return a.buffer === this.f32.buffer ? a.byteOffset : -1;
  }

  /** `a` itself, or a fresh view of its `length` floats at `at` when it lives in memory (the call may have grown it). */
  private live(a: Float32Array, at: number, length: number): Float32Array {
    return at < 0 ? a : this.f32.subarray(at >> 2, (at >> 2) + length);
  }

  /** Reserves `bytes` (64-byte aligned) in wasm memory for this call; returns the address. */
  private alloc(bytes: number): number {
    const at = this.top;
    this.top = (at + bytes + 63) & ~63;
    return at;
  }

  /** Reserves room for a copy of `a` unless it lives in memory (`at` ≥ 0, its address). */
  private room(at: number, bytes: number): number {
    return at >= 0 ? at : this.alloc(bytes);
  }

  /**
   * Makes the memory at least `top` bytes. Growing detaches the old ArrayBuffer, so this runs
   * before any view of the call is taken, and our views are re-created right after.
   */
  private commit(): void {
    const need = this.top - this.ex.memory.buffer.byteLength;
    if (need > 0) this.ex.memory.grow(Math.ceil(need / 65536));
    if (this.f32.buffer !== this.ex.memory.buffer) {
      this.f32 = new Float32Array(this.ex.memory.buffer);
      this.u8 = new Uint8Array(this.ex.memory.buffer);
      this.i32 = new Int32Array(this.ex.memory.buffer);
      this.generation++;
    }
  }

  /** Copies a rows×cols matrix into wasm memory at `at` with row stride `stride` floats (in wasm when it already lives there). */
  private putRows(src: Float32Array, rows: number, cols: number, at: number, stride: number): void {
    const base = at >> 2;
    const from = this.addr(src);
    if (stride === cols) this.f32.set(src.subarray(0, rows * cols), base);
    else if (from >= 0) this.ex.copyRows(at, stride * 4, from, cols * 4, rows, cols * 4);
    else for (let r = 0; r < rows; r++) this.f32.set(src.subarray(r * cols, r * cols + cols), base + r * stride);
  }

  /** Copies `count` floats of `src` to `at` unless `src` already is there. */
  private put(src: Float32Array, count: number, at: number): void {
    if (this.addr(src) !== at) this.f32.set(src.subarray(0, count), at >> 2);
  }

  /** Copies `count` floats from wasm memory at `at` into `dst` unless `dst` already is there. */
  private take(at: number, count: number, dst: Float32Array): void {
    if (this.addr(dst) !== at) dst.set(this.f32.subarray(at >> 2, (at >> 2) + count));
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
    // 16·k outputs: spmmTiled transposes W tile by tile; otherwise spmm needs all of Wᵀ first
    const tiled = outF % 16 === 0; // spmmTiled needs m = outF a multiple of 16 (else it would skip the last columns)
    const ldb = strideFor(outF); // B = Wᵀ, in × out
    const at0 = this.addr(x);
    const at1 = this.addr(w);
    const at2 = this.addr(b);
    const at3 = this.addr(y);
    this.top = this.heapEnd;
    const xA = this.room(at0, n * inF * 4);
    const wA = this.room(at1, outF * inF * 4);
    const bA = tiled ? this.alloc(PANEL * 64) : this.alloc(inF * ldb * 4); // the tile, or Wᵀ
    const biasA = this.room(at2, outF * 4);
    const cA = this.room(at3, n * outF * 4);
    const panels = Math.ceil(inF / PANEL);
    const startsA = this.alloc((n * panels + 1) * 4);
    const sumsA = this.alloc(n * 4);
    const packA = this.alloc((n * inF + 1) * 8);
    this.commit();
    this.put(this.live(x, at0, n * inF), n * inF, xA);
    this.put(this.live(w, at1, outF * inF), outF * inF, wA);
    this.put(this.live(b, at2, outF), outF, biasA);
    this.ex.copyRows(cA, outF * 4, biasA, 0, n, outF * 4); // C starts as the bias in every row
    // pack's offsets are those of B's rows: 64 bytes apart in the tile
    this.ex.pack(xA, n, inF, inF * 4, 4, tiled ? 64 : ldb * 4, PANEL, packA, startsA, sumsA);
    if (tiled) this.ex.spmmTiled(startsA, n, panels, wA, inF, cA, outF, bA, 1, 0);
    else {
      this.ex.transpose(wA, outF, inF, bA, ldb * 4);
      this.ex.spmm(startsA, n, panels, bA, cA, outF, 0);
    }
    this.take(cA, n * outF, this.live(y, at3, n * outF));
  }

  backwardInput(gy: Float32Array, w: Float32Array, gx: Float32Array, n: number, inF: number, outF: number): void {
    if (n * inF * outF < this.minWork) return jsKernels.backwardInput(gy, w, gx, n, inF, outF);
    // 16·k inputs: spmmTiled reads W in tiles; otherwise W may need a padded copy (see strideFor)
    const tiled = inF % 16 === 0;
    const ldb = tiled ? inF : strideFor(inF); // B = W, out × in
    const at0 = this.addr(gy);
    const at1 = this.addr(w);
    const at2 = this.addr(gx);
    this.top = this.heapEnd;
    const gyA = this.room(at0, n * outF * 4);
    const bA = ldb === inF ? this.room(at1, outF * ldb * 4) : this.alloc(outF * ldb * 4);
    const cA = this.room(at2, n * inF * 4);
    const panels = Math.ceil(outF / PANEL);
    const startsA = this.alloc((n * panels + 1) * 4);
    const sumsA = this.alloc(n * 4);
    const packA = this.alloc((n * outF + 1) * 8);
    const tileA = tiled ? this.alloc(PANEL * 64) : 0;
    this.commit();
    this.put(this.live(gy, at0, n * outF), n * outF, gyA);
    if (bA !== at1) this.putRows(this.live(w, at1, outF * inF), outF, inF, bA, ldb);
    this.ex.pack(gyA, n, outF, outF * 4, 4, tiled ? 64 : ldb * 4, PANEL, packA, startsA, sumsA);
    // C = A·B ("fresh"): nothing to clear first
    if (tiled) this.ex.spmmTiled(startsA, n, panels, bA, outF, cA, inF, tileA, 0, 1);
    else this.ex.spmm(startsA, n, panels, bA, cA, inF, 1);
    this.take(cA, n * inF, this.live(gx, at2, n * inF));
  }

  matmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
    if (m * k * n < this.minWork) return jsKernels.matmul(a, b, c, m, k, n);
    const ldb = strideFor(n);
    const at0 = this.addr(a);
    const at1 = this.addr(b);
    const at2 = this.addr(c);
    this.top = this.heapEnd;
    const aA = this.room(at0, m * k * 4);
    const bA = ldb === n ? this.room(at1, k * ldb * 4) : this.alloc(k * ldb * 4);
    const cA = this.room(at2, m * n * 4);
    const panels = Math.ceil(k / PANEL);
    const startsA = this.alloc((m * panels + 1) * 4);
    const sumsA = this.alloc(m * 4);
    const packA = this.alloc((m * k + 1) * 8);
    this.commit();
    this.put(this.live(a, at0, m * k), m * k, aA);
    if (bA !== at1) this.putRows(this.live(b, at1, k * n), k, n, bA, ldb);
    const cLive = this.live(c, at2, m * n);
    this.put(cLive, m * n, cA); // C accumulates
    this.ex.pack(aA, m, k, k * 4, 4, ldb * 4, PANEL, packA, startsA, sumsA);
    this.ex.spmm(startsA, m, panels, bA, cA, n, 0);
    this.take(cA, m * n, cLive);
  }

  /**
   * In place when w, g and v all live in wasm memory (parameters made with `allocate`: their
   * blocks have room for the padding lanes). Otherwise three copies in and two out, which still
   * cost less than the JS loop: those are memcpy, while JS turns every value into a float64 and
   * back (measured ~3× faster on the 270k weights of 784-256-256-10).
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
    const padded = (n + 3) & ~3; // padding lanes are computed but never read
    const at0 = this.addr(w);
    const at1 = this.addr(g);
    const at2 = this.addr(v);
    if (at0 >= 0 && at1 >= 0 && at2 >= 0 && w.length === n && g.length === n && v.length === n) {
      return this.ex.momentum(at0, at1, at2, padded, lr, momentum, weightDecay);
    }
    const bytes = padded * 4;
    this.top = this.heapEnd;
    const wA = this.room(at0, bytes);
    const gA = this.room(at1, bytes);
    const vA = this.room(at2, bytes);
    this.commit();
    const wLive = this.live(w, at0, n);
    const vLive = this.live(v, at2, n);
    this.put(wLive, n, wA);
    this.put(this.live(g, at1, n), n, gA);
    this.put(vLive, n, vA);
    this.ex.momentum(wA, gA, vA, padded, lr, momentum, weightDecay);
    this.take(wA, n, wLive);
    this.take(vA, n, vLive);
  }

  /**
   * Bit for bit the JS loop (see linear.wat), in place when all four arrays live in wasm memory
   * (the optimiser's state and the layers' parameters do), else through copies.
   */
  adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number, s: AdamStep): void {
    if (n < SGD_MIN) return jsKernels.adam(w, g, m, v, n, s);
    const even = n & ~1;
    const at0 = this.addr(w);
    const at1 = this.addr(g);
    const at2 = this.addr(m);
    const at3 = this.addr(v);
    this.top = this.heapEnd;
    const wA = this.room(at0, n * 4);
    const gA = this.room(at1, n * 4);
    const mA = this.room(at2, n * 4);
    const vA = this.room(at3, n * 4);
    this.commit(); // grows nothing when all four live in memory
    const wL = this.live(w, at0, n);
    const gL = this.live(g, at1, n);
    const mL = this.live(m, at2, n);
    const vL = this.live(v, at3, n);
    this.put(wL, n, wA);
    this.put(gL, n, gA);
    this.put(mL, n, mA);
    this.put(vL, n, vA);
    this.ex.adam(wA, gA, mA, vA, even, s.b1, s.b2, s.weightDecay, s.stepSize, s.sqrtBc2, s.eps);
    this.take(wA, even, wL);
    this.take(mA, even, mL);
    this.take(vA, even, vL);
    // the odd last value, by the JS loop on views of it (the same arithmetic)
    if (even < n) jsKernels.adam(wL.subarray(even), gL.subarray(even), mL.subarray(even), vL.subarray(even), 1, s);
  }

  /** Bit for bit the JS loop (see linear.wat): the generator's state goes in and comes back out. */
  dropout(rng: Random, x: Float32Array, y: Float32Array, mask: Uint8Array, n: number, p: number, scale: number): void {
    const limit = Math.ceil(p * 4294967296); // keep when the draw u ≥ limit, as Random.fillKeepMask
    if (n < DROPOUT_MIN || limit >= 4294967296) return jsKernels.dropout(rng, x, y, mask, n, p, scale);
    const at0 = this.addr(x);
    const at1 = this.addr(y);
    this.top = this.heapEnd;
    const xA = this.alloc(n * 4);
    const yA = this.alloc(n * 4);
    const maskA = this.alloc(n);
    const stateA = this.alloc(16);
    this.commit();
    this.f32.set(this.live(x, at0, n).subarray(0, n), xA >> 2);
    rng.saveState(this.state);
    this.i32.set(this.state, stateA >> 2);
    this.ex.dropout(xA, yA, maskA, n, stateA, (limit - 2147483648) | 0, scale);
    this.state.set(this.i32.subarray(stateA >> 2, (stateA >> 2) + 4));
    rng.loadState(this.state);
    this.take(yA, n, this.live(y, at1, n));
    mask.set(this.u8.subarray(maskA, maskA + n));
  }

  dropoutBackward(g: Float32Array, gx: Float32Array, mask: Uint8Array, n: number, c: number): void {
    if (n < DROPOUT_MIN) return jsKernels.dropoutBackward(g, gx, mask, n, c);
    const at0 = this.addr(g);
    const at1 = this.addr(gx);
    this.top = this.heapEnd;
    const gA = this.alloc(n * 4);
    const gxA = this.alloc(n * 4);
    const maskA = this.alloc(n);
    this.commit();
    this.f32.set(this.live(g, at0, n).subarray(0, n), gA >> 2);
    this.u8.set(mask.subarray(0, n), maskA);
    this.ex.dropoutBack(gA, gxA, maskA, n, c);
    this.take(gxA, n, this.live(gx, at1, n));
  }

  /** y = f(x) over n floats by the wasm function `f` of (x, y, n padded to 4): x is copied in, y out. */
  private unary(f: (x: number, y: number, n: number) => void, x: Float32Array, y: Float32Array, n: number): void {
    const padded = (n + 3) & ~3;
    const at0 = this.addr(x);
    const at1 = this.addr(y);
    this.top = this.heapEnd;
    const xA = this.alloc(padded * 4);
    const yA = this.alloc(padded * 4);
    this.commit();
    this.f32.set(this.live(x, at0, n).subarray(0, n), xA >> 2);
    f(xA, yA, padded); // the padding lanes compute garbage that is never read
    this.take(yA, n, this.live(y, at1, n));
  }

  /** At every size the layer hands over (it keeps small ones in JS): four values per instruction, no bounds checks. */
  relu(x: Float32Array, y: Float32Array, n: number): void {
    this.unary(this.ex.relu, x, y, n);
  }

  reluBackward(g: Float32Array, y: Float32Array, gx: Float32Array, n: number): void {
    const padded = (n + 3) & ~3;
    const at0 = this.addr(g);
    const at1 = this.addr(y);
    const at2 = this.addr(gx);
    this.top = this.heapEnd;
    const gA = this.alloc(padded * 4);
    const yA = this.alloc(padded * 4);
    const gxA = this.alloc(padded * 4);
    this.commit();
    this.f32.set(this.live(g, at0, n).subarray(0, n), gA >> 2);
    this.f32.set(this.live(y, at1, n).subarray(0, n), yA >> 2);
    this.ex.reluBack(gA, yA, gxA, padded);
    this.take(gxA, n, this.live(gx, at2, n));
  }

  tanh(x: Float32Array, y: Float32Array, n: number): void {
    if (n < TANH_MIN) return jsKernels.tanh(x, y, n);
    this.unary(this.ex.tanh, x, y, n);
  }

  backwardParams(
    gy: Float32Array,
    x: Float32Array,
    gw: Float32Array,
    gb: Float32Array,
    n: number,
    inF: number,
    outF: number,
    overwrite = false
  ): void {
    if (n * inF * outF < this.minWork) return jsKernels.backwardParams(gy, x, gw, gb, n, inF, outF, overwrite);
    const tiled = inF % 16 === 0; // then spmmTiled reads x in tiles: no padded copy
    const ldb = tiled ? inF : strideFor(inF); // B = x, n × in
    const at0 = this.addr(gy);
    const at1 = this.addr(x);
    const at2 = this.addr(gw);
    const at3 = this.addr(gb);
    this.top = this.heapEnd;
    const gyA = this.room(at0, n * outF * 4);
    const bA = ldb === inF ? this.room(at1, n * ldb * 4) : this.alloc(n * ldb * 4);
    const cA = this.room(at2, outF * inF * 4);
    const panels = Math.ceil(n / PANEL);
    const startsA = this.alloc((outF * panels + 1) * 4);
    const sumsA = this.alloc(outF * 4);
    const packA = this.alloc((n * outF + 1) * 8);
    const tileA = tiled ? this.alloc(PANEL * 64) : 0;
    this.commit();
    this.put(this.live(gy, at0, n * outF), n * outF, gyA);
    if (bA !== at1) this.putRows(this.live(x, at1, n * inF), n, inF, bA, ldb);
    const gwLive = this.live(gw, at2, outF * inF);
    if (!overwrite) this.put(gwLive, outF * inF, cA); // C starts as the old gradient
    // A = gyᵀ: row j of A is column j of gy, so step 4 bytes between rows and outF*4 along a row
    this.ex.pack(gyA, outF, n, 4, outF * 4, tiled ? 64 : ldb * 4, PANEL, packA, startsA, sumsA);
    if (tiled) this.ex.spmmTiled(startsA, outF, panels, bA, n, cA, inF, tileA, 0, overwrite ? 1 : 0);
    else this.ex.spmm(startsA, outF, panels, bA, cA, inF, overwrite ? 1 : 0);
    this.take(cA, outF * inF, gwLive);
    const gbLive = this.live(gb, at3, outF);
    const sums = sumsA >> 2;
    if (overwrite) gbLive.set(this.f32.subarray(sums, sums + outF));
    else for (let j = 0; j < outF; j++) gbLive[j] += this.f32[sums + j];
  }
}
