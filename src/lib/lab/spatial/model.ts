import {
  Conv2d,
  Dropout,
  Dropout2d,
  Flatten,
  Identity,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  seedDropout,
  Seeds,
  type Module
} from '../../engine';

/**
 * The demo CNN of the spatial-dropout example, small enough that three training runs take seconds
 * in a Web Worker:
 *
 *   1×28×28 → Conv 8@3×3 → ReLU → [nothing | Dropout | Dropout2d] → MaxPool 2
 *           → Conv 16@3×3 → ReLU → MaxPool 2 → Flatten → Linear 10
 *
 * The three variants differ ONLY in the layer after the first ReLU, and are built from the same
 * seed, so they start from identical weights: any difference in the curves comes from the mask.
 */

/** Which dropout follows the first convolution: none, element-wise (`Dropout`), or spatial (`Dropout2d`). */
export type MaskKind = 'none' | 'element' | 'spatial';

/** The three variants, in the order the experiment trains and shows them. */
export const MASK_KINDS: readonly MaskKind[] = ['none', 'element', 'spatial'];

/** Human-readable names, shared by the chart legend, the table and the verdict. */
export const KIND_LABEL: Record<MaskKind, string> = {
  none: 'No dropout',
  element: 'Element-wise dropout',
  spatial: 'Spatial dropout'
};

/** Size of the digits the CNN reads: 28×28 grey pixels, one channel. */
export const IMAGE_SIDE = 28;
/** Feature maps (filters) of the first convolution: the maps the learner sees. */
export const CONV1_MAPS = 8;
/** Feature maps of the second convolution. */
export const CONV2_MAPS = 16;

/** What `demoCnn` returns: the network and handles on the layers the example looks at. */
export interface DemoCnn {
  /** The whole network (train it, evaluate it). */
  net: Sequential;
  /** The first convolution + ReLU: its output is the 8 feature maps that get masked. */
  features: Sequential;
  /** The dropout layer after the first ReLU (an Identity for 'none'). */
  dropout: Module;
}

/**
 * Builds the demo CNN. Weights come from `new Seeds(seed).stream('init')` (identical for every
 * kind), the dropout mask from the 'masks' stream. Padding 1 keeps 28×28 through each conv, so
 * the pools give 14×14 and then 7×7, and the Linear layer reads 16·7·7 = 784 numbers.
 */
export function demoCnn(kind: MaskKind, p: number, seed: number): DemoCnn {
  const seeds = new Seeds(seed);
  const init = seeds.stream('init');
  const conv1 = new Conv2d(1, CONV1_MAPS, 3, { padding: 1, rng: init });
  // The data needs no gradient: skip the most expensive product of the backward pass.
  conv1.needsInputGrad = false;
  const conv2 = new Conv2d(CONV1_MAPS, CONV2_MAPS, 3, { padding: 1, rng: init });
  const quarter = IMAGE_SIDE / 4;
  const head = new Linear(CONV2_MAPS * quarter * quarter, 10, { rng: init });
  const dropout = kind === 'element' ? new Dropout(p) : kind === 'spatial' ? new Dropout2d(p) : new Identity();
  const features = new Sequential(conv1, new ReLU());
  const net = new Sequential(
    features,
    dropout,
    new MaxPool2d(2),
    conv2,
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    head
  );
  seedDropout(net, seeds.stream('masks'));
  return { net, features, dropout };
}
