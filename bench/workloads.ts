/**
 * The benchmark's workloads (bench/workload-specs.ts) and their data, shared by every engine so
 * they train the same networks on the same examples in the same order.
 */
import { existsSync } from 'node:fs';
import { makeTwoD } from '../src/lib/data/two-d';
import { loadMnistNode, MNIST_NODE_PATH } from '../src/lib/data/mnist-node';
import { mnistSplit } from '../src/lib/data/mnist';
export { grid } from '../src/lib/data/plane';
import { Random, Seeds, type Dataset } from '../src/lib/engine/index';

import { MNIST_BENCH_SPLIT } from './workload-specs';
export {
  MNIST_BENCH_SPLIT,
  workloads,
  type GridWorkload,
  type Target,
  type TrainWorkload,
  type Workload
} from './workload-specs';

/** Training data of a workload, plus a note saying where it came from. */
export interface BenchData {
  train: Dataset;
  source: string;
}

const cache = new Map<string, BenchData>();

/** The spiral (1000 points, half for training) or an MNIST subset (6000 training images). */
export function dataFor(which: 'spiral' | 'mnist'): BenchData {
  let d = cache.get(which);
  if (!d) {
    d = which === 'spiral' ? spiral() : mnist();
    cache.set(which, d);
  }
  return d;
}

function spiral(): BenchData {
  const split = makeTwoD('spiral', { rng: new Seeds(1).stream('data'), points: 1000 });
  return { train: split.train, source: 'spiral (src/lib/data/two-d.ts), 500 training points' };
}

function mnist(): BenchData {
  if (existsSync(MNIST_NODE_PATH)) {
    const split = mnistSplit(loadMnistNode(), MNIST_BENCH_SPLIT);
    return { train: split.train, source: 'MNIST (static/data/mnist-10k.bin), 6000 training images' };
  }
  // Without the data file (run `npm run gen`), synthesise inputs of the same shape and sparsity.
  const n = 6000;
  const rng = new Random(1);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = rng.next() < 0.8 ? 0 : rng.next();
  const y = Float32Array.from({ length: n }, () => rng.int(10));
  return {
    train: { x: { data: x, shape: [n, 784] }, y: { data: y, shape: [n] } },
    source: 'synthetic MNIST-like (80% zeros)'
  };
}
