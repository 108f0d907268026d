import type { ActivationName } from '../../engine';
import type { TwoDName } from '../../data';

/**
 * The fixed recipes of the neuron explorer: one per 2-D data set. Everything that decides what
 * the learner sees is pinned here (data seed, architecture, training length, optimiser), so every
 * visit trains the same two networks and draws the same pictures.
 *
 * Why these numbers: the architecture is small enough to draw every neuron's feature map (two
 * hidden layers of 8 → 16 maps per network, 2¹⁶ thinned networks), yet big enough to solve the
 * shapes. The dropout twin drops with p = `dropP` in both hidden layers; the plain twin has the
 * same layers at p = 0. They were tuned in Node (tests/lab/explorer) so that the dropout twin's
 * robustness curve stays above the plain twin's once two or more neurons are knocked out.
 */
export interface ExplorerPreset {
  /** The data set, one of the 2-D shapes. */
  dataset: TwoDName;
  /** Menu label, e.g. "Two moons". */
  label: string;
  /** Seed of every random stream (data, init, shuffle, masks). */
  seed: number;
  /** Points in the data set (train + validation). */
  points: number;
  /** Input noise of the data set (std, plane units). */
  noise: number;
  /** Width of each hidden layer. */
  hidden: readonly number[];
  /** Non-linearity: tanh, so every feature map lives on the same −1…+1 colour scale. */
  activation: ActivationName;
  /** Drop probability of the dropout twin's hidden layers during training. */
  dropP: number;
  /** Epochs each twin is trained for. */
  epochs: number;
  /** Adam's learning rate. */
  lr: number;
  /** Examples per step. */
  batchSize: number;
}

const COMMON = {
  seed: 7,
  points: 400,
  noise: 0.1,
  hidden: [8, 8],
  activation: 'tanh',
  batchSize: 16,
  dropP: 0.3,
  epochs: 200,
  lr: 0.05
} as const;

/**
 * The presets, in menu order; the first is the default. No spiral: a 2-8-8-1 tanh network does
 * not learn it in a couple of seconds (about 65% validation accuracy in Node), and a wider net
 * would have too many maps to draw on a phone.
 */
export const EXPLORER_PRESETS: readonly ExplorerPreset[] = [
  { ...COMMON, dataset: 'moons', label: 'Two moons' },
  { ...COMMON, dataset: 'circle', label: 'Circle' },
  { ...COMMON, dataset: 'xor', label: 'Exclusive or' }
];

/** The preset for `dataset`, or the default (first) one when there is none. */
export function presetFor(dataset: string): ExplorerPreset {
  return EXPLORER_PRESETS.find((p) => p.dataset === dataset) ?? EXPLORER_PRESETS[0];
}
