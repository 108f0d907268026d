import { floats, type FloatStore } from '../kernels/index';
import { zeroGradOf, type Parameter } from '../module';

/**
 * What every optimiser shares, like `torch.optim.Optimizer`: the parameters it updates, a learning
 * rate you can change between steps (for schedules and the lesson's slider), and `zeroGrad`.
 */
export abstract class Optimizer {
  /** The parameters updated by `step()`, in the order given. */
  readonly params: readonly Parameter[];
  /** Number of `step()` calls so far (Adam's bias correction needs it). */
  stepCount = 0;
  private _lr: number;

  constructor(params: readonly Parameter[], lr: number, who: string) {
    if (params.length === 0) throw new RangeError(`${who} got an empty parameter list`);
    for (const p of params) {
      if (p.grad.length !== p.data.length) {
        throw new RangeError(
          `${who}: parameter "${p.name}" has ${p.data.length} values but ${p.grad.length} gradients`
        );
      }
    }
    this.params = [...params];
    this._lr = checkLr(lr, who);
  }

  /** Learning rate: the size of each step. Setting it validates it (must be a positive number). */
  get lr(): number {
    return this._lr;
  }
  set lr(value: number) {
    this._lr = checkLr(value, this.toString());
  }

  /** Sets every parameter's gradient to zero (call before each backward pass). */
  zeroGrad(): void {
    for (const p of this.params) zeroGradOf(p);
  }

  /** Updates every parameter in place from its current gradient. */
  abstract step(): void;

  /** Short description with the settings, e.g. "SGD(lr=0.1, momentum=0.9)". */
  abstract toString(): string;
}

function checkLr(lr: number, who: string): number {
  if (!(lr > 0) || !Number.isFinite(lr))
    throw new RangeError(`${who}: learning rate must be a positive number, got ${lr}`);
  return lr;
}

/** Throws a RangeError unless lo ≤ value < hi (or ≤ hi when `closed`), naming the option. */
export function checkRange(value: number, lo: number, hi: number, name: string, who: string, closed = false): number {
  const ok = value >= lo && (closed ? value <= hi : value < hi);
  if (!ok) {
    throw new RangeError(`${who}: ${name} must be in [${lo}, ${hi}${closed ? ']' : ')'}, got ${value}`);
  }
  return value;
}

/** One zeroed state buffer per parameter (momentum, Adam moments), allocated once where the kernels want it (read `.array` afresh). */
export function stateLike(params: readonly Parameter[]): FloatStore[] {
  return params.map((p) => floats(p.data.length));
}
