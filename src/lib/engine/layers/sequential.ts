import { NO_GRADIENT } from './buffers';
import { Module, renamed, type Parameter } from '../module';
import type { Tensor } from '../tensor';

/**
 * A chain of modules, `torch.nn.Sequential`: forward runs them first to last, backward runs
 * their backward passes last to first (the chain rule, one link at a time).
 */
export class Sequential extends Module {
  /** The layers, in order. Do not reorder after training has started: parameters follow this order. */
  readonly modules: readonly Module[];

  constructor(...modules: Module[]) {
    super();
    this.modules = modules;
  }

  /** Number of layers. */
  get length(): number {
    return this.modules.length;
  }

  /** Layer `i`; negative `i` counts from the end (`at(-1)` is the last layer), as `Array.at`. */
  at(i: number): Module {
    const j = i < 0 ? this.modules.length + i : i;
    if (!Number.isInteger(j) || j < 0 || j >= this.modules.length) {
      throw new RangeError(`Sequential has ${this.modules.length} layers, no layer ${i}`);
    }
    return this.modules[j];
  }

  /** Feeds x through every layer in order. */
  override forward(x: Tensor): Tensor {
    let h = x;
    const m = this.modules;
    for (let i = 0; i < m.length; i++) h = m[i].forward(h);
    return h;
  }

  /** Feeds the gradient back through every layer in reverse order. */
  override backward(gradOut: Tensor): Tensor {
    let g = gradOut;
    const m = this.modules;
    for (let i = m.length - 1; i >= 0; i--) {
      g = m[i].backward(g);
      // A layer told not to compute its input gradient (Linear.needsInputGrad = false) ends the
      // chain: nothing before it needs a gradient, so the layers before it are skipped too.
      if (g === NO_GRADIENT) return g;
    }
    return g;
  }

  /**
   * Every layer's parameters, named with the layer's index as in PyTorch ("0.weight", "2.bias";
   * nested: "1.0.weight"). The returned objects read `data` and `grad` from the layers, so an
   * optimiser updating them in place updates the layers.
   */
  override parameters(): Parameter[] {
    const out: Parameter[] = [];
    this.modules.forEach((m, i) => {
      for (const p of m.parameters()) out.push(renamed(p, `${i}.${p.name}`));
    });
    return out;
  }

  /** The layers. */
  override children(): Module[] {
    return [...this.modules];
  }

  /** Sets every layer's gradients to zero (directly, without building the renamed list). */
  override zeroGrad(): void {
    for (const m of this.modules) m.zeroGrad();
  }

  /** PyTorch-style listing: "Sequential(\n  (0): Linear(2, 8)\n  (1): Tanh()\n)". */
  override toString(): string {
    if (this.modules.length === 0) return 'Sequential()';
    const lines = this.modules.map((m, i) => `  (${i}): ${String(m).replace(/\n/g, '\n  ')}`);
    return `Sequential(\n${lines.join('\n')}\n)`;
  }
}
