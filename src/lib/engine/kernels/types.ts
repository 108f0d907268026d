/**
 * The three matrix products a fully connected layer needs. Every array is row-major Float32Array;
 * W is `[out, in]` as in PyTorch. Implementations: pure TypeScript (`kernels/js.ts`, always
 * available) and WebAssembly SIMD (`kernels/wasm.ts`), which must agree within float tolerance.
 *
 * Zeros are common (ReLU and dropout leave most units at zero, MNIST pixels are mostly zero),
 * and a zero needs no multiply: implementations skip zero entries of `x` and `gy` where it pays.
 */
export interface LinearKernels {
  /** Human-readable name, e.g. "wasm-simd" or "js". */
  readonly name: string;
  /** y[n×out] = x[n×in] · Wᵀ + b  (y is overwritten). */
  forward(x: Float32Array, w: Float32Array, b: Float32Array, y: Float32Array, n: number, inF: number, outF: number): void;
  /** gx[n×in] = gy[n×out] · W  (gx is overwritten). */
  backwardInput(gy: Float32Array, w: Float32Array, gx: Float32Array, n: number, inF: number, outF: number): void;
  /** gw[out×in] += gyᵀ · x  and  gb[out] += Σ over rows of gy  (accumulates). */
  backwardParams(gy: Float32Array, x: Float32Array, gw: Float32Array, gb: Float32Array, n: number, inF: number, outF: number): void;
  /** y[i] = tanh(x[i]) for i < n, to ~3e-7 absolute (the Tanh layer's hot loop; optional). */
  tanh?(x: Float32Array, y: Float32Array, n: number): void;
}
